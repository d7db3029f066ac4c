/**
 * `npm run bench [-- --quick]`: the skill against its baselines, every figure a ratio from this one run.
 * Every measured process is a child of its own (build/bench-child.js), taken in turns, so that a noisy
 * moment falls on every subject alike:
 *
 * - bare node (`node -e 0`);
 * - the ask-sdk hello-world skill, bundled with the skill's own esbuild options (build/hello.js);
 * - the usual peer: ask-sdk with the official DynamoDB persistence adapter (AWS SDK v2), from
 *   node_modules, as such skills are deployed (build/peer.js);
 * - the skill's bundle, with preferences in memory, and in DynamoDB (a local dynalite on loopback,
 *   reached through AWS_ENDPOINT_URL_DYNAMODB as the client is on Lambda).
 *
 * Node runs with the heap flags Lambda's runtime puts on the command line for the template's
 * MemorySize, and the template's NODE_OPTIONS. The load test runs the real server in its own process,
 * and the load generator in another. Prints one table of targets and writes bench/results.json. A
 * benchmark, not a test: it reports each target, and by how much it misses, but never fails on one.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { localTable } from './dynamo';
import { formatReport, runLoadBenchmark, type LoadReport } from './load';
import { cleanEnv, LAMBDA_MEMORY_MB, LAMBDA_NODE_OPTIONS, lambdaFlags, NODE_FLAGS } from './node';
import { KINDS, type Kind } from './requests';
import { isRecord } from '../lambda/src/json';

const ROOT = join(__dirname, '..');
const CHILD = join(ROOT, 'build', 'bench-child.js');
const BUNDLE_FILE = join(ROOT, 'lambda', 'dist', 'index.js');
const HELLO_FILE = join(ROOT, 'build', 'hello.js');
const PEER_FILE = join(ROOT, 'build', 'peer.js');
const RESULTS = join(ROOT, 'bench', 'results.json');

const quick = process.argv.includes('--quick');
const COLD_RUNS = quick ? 5 : 11;
const WARM_PROCESSES = quick ? 1 : 3;
const WARM_ROUNDS = quick ? 1000 : 2000;
const MEMORY_REQUESTS = quick ? 20_000 : 100_000;
const DYNAMO_MEMORY_REQUESTS = quick ? 5_000 : 20_000;
/**
 * The other heap flags only show which flags take effect (the target is on the deployed ones): fewer
 * requests, so that the run stays inside five minutes on busy shared cores.
 */
const FLAG_COMPARISON_REQUESTS = quick ? 10_000 : 20_000;
const THROUGHPUT_ROUNDS = quick ? 1 : 3;
const THROUGHPUT_REQUESTS = quick ? 10_000 : 20_000;
const GROWTH_REQUESTS = quick ? 10_000 : 20_000;
const LOAD_SECONDS = quick ? 5 : 8;

const TARGETS = {
  bundleBytes: 300 * 1024,
  coldRatio: 1.4,
  warmP99Ratio: 5,
  peakRssBytes: 80 * 1024 * 1024,
  throughputLoss: 0.1,
  serverRatio: 0.5,
  p99Ms: 50,
};

const MiB = 1024 * 1024;

interface Subject {
  name: string;
  /** The file the child loads: a module exporting an async `handler`. */
  module: string;
  env: Record<string, string>;
}

/** The heap flags a child runs with: node's command line, and NODE_OPTIONS. */
interface Flags {
  name: string;
  args: readonly string[];
  nodeOptions: string;
}

const deployed: Flags = {
  name: `${LAMBDA_MEMORY_MB} MB + NODE_OPTIONS, as deployed`,
  args: NODE_FLAGS,
  nodeOptions: LAMBDA_NODE_OPTIONS,
};

interface Finished {
  wallMs: number;
  result: unknown;
}

const childNotes = new Set<string>();

/** Runs node with `args`; the wall time runs from spawn to exit. The child's result comes on fd 3. */
function runNode(args: string[], env: Record<string, string>, flags: Flags = deployed): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let exitedAt = 0;
    const nodeEnv: Record<string, string> = flags.nodeOptions === '' ? {} : { NODE_OPTIONS: flags.nodeOptions };
    const child = spawn(process.execPath, [...flags.args, ...args], {
      env: cleanEnv({ ...env, ...nodeEnv }),
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    const [, stdout, stderr, results] = child.stdio;
    if (stdout === null || stderr === null || results === null || results === undefined)
      throw new Error('the child has no pipes');
    // The skill's log lines: drained, as Lambda's runtime drains them.
    stdout.resume();
    let errors = '';
    stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    let result = '';
    results.on('data', (chunk: Buffer) => {
      result += chunk.toString();
    });
    child.on('exit', () => {
      exitedAt = performance.now();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`node ${args.join(' ')} exited with ${code}:\n${errors}`));
        return;
      }
      if (errors.trim() !== '') childNotes.add(errors.trim().replace(/^\(node:\d+\) /gm, ''));
      resolve({ wallMs: exitedAt - started, result: result === '' ? undefined : JSON.parse(result) });
    });
  });
}

function numberIn(record: unknown, name: string): number {
  const value = isRecord(record) ? record[name] : undefined;
  if (typeof value !== 'number') throw new Error(`the child's result has no number "${name}"`);
  return value;
}

function numbersIn(record: unknown, name: string): number[] {
  const value = isRecord(record) ? record[name] : undefined;
  if (!Array.isArray(value) || !value.every((item): item is number => typeof item === 'number'))
    throw new Error(`the child's result has no numbers "${name}"`);
  return value;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const median = (values: readonly number[]): number => percentile(values, 50);

/** Least-squares slope of ys against xs. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  const num = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return num / den;
}

const fixed = (n: number, digits = 1): string => n.toFixed(digits);
const row = (cells: (string | number)[], widths: number[]): string =>
  cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');

interface Size {
  bytes: number;
  gzipBytes: number;
  awsSdkBytes: number;
  parts: Record<string, number>;
}

function size(): Size {
  const bundle = readFileSync(BUNDLE_FILE);
  // What the bundle is made of, from esbuild's metafile.
  const record: unknown = JSON.parse(readFileSync(join(ROOT, 'build', 'lambda-build.json'), 'utf8'));
  const outputs =
    isRecord(record) && isRecord(record.metafile) && isRecord(record.metafile.outputs) ? record.metafile.outputs : {};
  const output = Object.values(outputs).find((candidate) => isRecord(candidate) && candidate.entryPoint !== undefined);
  const inputs = isRecord(output) && isRecord(output.inputs) ? output.inputs : {};
  const byPart = new Map<string, number>();
  for (const [file, info] of Object.entries(inputs)) {
    // The texts and the language sources reach the bundle in their compiled form, generated into lambda/src/content.
    const content =
      file.startsWith('content/') ||
      file === 'lambda/src/content/understood.json' ||
      file === 'lambda/src/content/catalog.ts';
    const part =
      /node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(file)?.[1] ??
      (content ? 'content (compiled in)' : file.startsWith('lambda/src/') ? 'lambda/src' : file);
    // The store's DynamoDB client: its own two files, and aws4, which signs its requests.
    const group =
      part === 'aws4' || /^lambda\/src\/persistence\/dynamodb(Client|Json)\.ts$/.test(file)
        ? 'DynamoDB client (aws4 and its own)'
        : part.startsWith('@aws-sdk/') || part.startsWith('@smithy/') || part === 'aws-sdk'
          ? 'AWS SDK'
          : part;
    byPart.set(group, (byPart.get(group) ?? 0) + numberIn(info, 'bytesInOutput'));
  }
  const parts = [...byPart.entries()].sort((a, b) => b[1] - a[1]);
  console.log(
    `\nsize of ${BUNDLE_FILE.slice(ROOT.length + 1)}: ${fixed(bundle.length / 1024)} KiB minified, ${fixed(gzipSync(bundle).length / 1024)} KiB gzipped`,
  );
  console.log(`  made of: ${parts.map(([part, bytes]) => `${part} ${fixed(bytes / 1024)}`).join(', ')} (KiB)`);
  return {
    bytes: bundle.length,
    gzipBytes: gzipSync(bundle).length,
    awsSdkBytes: byPart.get('AWS SDK') ?? 0,
    parts: Object.fromEntries(parts),
  };
}

/**
 * The least a DynamoDB launch can cost on node: the node:http and node:crypto modules that any client on
 * node's own HTTP stack needs to sign a request and send it, loaded and nothing else (on Lambda, HTTPS adds
 * node:tls). Lambda's own runtime client has already loaded node:http before it loads a function, so there
 * this part is paid by every function alike; a bare `node -e 0` pays none of it.
 */
const FLOOR = 'node + http + crypto (floor)';
const FLOOR_SCRIPT = "require('node:http'); require('node:crypto')";

interface ColdRow {
  medianMs: number;
  ratio: number;
  loadMs?: number;
  firstAnswerMs?: number;
}

async function coldStart(subjects: Subject[]): Promise<Record<string, ColdRow>> {
  const walls: Record<string, number[]> = { 'node -e 0': [], [FLOOR]: [] };
  const loads: Record<string, number[]> = {};
  const answers: Record<string, number[]> = {};
  for (const subject of subjects) {
    walls[subject.name] = [];
    loads[subject.name] = [];
    answers[subject.name] = [];
  }
  // One untimed round first, so that every file is in the page cache.
  for (const subject of subjects) await runNode([CHILD, 'cold', subject.module], subject.env);
  for (let run = 0; run < COLD_RUNS; run += 1) {
    walls['node -e 0'].push((await runNode(['-e', '0'], {})).wallMs);
    walls[FLOOR].push((await runNode(['-e', FLOOR_SCRIPT], {})).wallMs);
    for (const subject of subjects) {
      const { wallMs, result } = await runNode([CHILD, 'cold', subject.module], subject.env);
      walls[subject.name].push(wallMs);
      loads[subject.name].push(numberIn(result, 'loadMs'));
      answers[subject.name].push(numberIn(result, 'firstAnswerMs'));
    }
  }
  const bare = median(walls['node -e 0']);
  const widths = [34, 9, 9, 9, 10];
  console.log(
    `\ncold start: a fresh process answers one LaunchRequest, spawn to exit; median of ${COLD_RUNS} interleaved runs`,
  );
  console.log(row(['', 'ms', 'x bare', 'load ms', 'answer ms'], widths));
  console.log(row(['node -e 0', fixed(bare), '1.00', '', ''], widths));
  const floor = median(walls[FLOOR]);
  console.log(row([FLOOR, fixed(floor), fixed(floor / bare, 2), '', ''], widths));
  const rows: Record<string, ColdRow> = {
    'node -e 0': { medianMs: bare, ratio: 1 },
    [FLOOR]: { medianMs: floor, ratio: floor / bare },
  };
  for (const subject of subjects) {
    const wall = median(walls[subject.name]);
    const coldRow = {
      medianMs: wall,
      ratio: wall / bare,
      loadMs: median(loads[subject.name]),
      firstAnswerMs: median(answers[subject.name]),
    };
    rows[subject.name] = coldRow;
    console.log(
      row(
        [subject.name, fixed(wall), fixed(coldRow.ratio, 2), fixed(coldRow.loadMs), fixed(coldRow.firstAnswerMs)],
        widths,
      ),
    );
  }
  console.log('  load = require() of the module; answer = the LaunchRequest, storage included, in the child');
  return rows;
}

interface WarmRow {
  skillP50: number;
  skillP99: number;
  helloP50: number;
  helloP99: number;
  p99Ratio: number;
}

async function warmLatency(skill: Subject, hello: Subject): Promise<Record<Kind, WarmRow>> {
  const samples = new Map<string, Record<Kind, number[]>>();
  for (const subject of [skill, hello])
    samples.set(subject.name, {
      launch: [],
      section: [],
      fact: [],
      glossary: [],
      emergency: [],
      help: [],
      fallback: [],
    });
  for (let round = 0; round < WARM_PROCESSES; round += 1) {
    for (const subject of [skill, hello]) {
      const { result } = await runNode([CHILD, 'warm', subject.module, String(WARM_ROUNDS)], subject.env);
      const pooled = samples.get(subject.name);
      const measured = isRecord(result) ? result.microseconds : undefined;
      for (const kind of KINDS) pooled?.[kind].push(...numbersIn(measured, kind));
    }
  }
  const ours = samples.get(skill.name);
  const base = samples.get(hello.name);
  if (ours === undefined || base === undefined) throw new Error('no warm samples');
  const widths = [10, 9, 9, 9, 9, 9];
  console.log(
    `\nwarm latency in one process, µs: ${WARM_PROCESSES * WARM_ROUNDS} requests of each kind in ${WARM_PROCESSES} process(es) per skill, kinds in turn (${skill.name} vs the bundled hello-world)`,
  );
  console.log(row(['kind', 'skill p50', 'skill p99', 'hello p50', 'hello p99', 'p99 x'], widths));
  const rows: Partial<Record<Kind, WarmRow>> = {};
  for (const kind of KINDS) {
    const r = {
      skillP50: percentile(ours[kind], 50),
      skillP99: percentile(ours[kind], 99),
      helloP50: percentile(base[kind], 50),
      helloP99: percentile(base[kind], 99),
    };
    const warmRow = { ...r, p99Ratio: r.skillP99 / r.helloP99 };
    rows[kind] = warmRow;
    console.log(
      row(
        [kind, fixed(r.skillP50), fixed(r.skillP99), fixed(r.helloP50), fixed(r.helloP99), fixed(warmRow.p99Ratio)],
        widths,
      ),
    );
  }
  return {
    launch: need(rows.launch),
    section: need(rows.section),
    fact: need(rows.fact),
    glossary: need(rows.glossary),
    emergency: need(rows.emergency),
    help: need(rows.help),
    fallback: need(rows.fallback),
  };
}

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('a figure is missing');
  return value;
}

interface MemoryRow {
  subject: string;
  flags: string;
  requests: number;
  peakRss: number;
  requestsPerSecond: number;
  heapLimit: number;
}

async function memory(runs: { subject: Subject; flags: Flags; requests: number }[]): Promise<MemoryRow[]> {
  const widths = [30, 34, 9, 9, 9, 8];
  console.log('\nmemory: mixed requests (the kinds in turn) in one process');
  console.log(row(['', 'heap flags', 'requests', 'peak MiB', 'heap MiB', 'req/s'], widths));
  const rows: MemoryRow[] = [];
  for (const { subject, flags, requests } of runs) {
    const { result } = await runNode([CHILD, 'memory', subject.module, String(requests)], subject.env, flags);
    const memoryRow = {
      subject: subject.name,
      flags: flags.name,
      requests,
      peakRss: numberIn(result, 'peakRss'),
      requestsPerSecond: numberIn(result, 'requestsPerSecond'),
      heapLimit: numberIn(result, 'heapLimit'),
    };
    rows.push(memoryRow);
    console.log(
      row(
        [
          subject.name,
          flags.name,
          requests.toLocaleString('en-US'),
          fixed(memoryRow.peakRss / MiB),
          fixed(memoryRow.heapLimit / MiB, 0),
          fixed(memoryRow.requestsPerSecond, 0),
        ],
        widths,
      ),
    );
  }
  console.log('  heap MiB = the heap limit V8 ended up with, which shows which flags took effect');
  return rows;
}

/** Requests a second under two sets of flags, taken in turns, THROUGHPUT_ROUNDS times each: the medians. */
async function throughput(subject: Subject, before: Flags, after: Flags): Promise<{ before: number; after: number }> {
  const seen: Record<'before' | 'after', number[]> = { before: [], after: [] };
  for (let round = 0; round < THROUGHPUT_ROUNDS; round += 1) {
    for (const [name, flags] of [
      ['before', before],
      ['after', after],
    ] as const) {
      const { result } = await runNode(
        [CHILD, 'memory', subject.module, String(THROUGHPUT_REQUESTS)],
        subject.env,
        flags,
      );
      seen[name].push(numberIn(result, 'requestsPerSecond'));
    }
  }
  const figures = { before: median(seen.before), after: median(seen.after) };
  console.log(
    `\nthroughput, ${subject.name}: median of ${THROUGHPUT_ROUNDS} runs of ${THROUGHPUT_REQUESTS.toLocaleString('en-US')} requests each, in turns: ${before.name} ${fixed(figures.before, 0)} req/s, ${after.name} ${fixed(figures.after, 0)} req/s`,
  );
  return figures;
}

async function heapGrowth(subject: Subject): Promise<number> {
  const { result } = await runNode([CHILD, 'growth', subject.module, String(GROWTH_REQUESTS)], subject.env);
  const heap = numbersIn(result, 'heapAfterGc');
  // Caches fill and code is compiled in the first half; a leak keeps the heap climbing in the second.
  const half = Math.floor(heap.length / 2);
  const checkpoints = heap.map((_, i) => (i * GROWTH_REQUESTS) / (heap.length - 1));
  const growth = slope(checkpoints.slice(half), heap.slice(half));
  console.log(
    `\nheap after a full GC, ${subject.name}, over ${GROWTH_REQUESTS.toLocaleString('en-US')} requests: ${fixed(heap[0] / MiB)} to ${fixed(heap[heap.length - 1] / MiB)} MiB, ${fixed(growth)} bytes per request over the second half`,
  );
  return growth;
}

interface Target {
  target: string;
  measured: string;
  met: boolean;
  /** When missed: by how much, and the measured reason. */
  miss?: string;
}

function printTargets(targets: Target[]): void {
  const widths = [52, 44, 8];
  console.log('\ntargets (issue 19), every figure from this run');
  console.log(row(['target', 'measured', ''], widths));
  for (const t of targets) {
    console.log(row([t.target, t.measured, t.met ? 'met' : 'MISSED'], widths));
    if (!t.met && t.miss !== undefined) console.log(`    ${t.miss}`);
  }
}

async function main(): Promise<void> {
  const table = await localTable('bench-preferences');
  try {
    const hello: Subject = { name: 'hello-world, bundled', module: HELLO_FILE, env: {} };
    const peer: Subject = {
      name: 'peer: ask-sdk + DynamoDB adapter',
      module: PEER_FILE,
      env: { ...table.env, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
    };
    const skill: Subject = { name: 'skill, memory store', module: BUNDLE_FILE, env: {} };
    const onLambda: Subject = { name: 'skill, DynamoDB (dynalite)', module: BUNDLE_FILE, env: table.env };
    console.log(
      `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}${quick ? ', --quick' : ''}, load average ${loadavg()
        .map((n) => fixed(n, 2))
        .join(' ')} at the start`,
    );
    console.log(
      `children run as Lambda runs them at ${LAMBDA_MEMORY_MB} MB: node ${NODE_FLAGS.join(' ')}, NODE_OPTIONS='${LAMBDA_NODE_OPTIONS}'`,
    );

    const sizes = size();
    const cold = await coldStart([hello, peer, skill, onLambda]);
    const warm = await warmLatency(skill, hello);
    const before: Flags = { name: '256 MB, runtime flags (before)', args: lambdaFlags(256), nodeOptions: '' };
    const runtimeOnly: Flags = {
      name: `${LAMBDA_MEMORY_MB} MB, runtime flags only`,
      args: lambdaFlags(LAMBDA_MEMORY_MB),
      nodeOptions: '',
    };
    const mem = await memory([
      { subject: hello, flags: deployed, requests: MEMORY_REQUESTS },
      { subject: skill, flags: deployed, requests: MEMORY_REQUESTS },
      { subject: skill, flags: runtimeOnly, requests: FLAG_COMPARISON_REQUESTS },
      { subject: skill, flags: before, requests: FLAG_COMPARISON_REQUESTS },
      // Every request waits for dynalite in this process: fewer of them, to stay inside five minutes.
      { subject: onLambda, flags: deployed, requests: DYNAMO_MEMORY_REQUESTS },
    ]);
    const speed = await throughput(skill, before, deployed);
    const growth = await heapGrowth(skill);

    console.log(`\nself-hosted server under load (npm run serve), 127.0.0.1 only`);
    const load: LoadReport = await runLoadBenchmark({ durationSeconds: LOAD_SECONDS, connections: 100 });
    console.log(formatReport(load));

    const coldDynamo = need(cold[onLambda.name]);
    const worst = KINDS.reduce((a, b) => (warm[a].p99Ratio >= warm[b].p99Ratio ? a : b));
    const peak = Math.max(
      ...mem.filter((m) => m.flags === deployed.name && m.subject !== hello.name).map((m) => m.peakRss),
    );
    const throughputBefore = speed.before;
    const throughputNow = speed.after;
    const loss = 1 - throughputNow / throughputBefore;
    const targets: Target[] = [
      {
        target: 'bundle under 300 KiB, no AWS SDK in it',
        measured: `${fixed(sizes.bytes / 1024)} KiB, AWS SDK ${fixed(sizes.awsSdkBytes / 1024)} KiB`,
        met: sizes.bytes < TARGETS.bundleBytes && sizes.awsSdkBytes === 0,
        miss: `${fixed((sizes.bytes - TARGETS.bundleBytes) / 1024)} KiB over: its largest parts are ${Object.entries(
          sizes.parts,
        )
          .slice(0, 4)
          .map(([part, bytes]) => `${part} ${fixed(bytes / 1024)}`)
          .join(', ')} KiB`,
      },
      {
        target: `cold launch on DynamoDB within ${TARGETS.coldRatio}x bare node`,
        measured: `${fixed(coldDynamo.ratio, 2)}x (hello ${fixed(need(cold[hello.name]).ratio, 2)}x, peer ${fixed(need(cold[peer.name]).ratio, 2)}x, floor ${fixed(need(cold[FLOOR]).ratio, 2)}x)`,
        met: coldDynamo.ratio <= TARGETS.coldRatio,
        miss: `${fixed((coldDynamo.ratio / TARGETS.coldRatio - 1) * 100, 0)}% over: node's own http and crypto modules alone take ${fixed(need(cold[FLOOR]).ratio, 2)}x bare node; of ${fixed(coldDynamo.medianMs - need(cold[FLOOR]).medianMs)} ms above that floor, ${fixed(coldDynamo.loadMs ?? 0)} ms is loading the bundle and ${fixed(coldDynamo.firstAnswerMs ?? 0)} ms the first answer (node:http loaded, a GetItem, and a PutItem when something changed)`,
      },
      {
        target: `warm p99 within ${TARGETS.warmP99Ratio}x hello-world's, every kind`,
        measured: `worst ${worst} ${fixed(warm[worst].p99Ratio)}x (${fixed(warm[worst].skillP99)} vs ${fixed(warm[worst].helloP99)} µs)`,
        met: KINDS.every((kind) => warm[kind].p99Ratio <= TARGETS.warmP99Ratio),
        miss: `${fixed(warm[worst].p99Ratio / TARGETS.warmP99Ratio, 1)}x the target; even the emergency answer, which skips storage and i18next, is ${fixed(warm.emergency.p99Ratio)}x: young-generation collections, which fall in about 0.7% of requests; a request allocates 9 to 14 KiB, about 6.5 KiB of it ask-sdk's own objects, and hello-world about 6 KiB (README, Benchmark; npm run bench:profile -- warm)`,
      },
      {
        target: `peak RSS at most 80 MiB over ${MEMORY_REQUESTS.toLocaleString('en-US')} requests, as deployed`,
        measured: `${fixed(peak / MiB)} MiB (worst: memory store ${(MEMORY_REQUESTS / 1000).toFixed(0)}k, DynamoDB ${(DYNAMO_MEMORY_REQUESTS / 1000).toFixed(0)}k requests)`,
        met: peak <= TARGETS.peakRssBytes,
        miss: `${fixed((peak - TARGETS.peakRssBytes) / MiB)} MiB over`,
      },
      {
        target: 'throughput within 10% of the 256 MB runtime flags',
        measured: `${fixed(throughputNow, 0)} vs ${fixed(throughputBefore, 0)} req/s (${loss >= 0 ? '-' : '+'}${fixed(Math.abs(loss) * 100)}%)`,
        met: loss <= TARGETS.throughputLoss,
        miss: `${fixed((loss - TARGETS.throughputLoss) * 100)} points over: more frequent young-generation collections`,
      },
      {
        target: `server, 2 workers, at least ${TARGETS.serverRatio}x bare node:http req/s`,
        measured: `${fixed(load.throughputRatio, 2)}x (${fixed(load.twoWorkers.requestsPerSecond, 0)} vs ${fixed(load.bare.requestsPerSecond, 0)}; 1 worker ${fixed(load.oneWorkerRatio, 2)}x)`,
        met: load.targets.atLeastHalfBareThroughput,
        miss: `${fixed((1 - load.throughputRatio / TARGETS.serverRatio) * 100, 0)}% short: 2 workers, the load generator and the bare baseline's single process share ${cpus().length} cores; verification (an RSA signature check per request) and SQLite run per request`,
      },
      {
        target: `server p99 under ${TARGETS.p99Ms} ms at 100 connections, verification on`,
        measured: `1 worker ${fixed(load.oneWorker.p99Ms)} ms, 2 workers ${fixed(load.twoWorkers.p99Ms)} ms`,
        met: load.targets.p99Under50Ms,
        miss: `${fixed(Math.max(load.oneWorker.p99Ms, load.twoWorkers.p99Ms) / TARGETS.p99Ms, 1)}x the limit: with 100 connections queued on ${cpus().length} shared cores, p99 is the wait behind the others (p50 1 worker ${fixed(load.oneWorker.p50Ms)} ms, 2 workers ${fixed(load.twoWorkers.p50Ms)} ms)`,
      },
      {
        target: 'server: no errors',
        measured: `${load.oneWorker.errors + load.twoWorkers.errors + load.bare.errors} errors, ${load.warnings} warnings logged`,
        met: load.targets.noErrors,
      },
      {
        target: 'no heap growth (under 8 bytes a request)',
        measured: `${fixed(growth)} bytes a request`,
        met: growth < 8,
        miss: `${fixed(growth - 8)} bytes a request over: the heap after a full GC grew ${fixed((growth * GROWTH_REQUESTS) / 2 / 1024)} KiB across the second half`,
      },
    ];
    printTargets(targets);
    console.log(
      `\nload average ${loadavg()
        .map((n) => fixed(n, 2))
        .join(
          ' ',
        )} at the end: above ${cpus().length}, other work shared these cores, and the ratios matter more than the raw figures`,
    );
    if (childNotes.size > 0) console.log(`\nthe child processes also said:\n${[...childNotes].join('\n')}`);
    const results = {
      node: process.version,
      cpus: cpus().length,
      loadAverage: loadavg(),
      date: new Date().toISOString(),
      quick,
      lambda: { memoryMb: LAMBDA_MEMORY_MB, nodeFlags: NODE_FLAGS, nodeOptions: LAMBDA_NODE_OPTIONS },
      size: sizes,
      cold,
      warm,
      memory: mem,
      throughput: speed,
      heapGrowthBytesPerRequest: growth,
      load,
      targets,
    };
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nwritten: ${RESULTS.slice(ROOT.length + 1)}`);
  } finally {
    await table.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

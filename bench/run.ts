/**
 * `npm run bench [-- --quick]`: the bundled skill against the smallest possible skill, in one run on this
 * machine. Every figure comes from separate child processes (build/bench-child.js), taken in turns so
 * that a noisy moment affects both skills:
 *
 * - cold start: whole-process time to load a skill and answer a LaunchRequest, against `node -e 0`;
 * - warm latency: p50 and p99 per request kind;
 * - size: the bundle, raw and gzipped;
 * - memory: peak RSS over 10,000 mixed requests, RSS across them, and whether the heap keeps growing
 *   (the heap after a full GC over a further 50,000).
 *
 * The skill is measured as tests and local runs use it (preferences in memory) and as it runs on Lambda
 * (preferences in DynamoDB, here a local dynalite). Every node runs with the heap limits Lambda's
 * Node.js runtime sets for the stack's 256 MB. Prints a table and writes bench/results.json.
 * A benchmark, not a test: it reports the targets but never fails on a figure.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { localTable } from './dynamo';
import { formatReport, runLoadBenchmark } from './load';
import { cleanEnv, LAMBDA_MEMORY_MB, NODE_FLAGS } from './node';
import { KINDS, type Kind } from './requests';
import { isRecord } from '../lambda/src/json';

const ROOT = join(__dirname, '..');
const CHILD = join(ROOT, 'build', 'bench-child.js');
const BUNDLE_FILE = join(ROOT, 'lambda', 'dist', 'index.js');
const HELLO_FILE = join(ROOT, 'build', 'hello.js');
const RESULTS = join(ROOT, 'bench', 'results.json');

const quick = process.argv.includes('--quick');
const COLD_RUNS = quick ? 5 : 21;
const WARM_PROCESSES = quick ? 1 : 3;
const WARM_ROUNDS = quick ? 1000 : 3000;
const MEMORY_REQUESTS = 10_000;
const GROWTH_REQUESTS = quick ? 10_000 : 50_000;

const TARGETS = { bundleBytes: 300 * 1024, warmP99Ratio: 5, peakRssBytes: 80 * 1024 * 1024, heapGrowthBytesPerRequest: 8 };

const MB = 1024 * 1024;

interface Subject {
  name: string;
  /** The file the child loads: a module exporting an async `handler`. */
  module: string;
  env: Record<string, string>;
}

interface Finished {
  wallMs: number;
  result: unknown;
}

const childNotes = new Set<string>();

/** Runs node with `args`; the wall time runs from spawn to exit. The child's result comes on fd 3. */
function runNode(args: string[], env: Record<string, string>): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let exitedAt = 0;
    const child = spawn(process.execPath, [...NODE_FLAGS, ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const [, stdout, stderr, results] = child.stdio;
    if (stdout === null || stderr === null || results === null || results === undefined) throw new Error('the child has no pipes');
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
  if (!Array.isArray(value) || !value.every((item): item is number => typeof item === 'number')) throw new Error(`the child's result has no numbers "${name}"`);
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
const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

function size(): Record<string, unknown> {
  const bundle = readFileSync(BUNDLE_FILE);
  const raw = bundle.length;
  const gzipped = gzipSync(bundle).length;
  const map = statSync(`${BUNDLE_FILE}.map`).size;
  // What the bundle is made of, from esbuild's metafile.
  const record: unknown = JSON.parse(readFileSync(join(ROOT, 'build', 'lambda-build.json'), 'utf8'));
  const outputs = isRecord(record) && isRecord(record.metafile) && isRecord(record.metafile.outputs) ? record.metafile.outputs : {};
  const output = Object.values(outputs).find((candidate) => isRecord(candidate) && candidate.entryPoint !== undefined);
  const inputs = isRecord(output) && isRecord(output.inputs) ? output.inputs : {};
  const byPart = new Map<string, number>();
  for (const [file, info] of Object.entries(inputs)) {
    const part = /node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(file)?.[1] ?? (file.startsWith('content/') ? 'content (compiled in)' : file.startsWith('lambda/src/') ? 'lambda/src' : file);
    const group = part.startsWith('@aws-sdk/') || part.startsWith('@smithy/') || part.startsWith('@aws/') || part === 'mnemonist' || part === 'obliterator' ? 'AWS SDK (DynamoDB document client)' : part;
    byPart.set(group, (byPart.get(group) ?? 0) + numberIn(info, 'bytesInOutput'));
  }
  const parts = [...byPart.entries()].sort((a, b) => b[1] - a[1]);
  console.log(`\nsize of ${BUNDLE_FILE.slice(ROOT.length + 1)}`);
  console.log(`  minified ${fixed(raw / 1024)} KB, gzipped ${fixed(gzipped / 1024)} KB (source map ${fixed(map / 1024)} KB, not loaded at run time)`);
  console.log(`  made of: ${parts.map(([part, bytes]) => `${part} ${fixed(bytes / 1024)} KB`).join(', ')}`);
  return { bytes: raw, gzipBytes: gzipped, sourceMapBytes: map, parts: Object.fromEntries(parts) };
}

async function coldStart(subjects: Subject[]): Promise<Record<string, unknown>> {
  const walls: Record<string, number[]> = { 'node -e 0': [] };
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
    for (const subject of subjects) {
      const { wallMs, result } = await runNode([CHILD, 'cold', subject.module], subject.env);
      walls[subject.name].push(wallMs);
      loads[subject.name].push(numberIn(result, 'loadMs'));
      answers[subject.name].push(numberIn(result, 'firstAnswerMs'));
    }
  }
  const bare = median(walls['node -e 0']);
  const widths = [30, 9, 9, 9, 9];
  console.log(`\ncold start: whole process, spawn to exit; median of ${COLD_RUNS} runs, ms`);
  console.log(row(['', 'process', 'overhead', 'load', '1st answer'], widths));
  console.log(row(['node -e 0', fixed(bare), '', '', ''], widths));
  const rows: Record<string, unknown> = { 'node -e 0': { medianMs: bare } };
  for (const subject of subjects) {
    const wall = median(walls[subject.name]);
    rows[subject.name] = { medianMs: wall, overheadMs: wall - bare, loadMs: median(loads[subject.name]), firstAnswerMs: median(answers[subject.name]) };
    console.log(row([subject.name, fixed(wall), fixed(wall - bare), fixed(median(loads[subject.name])), fixed(median(answers[subject.name]))], widths));
  }
  console.log('  overhead = process - node -e 0; load = require() of the module; 1st answer = the LaunchRequest, in the child');
  return { runs: COLD_RUNS, rows };
}

async function warmLatency(skill: Subject, hello: Subject): Promise<Record<string, unknown>> {
  const samples = new Map<string, Record<Kind, number[]>>();
  for (const subject of [skill, hello]) samples.set(subject.name, { launch: [], section: [], fact: [], glossary: [], emergency: [], help: [], fallback: [] });
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
  console.log(`\nwarm latency: µs per request, ${WARM_PROCESSES * WARM_ROUNDS} requests of each kind in ${WARM_PROCESSES} process(es) per skill, kinds in turn`);
  console.log(row(['kind', 'skill p50', 'skill p99', 'hello p50', 'hello p99', 'p99 ratio'], widths));
  const rows: Record<string, unknown> = {};
  for (const kind of KINDS) {
    const r = { skillP50: percentile(ours[kind], 50), skillP99: percentile(ours[kind], 99), helloP50: percentile(base[kind], 50), helloP99: percentile(base[kind], 99) };
    const ratio = r.skillP99 / r.helloP99;
    rows[kind] = { ...r, p99Ratio: ratio };
    console.log(row([kind, fixed(r.skillP50), fixed(r.skillP99), fixed(r.helloP50), fixed(r.helloP99), fixed(ratio)], widths));
  }
  return { processes: WARM_PROCESSES, rounds: WARM_ROUNDS, unit: 'µs', skill: skill.name, rows };
}

async function memory(subjects: Subject[]): Promise<Record<string, unknown>> {
  const widths = [30, 9, 9, 9, 9, 9, 9, 11];
  console.log(`\nmemory: ${MEMORY_REQUESTS.toLocaleString('en-US')} mixed requests (the kinds in turn), then heap growth over ${GROWTH_REQUESTS.toLocaleString('en-US')} more, MB`);
  console.log(row(['', 'peak RSS', 'RSS 1k', 'RSS 5k', 'RSS 10k', 'heap 0', 'heap end', 'growth'], widths));
  const rows: Record<string, unknown> = {};
  for (const subject of subjects) {
    const sampled = (await runNode([CHILD, 'memory', subject.module, String(MEMORY_REQUESTS)], subject.env)).result;
    const collected = (await runNode([CHILD, 'growth', subject.module, String(GROWTH_REQUESTS)], subject.env)).result;
    const rss = numbersIn(sampled, 'rss');
    const heap = numbersIn(collected, 'heapAfterGc');
    // Caches fill and code is compiled in the first half; a leak keeps the heap climbing in the second.
    const half = Math.floor(heap.length / 2);
    const checkpoints = heap.map((_, i) => (i * GROWTH_REQUESTS) / (heap.length - 1));
    const growth = slope(checkpoints.slice(half), heap.slice(half));
    const at = (requests: number): number => rss[Math.round((requests / MEMORY_REQUESTS) * (rss.length - 1))];
    const peak = numberIn(sampled, 'peakRss');
    rows[subject.name] = { peakRss: peak, rss, heapAfterGc: heap, heapGrowthBytesPerRequest: growth };
    console.log(
      row([subject.name, fixed(peak / MB), fixed(at(1000) / MB), fixed(at(5000) / MB), fixed(at(MEMORY_REQUESTS) / MB), fixed(heap[0] / MB), fixed(heap[heap.length - 1] / MB), `${fixed(growth)} B/req`], widths),
    );
  }
  console.log(`  RSS sampled every ${MEMORY_REQUESTS / 100} requests; heap = heap used after a full GC; growth = its slope over the second half of the ${GROWTH_REQUESTS.toLocaleString('en-US')}`);
  return { requests: MEMORY_REQUESTS, growthRequests: GROWTH_REQUESTS, rows };
}

function nested(record: Record<string, unknown>, ...path: string[]): number {
  let value: unknown = record;
  for (const name of path) value = isRecord(value) ? value[name] : undefined;
  if (typeof value !== 'number') throw new Error(`no figure at ${path.join('.')}`);
  return value;
}

async function main(): Promise<void> {
  const table = await localTable('bench-preferences');
  try {
    const hello: Subject = { name: 'hello-world skill', module: HELLO_FILE, env: {} };
    const skill: Subject = { name: 'skill, memory store', module: BUNDLE_FILE, env: {} };
    const onLambda: Subject = { name: 'skill, DynamoDB (dynalite)', module: BUNDLE_FILE, env: table.env };
    console.log(`node ${process.version} ${NODE_FLAGS.join(' ')} (Lambda's, at ${LAMBDA_MEMORY_MB} MB), ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}${quick ? ', --quick' : ''}`);

    const sizes = size();
    const cold = await coldStart([hello, skill, onLambda]);
    const warm = await warmLatency(skill, hello);
    const mem = await memory([hello, skill, onLambda]);

    // The self-hosted server under load, on loopback only: signed requests, verification on.
    console.log(`\nself-hosted server under load (npm run serve), 127.0.0.1 only`);
    const load = await runLoadBenchmark({ durationSeconds: quick ? 5 : 20, connections: 100 });
    console.log(formatReport(load));

    const results = { node: process.version, nodeFlags: NODE_FLAGS, date: new Date().toISOString(), quick, size: sizes, cold, warm, memory: mem, load };
    const overhead = (name: string): number => nested(cold, 'rows', name, 'overheadMs');
    const worstRatio = Math.max(...KINDS.map((kind) => nested(warm, 'rows', kind, 'p99Ratio')));
    const peaks = [skill, onLambda].map((subject) => nested(mem, 'rows', subject.name, 'peakRss'));
    const growths = [skill, onLambda].map((subject) => nested(mem, 'rows', subject.name, 'heapGrowthBytesPerRequest'));
    console.log('\ntargets (ratios from this run)');
    for (const subject of [skill, onLambda]) {
      console.log(`  cold-start overhead, ${subject.name}: ${fixed(overhead(subject.name))} ms vs hello-world ${fixed(overhead(hello.name))} ms: ${verdict(overhead(subject.name) <= overhead(hello.name))}`);
    }
    console.log(`  warm p99 at most ${TARGETS.warmP99Ratio}x hello-world's, every kind: worst ${fixed(worstRatio)}x: ${verdict(worstRatio <= TARGETS.warmP99Ratio)}`);
    console.log(`  bundle at most ${TARGETS.bundleBytes / 1024} KB: ${fixed(nested(sizes, 'bytes') / 1024)} KB: ${verdict(nested(sizes, 'bytes') <= TARGETS.bundleBytes)}`);
    console.log(`  peak RSS at most ${TARGETS.peakRssBytes / MB} MB: ${peaks.map((peak) => fixed(peak / MB)).join(' and ')} MB: ${verdict(peaks.every((peak) => peak <= TARGETS.peakRssBytes))}`);
    console.log(
      `  no heap growth (under ${TARGETS.heapGrowthBytesPerRequest} B/request): ${growths.map((growth) => fixed(growth)).join(' and ')} B/request: ${verdict(growths.every((growth) => growth < TARGETS.heapGrowthBytesPerRequest))}`,
    );
    if (childNotes.size > 0) console.log(`\nthe child processes also said:\n${[...childNotes].join('\n')}`);
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

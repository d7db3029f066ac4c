/**
 * Load on loopback, every party in a process of its own: the real server (`build/server.js`,
 * verification on, the test CA trusted through --trust-ca and --cert-chain, SQLite in a temp
 * directory, its log lines written to a file as a service manager would keep them) with one worker
 * and with two, a bare node:http server that answers the same bytes, and the load generator
 * (build/load-driver.js, autocannon) driving each in turn with signed LaunchRequests. Only 127.0.0.1
 * is ever contacted.
 *
 * Targets: no errors, p99 under 50 ms at 100 connections, and with two workers at least half the bare
 * server's throughput. A benchmark, not a test: it reports whether each target was met and never
 * fails on a figure.
 *
 *   node build/load.js [--duration SECONDS] [--connections N] [--json]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanEnv } from './node';
import { signedLaunch, type LoadFigures } from './load-driver';
import { createTestPki } from '../tests/helpers/certificates';
import { isRecord } from '../lambda/src/json';

const HOST = '127.0.0.1';
const ROOT = join(__dirname, '..');
const SERVER = join(ROOT, 'build', 'server.js');
const BARE = join(ROOT, 'build', 'bare-server.js');
const DRIVER = join(ROOT, 'build', 'load-driver.js');
const SKILL_ID = 'amzn1.ask.skill.bench';

export interface LoadOptions {
  /** Seconds of load per server; 20 by default. */
  durationSeconds?: number;
  /** Concurrent connections; 100 by default. */
  connections?: number;
  /** Seconds of unmeasured load per server before measuring; 2 by default. */
  warmupSeconds?: number;
}

export interface LoadReport {
  node: string;
  durationSeconds: number;
  connections: number;
  bare: LoadFigures;
  oneWorker: LoadFigures;
  twoWorkers: LoadFigures;
  /** Requests a second with two workers over the bare server's. */
  throughputRatio: number;
  oneWorkerRatio: number;
  targets: { noErrors: boolean; p99Under50Ms: boolean; atLeastHalfBareThroughput: boolean };
  /** Log lines above info that the servers wrote during the run (refusals, failures). */
  warnings: number;
}

function isFigures(value: unknown): value is LoadFigures {
  return (
    isRecord(value) &&
    ['requestsPerSecond', 'p50Ms', 'p99Ms', 'errors', 'requests'].every((name) => typeof value[name] === 'number')
  );
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, HOST, resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 25));
  }
}

interface Running {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** The skill's server with `workers` workers, logging to `logFile`; resolves once every worker listens. */
async function startSkill(workers: number, dir: string, logFile: string): Promise<Running> {
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const before = readFileSync(logFile, 'utf8').length;
  const child = spawn(
    process.execPath,
    [
      SERVER,
      '--port',
      String(port),
      '--skill-id',
      SKILL_ID,
      '--db-file',
      join(dir, 'preferences.sqlite'),
      '--trust-ca',
      join(dir, 'root.pem'),
      '--cert-chain',
      join(dir, 'chain.pem'),
      '--workers',
      String(workers),
    ],
    { env: cleanEnv({ PREFERENCES_HMAC_KEY: randomBytes(32).toString('hex') }), stdio: ['ignore', log, 'inherit'] },
  );
  closeSync(log);
  const listening = (): number =>
    readFileSync(logFile, 'utf8')
      .slice(before)
      .split('\n')
      .filter((line) => line.includes('"server_listening"')).length;
  await until(() => listening() >= workers || child.exitCode !== null, `${workers} worker(s) to listen`);
  if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
  return { child, url: `http://${HOST}:${port}/`, stop: () => stopChild(child) };
}

async function startBare(answerFile: string): Promise<Running> {
  const child = spawn(process.execPath, [BARE, answerFile], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await until(() => output.includes('\n'), 'the bare server to listen');
  const started: unknown = JSON.parse(output.split('\n')[0]);
  const port = isRecord(started) ? started.port : undefined;
  if (typeof port !== 'number') throw new Error('the bare server gave no port');
  return { child, url: `http://${HOST}:${port}/`, stop: () => stopChild(child) };
}

/** One run of the load generator in its own process. */
function drive(url: string, seconds: number, connections: number, keyFile: string): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DRIVER, url, String(seconds), String(connections), keyFile], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const figures: unknown = code === 0 ? JSON.parse(output) : undefined;
      if (isFigures(figures)) resolve(figures);
      else reject(new Error(`the load driver exited with ${code}`));
    });
  });
}

export async function runLoadBenchmark(options: LoadOptions = {}): Promise<LoadReport> {
  const durationSeconds = options.durationSeconds ?? 20;
  const connections = options.connections ?? 100;
  const warmupSeconds = options.warmupSeconds ?? 2;
  const dir = mkdtempSync(join(tmpdir(), 'alexa-load-'));
  const pki = createTestPki();
  writeFileSync(join(dir, 'root.pem'), pki.root.pem);
  writeFileSync(join(dir, 'chain.pem'), pki.chain);
  const keyFile = join(dir, 'leaf.key');
  writeFileSync(keyFile, pki.leaf.key);
  const logFile = join(dir, 'server.log');
  writeFileSync(logFile, '');
  const running: Running[] = [];
  const measure = async (target: Running): Promise<LoadFigures> => {
    if (warmupSeconds > 0) await drive(target.url, warmupSeconds, connections, keyFile);
    return drive(target.url, durationSeconds, connections, keyFile);
  };
  try {
    const one = await startSkill(1, dir, logFile);
    running.push(one);
    // The bare server answers exactly what the skill answers to the same request, read once.
    const sample = signedLaunch(pki.leaf.key);
    const answer = await fetch(one.url, { method: 'POST', headers: sample.headers, body: sample.body });
    if (answer.status !== 200)
      throw new Error(`The skill server refused the benchmark request (HTTP ${answer.status})`);
    const answerFile = join(dir, 'answer.json');
    writeFileSync(answerFile, Buffer.from(await answer.arrayBuffer()));
    const bare = await startBare(answerFile);
    running.push(bare);

    const bareFigures = await measure(bare);
    const oneWorker = await measure(one);
    await one.stop();
    const two = await startSkill(2, dir, logFile);
    running.push(two);
    const twoWorkers = await measure(two);
    // The testing-only certificate warning at each start is expected; anything else is counted.
    const warnings = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(
        (line) =>
          (line.startsWith('{"level":"warn"') || line.startsWith('{"level":"error"')) &&
          !line.includes('"test_certificates_in_use"'),
      ).length;
    const throughputRatio = twoWorkers.requestsPerSecond / bareFigures.requestsPerSecond;
    return {
      node: process.version,
      durationSeconds,
      connections,
      bare: bareFigures,
      oneWorker,
      twoWorkers,
      throughputRatio,
      oneWorkerRatio: oneWorker.requestsPerSecond / bareFigures.requestsPerSecond,
      targets: {
        noErrors: [bareFigures, oneWorker, twoWorkers].every((figures) => figures.errors === 0),
        p99Under50Ms: oneWorker.p99Ms < 50 && twoWorkers.p99Ms < 50,
        atLeastHalfBareThroughput: throughputRatio >= 0.5,
      },
      warnings,
    };
  } finally {
    for (const target of running) await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatReport(report: LoadReport): string {
  const row = (name: string, f: LoadFigures): string =>
    `${name.padEnd(16)}${f.requestsPerSecond.toFixed(0).padStart(10)}${f.p50Ms.toFixed(2).padStart(10)}${f.p99Ms.toFixed(2).padStart(10)}${String(f.errors).padStart(8)}${String(f.requests).padStart(10)}`;
  return [
    `load on 127.0.0.1: ${report.connections} connections, ${report.durationSeconds} s per server, the load generator in its own process, node ${report.node}`,
    'server               req/s    p50 ms    p99 ms  errors  requests',
    row('bare node:http', report.bare),
    row('skill, 1 worker', report.oneWorker),
    row('skill, 2 workers', report.twoWorkers),
    `throughput over bare: 1 worker ${report.oneWorkerRatio.toFixed(2)}, 2 workers ${report.throughputRatio.toFixed(2)}; warnings logged ${report.warnings}`,
  ].join('\n');
}

function positive(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { duration: { type: 'string' }, connections: { type: 'string' }, json: { type: 'boolean' } },
  });
  const report = await runLoadBenchmark({
    durationSeconds: positive(values.duration, 20, 'duration'),
    connections: positive(values.connections, 100, 'connections'),
  });
  process.stdout.write(`${values.json === true ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
}

// Run directly (a bundle named load.js, or this file), not when bundled into another entry such as
// build/bench.js: there `require.main === module` is true too, since the bundle is one module.
if (require.main === module && /^load\.[cm]?[jt]s$/.test(basename(process.argv[1] ?? ''))) {
  main().catch((error: unknown) => {
    process.stderr.write(`load benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

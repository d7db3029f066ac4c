/**
 * Load on loopback: the real server (verification on, the test CA trusted, the skill on SQLite in a
 * temp directory) and a bare node:http server that answers the same bytes, each driven by autocannon
 * with signed LaunchRequests. Both servers and autocannon share this process, and only 127.0.0.1 is
 * ever contacted: the certificate chain is served by an injected fetcher, not fetched.
 *
 * Targets: no errors, p99 under 50 ms, and at least half the bare server's throughput. A benchmark,
 * not a test: it reports whether each target was met and never fails on a figure.
 *
 *   node load.js [--duration SECONDS] [--connections N] [--json]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createSkill, lambdaHandler } from '../lambda/src/index';
import { setLogSink } from '../lambda/src/log';
import { SqlitePersistenceAdapter } from '../lambda/src/persistence/sqlite';
import { createAlexaServer } from '../lambda/src/server/http';
import { createVerifier } from '../lambda/src/server/verifier';
import { createTestPki, signBody, type TestPki } from '../tests/helpers/certificates';
import { envelope, launchRequest } from '../tests/helpers/envelopes';

const HOST = '127.0.0.1';
const SKILL_ID = 'amzn1.ask.skill.test';
const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-load.pem';
/** Requests are signed afresh this often, so a long run stays inside the 150-second timestamp window. */
const RESIGN_MS = 60_000;

export interface LoadOptions {
  /** Seconds of load per server; 20 by default. */
  durationSeconds?: number;
  /** Concurrent connections; 100 by default. */
  connections?: number;
  /** Seconds of unmeasured load per server before measuring; 2 by default. */
  warmupSeconds?: number;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers together. */
  errors: number;
  requests: number;
}

export interface LoadReport {
  node: string;
  durationSeconds: number;
  connections: number;
  skill: LoadFigures;
  bare: LoadFigures;
  /** skill requests/s over bare requests/s. */
  throughputRatio: number;
  targets: { noErrors: boolean; p99Under50Ms: boolean; atLeastHalfBareThroughput: boolean };
  /** Log lines above info that the skill or server wrote during the run (refusals, failures). */
  warnings: number;
}

interface Signed {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One listener's LaunchRequest, timestamped now and signed with the test leaf. */
function signedLaunch(pki: TestPki): Signed {
  const body = Buffer.from(JSON.stringify(envelope(
    { ...launchRequest(), timestamp: new Date().toISOString() },
    { userId: 'amzn1.ask.account.load' },
  )));
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      signaturecertchainurl: CERT_URL,
      'signature-256': signBody(body, pki.leaf.key),
    },
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('The server has no TCP address');
  return `http://${HOST}:${address.port}/`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** autocannon against `url` for `seconds`, re-signing the request every RESIGN_MS; stops itself. */
function drive(url: string, seconds: number, connections: number, pki: TestPki): Promise<autocannon.Result> {
  let current = signedLaunch(pki);
  const clients: autocannon.Client[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({
      url,
      method: 'POST',
      headers: current.headers,
      body: current.body,
      connections,
      duration: seconds,
      setupClient: (client) => {
        clients.push(client);
        client.setHeadersAndBody(current.headers, current.body);
      },
    }, (error: unknown, result) => {
      clearInterval(resign);
      clearTimeout(watchdog);
      if (error instanceof Error) reject(error);
      else resolve(result);
    });
    const resign = setInterval(() => {
      current = signedLaunch(pki);
      for (const client of clients) client.setHeadersAndBody(current.headers, current.body);
    }, RESIGN_MS);
    // autocannon stops at `duration`; this only guards against it not doing so.
    const watchdog = setTimeout(() => instance.stop(), (seconds + 30) * 1000);
  });
}

function figures(result: autocannon.Result): LoadFigures {
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

export async function runLoadBenchmark(options: LoadOptions = {}): Promise<LoadReport> {
  const durationSeconds = options.durationSeconds ?? 20;
  const connections = options.connections ?? 100;
  const warmupSeconds = options.warmupSeconds ?? 2;
  // Every log line is still serialised, as in production, but none is written out; warnings are counted.
  let warnings = 0;
  const restoreLogs = setLogSink((line) => {
    if (!line.startsWith('{"level":"info"')) warnings += 1;
  });
  const dir = mkdtempSync(join(tmpdir(), 'alexa-load-'));
  const pki = createTestPki();
  const preferences = new SqlitePersistenceAdapter({ file: join(dir, 'preferences.sqlite'), secret: randomBytes(32).toString('hex') });
  const alexa = createAlexaServer({
    handler: lambdaHandler(createSkill(preferences)),
    verifier: createVerifier({ skillId: SKILL_ID, trustStore: [...rootCertificates, pki.root.pem], fetchCertificate: async () => pki.chain }),
  });
  let bare: Server | undefined;
  try {
    const skillUrl = await listen(alexa.server);
    // The bare server answers exactly what the skill answers to the same request, read once.
    const sample = signedLaunch(pki);
    const answer = await fetch(skillUrl, { method: 'POST', headers: { ...sample.headers, 'content-type': 'application/json' }, body: sample.body });
    if (answer.status !== 200) throw new Error(`The skill server refused the benchmark request (HTTP ${answer.status})`);
    const fixed = Buffer.from(await answer.arrayBuffer());
    const bareServer = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': fixed.length });
        response.end(fixed);
      });
    });
    bare = bareServer;
    const bareUrl = await listen(bareServer);

    if (warmupSeconds > 0) {
      await drive(bareUrl, warmupSeconds, connections, pki);
      await drive(skillUrl, warmupSeconds, connections, pki);
    }
    const bareFigures = figures(await drive(bareUrl, durationSeconds, connections, pki));
    const skillFigures = figures(await drive(skillUrl, durationSeconds, connections, pki));
    const throughputRatio = skillFigures.requestsPerSecond / bareFigures.requestsPerSecond;
    return {
      node: process.version,
      durationSeconds,
      connections,
      skill: skillFigures,
      bare: bareFigures,
      throughputRatio,
      targets: {
        noErrors: skillFigures.errors === 0 && bareFigures.errors === 0,
        p99Under50Ms: skillFigures.p99Ms < 50,
        atLeastHalfBareThroughput: throughputRatio >= 0.5,
      },
      warnings,
    };
  } finally {
    if (bare !== undefined) await closeServer(bare);
    await alexa.close(1000);
    await preferences.close();
    rmSync(dir, { recursive: true, force: true });
    restoreLogs();
  }
}

export function formatReport(report: LoadReport): string {
  const row = (name: string, f: LoadFigures): string => `${name.padEnd(8)}${f.requestsPerSecond.toFixed(0).padStart(10)}${f.p50Ms.toFixed(2).padStart(10)}${f.p99Ms.toFixed(2).padStart(10)}${String(f.errors).padStart(8)}${String(f.requests).padStart(10)}`;
  const mark = (met: boolean): string => (met ? 'met' : 'MISSED');
  return [
    `load on 127.0.0.1: ${report.connections} connections, ${report.durationSeconds} s per server, node ${report.node}`,
    'server       req/s   p50 ms    p99 ms  errors  requests',
    row('skill', report.skill),
    row('bare', report.bare),
    `throughput ratio ${report.throughputRatio.toFixed(2)}; warnings logged ${report.warnings}`,
    `targets: no errors ${mark(report.targets.noErrors)}, p99 < 50 ms ${mark(report.targets.p99Under50Ms)}, `
      + `at least half the bare throughput ${mark(report.targets.atLeastHalfBareThroughput)}`,
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

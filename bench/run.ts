/**
 * `npm run bench`: warm latency per request kind for the bundled skill and for the hello-world skill,
 * measured side by side in one run so a noisy machine affects both. Prints a table and writes
 * bench/results.json. A benchmark, not a test: it never fails on a figure.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { handler as hello } from './hello';
import { kinds } from './requests';

type Handler = (event: RequestEnvelope) => Promise<ResponseEnvelope>;

const WARMUP = 300;
const ROUNDS = 3000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(handler: Handler, event: RequestEnvelope): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < WARMUP; i += 1) await handler(event);
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const start = process.hrtime.bigint();
    await handler(event);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function main(): Promise<void> {
  // The per-request log line goes to stdout; keep it out of the table. Errors are still printed.
  process.env.LOG_LEVEL = 'warn';
  const bundle = join(__dirname, '..', 'lambda', 'dist', 'index.js');
  const skill: { handler: Handler } = await import(bundle);
  const rows: Record<string, { skillP50: number; skillP99: number; helloP50: number; helloP99: number; p99Ratio: number }> = {};
  for (const [kind, event] of Object.entries(kinds)) {
    // Interleave: the hello-world skill and ours are timed one after the other for each kind.
    const ours = await time(skill.handler, event);
    const base = await time(hello, event);
    rows[kind] = { skillP50: ours.p50, skillP99: ours.p99, helloP50: base.p50, helloP99: base.p99, p99Ratio: ours.p99 / base.p99 };
  }
  const format = (n: number): string => n.toFixed(3).padStart(8);
  console.log(`warm latency, ms (${ROUNDS} requests per kind after ${WARMUP} warm-up; node ${process.version})`);
  console.log('kind       skill p50 skill p99 hello p50 hello p99  p99 ratio');
  for (const [kind, row] of Object.entries(rows)) {
    console.log(`${kind.padEnd(10)}${format(row.skillP50)}  ${format(row.skillP99)}  ${format(row.helloP50)}  ${format(row.helloP99)}  ${row.p99Ratio.toFixed(2).padStart(8)}`);
  }
  const out = join(__dirname, '..', 'bench', 'results.json');
  writeFileSync(out, `${JSON.stringify({ node: process.version, date: new Date().toISOString(), warm: rows }, null, 2)}\n`);
  console.log(`written: ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

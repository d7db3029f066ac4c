/**
 * One measured process of the benchmark:
 *
 *   node build/bench-child.js cold   MODULE        load MODULE, answer one LaunchRequest
 *   node build/bench-child.js warm   MODULE ROUNDS answer every request kind in turn, ROUNDS times after a warm-up
 *   node build/bench-child.js memory MODULE COUNT  answer COUNT mixed requests, sampling RSS 100 times
 *   node --expose-gc build/bench-child.js growth MODULE COUNT
 *                                                  the same, with the heap after a full GC at ten checkpoints
 *
 * MODULE exports an async `handler`. The result is one JSON line on file descriptor 3; stdout carries
 * the skill's own log lines, as it does on Lambda, and the parent drains it.
 */
import { writeSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import type { RequestEnvelope } from 'ask-sdk-model';
import { envelopes, KINDS, launchEnvelope, type Attributes, type Kind } from './requests';
import { isRecord } from '../lambda/src/json';

type Handler = (event: RequestEnvelope) => Promise<unknown>;

const RESULT_FD = 3;
const WARM_UP_ROUNDS = 500;
const MEMORY_SAMPLES = 100;
const GC_CHECKPOINTS = 10;

function isHandler(value: unknown): value is Handler {
  return typeof value === 'function';
}

function load(module: string): Handler {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module to time is named at run time, and its load is timed synchronously
  const loaded: unknown = require(module);
  const handler = isRecord(loaded) ? loaded.handler : undefined;
  if (!isHandler(handler)) throw new Error(`${module} does not export a handler function`);
  return handler;
}

/** The session attributes an answer leaves, which Alexa sends back with the next turn. Throws unless it speaks. */
function attributesOf(response: unknown): Attributes {
  if (!isRecord(response) || !isRecord(response.response) || !isRecord(response.response.outputSpeech)) {
    throw new Error('The handler did not answer with speech');
  }
  return isRecord(response.sessionAttributes) ? response.sessionAttributes : {};
}

function report(result: unknown): void {
  writeSync(RESULT_FD, `${JSON.stringify(result)}\n`);
}

async function cold(module: string): Promise<void> {
  const started = performance.now();
  const handler = load(module);
  const loaded = performance.now();
  attributesOf(await handler(launchEnvelope()));
  const answered = performance.now();
  report({ loadMs: loaded - started, firstAnswerMs: answered - loaded });
}

/**
 * A session for this skill: its launch answer's attributes go into every other kind of request. Each
 * kind is answered once here, so that nothing is timed that does not answer with speech.
 */
async function session(handler: Handler): Promise<Record<Kind, RequestEnvelope>> {
  const events = envelopes(attributesOf(await handler(launchEnvelope())));
  for (const kind of KINDS) attributesOf(await handler(events[kind]));
  return events;
}

async function measure(
  handler: Handler,
  events: Record<Kind, RequestEnvelope>,
  rounds: number,
): Promise<Record<Kind, number[]>> {
  const samples: Record<Kind, number[]> = {
    launch: [],
    section: [],
    fact: [],
    glossary: [],
    emergency: [],
    help: [],
    fallback: [],
  };
  for (let round = 0; round < rounds; round += 1) {
    for (const kind of KINDS) {
      const start = performance.now();
      await handler(events[kind]);
      samples[kind].push((performance.now() - start) * 1000);
    }
  }
  return samples;
}

async function warm(module: string, rounds: number): Promise<void> {
  const handler = load(module);
  const events = await session(handler);
  await measure(handler, events, WARM_UP_ROUNDS);
  report({ microseconds: await measure(handler, events, rounds) });
}

/**
 * RSS every COUNT/100 requests, the peak RSS of the whole process, the requests answered a second, and
 * the heap limit V8 ended up with (which shows which heap flags took effect).
 */
async function memory(module: string, count: number): Promise<void> {
  const handler = load(module);
  const events = await session(handler);
  const rss: number[] = [process.memoryUsage.rss()];
  const started = performance.now();
  for (let i = 1; i <= count; i += 1) {
    await handler(events[KINDS[i % KINDS.length]]);
    if (i % (count / MEMORY_SAMPLES) === 0) rss.push(process.memoryUsage.rss());
  }
  const seconds = (performance.now() - started) / 1000;
  report({
    rss,
    peakRss: process.resourceUsage().maxRSS * 1024,
    requestsPerSecond: count / seconds,
    heapLimit: getHeapStatistics().heap_size_limit,
  });
}

/** The heap after a full collection, at the start and every COUNT/10 requests: only a leak makes it climb. */
async function growth(module: string, count: number): Promise<void> {
  const collect = globalThis.gc;
  if (collect === undefined) throw new Error('growth needs node --expose-gc');
  const handler = load(module);
  const events = await session(handler);
  const heapAfterGc: number[] = [];
  // Log lines the pipe has not taken yet wait in this heap; they are the parent's backlog, not the
  // skill's memory, so each checkpoint lets stdout drain first.
  const checkpoint = async (): Promise<void> => {
    await new Promise<void>((drained) => process.stdout.write('', () => drained()));
    collect();
    heapAfterGc.push(process.memoryUsage().heapUsed);
  };
  await checkpoint();
  for (let i = 1; i <= count; i += 1) {
    await handler(events[KINDS[i % KINDS.length]]);
    if (i % (count / GC_CHECKPOINTS) === 0) await checkpoint();
  }
  report({ heapAfterGc });
}

async function main(): Promise<void> {
  const [mode, module, countArg] = process.argv.slice(2);
  if (module === undefined) throw new Error('usage: bench-child.js cold|warm|memory|growth MODULE [COUNT]');
  const count = Number(countArg);
  if (mode === 'cold') await cold(module);
  else if (mode === 'warm' && Number.isInteger(count) && count > 0) await warm(module, count);
  else if (mode === 'memory' && Number.isInteger(count) && count % MEMORY_SAMPLES === 0) await memory(module, count);
  else if (mode === 'growth' && Number.isInteger(count) && count % GC_CHECKPOINTS === 0) await growth(module, count);
  else throw new Error(`bench-child.js: cannot run "${process.argv.slice(2).join(' ')}"`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

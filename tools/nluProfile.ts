/**
 * Amazon's own NLU, once the skill is deployed: every line of a corpus (the test set by default) goes
 * through the Utterance Profiler (`ask smapi profile-nlu`), and what it selected is sent to the real
 * handler, so the figures are the same recall and accuracy that `npm test` prints for the simulator.
 * It needs the ASK CLI, configured (`ask configure`), and a skill ID; it is never run in CI.
 *
 *   npm run nlu:profile -- --skill-id amzn1.ask.skill.… [--stage development] [--set test|dev] [--locale en-GB]
 */
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import { isRecord } from '../lambda/src/json';
import { setLogSink } from '../lambda/src/log';
import { evaluate, readSet, summarise, table, type Ears } from './evaluate';
import type { Heard, HeardSlot } from './hearing';

const run = promisify(execFile);

/** The selected intent and its slots from the profiler's answer; an unresolved one is the fallback. */
export function heardFrom(answer: unknown): Heard {
  const selected = isRecord(answer) ? answer.selectedIntent : undefined;
  if (!isRecord(selected) || typeof selected.name !== 'string') return { intent: 'AMAZON.FallbackIntent', slots: {} };
  const slots: Record<string, HeardSlot> = {};
  for (const [name, slot] of Object.entries(isRecord(selected.slots) ? selected.slots : {})) {
    if (!isRecord(slot) || typeof slot.value !== 'string') continue;
    const authorities = isRecord(slot.resolutions) && Array.isArray(slot.resolutions.resolutionsPerAuthority) ? slot.resolutions.resolutionsPerAuthority : [];
    const first: unknown = authorities[0];
    const status = isRecord(first) && isRecord(first.status) ? first.status.code : undefined;
    const values = isRecord(first) && Array.isArray(first.values) ? first.values : [];
    const value: unknown = values[0];
    const id = isRecord(value) && isRecord(value.value) && typeof value.value.id === 'string' ? value.value.id : undefined;
    const type = authorities.length === 0 ? 'AMAZON.SearchQuery' : 'CUSTOM';
    slots[name] = status === 'ER_SUCCESS_MATCH' && id !== undefined ? { value: slot.value, id, type } : { value: slot.value, type };
  }
  return { intent: selected.name, slots };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'skill-id': { type: 'string' }, stage: { type: 'string', default: 'development' }, set: { type: 'string', default: 'test' }, locale: { type: 'string' } },
    strict: true,
  });
  const skillId = values['skill-id'] ?? process.env.SKILL_ID;
  if (skillId === undefined || skillId === '') throw new Error('give --skill-id (or SKILL_ID): the deployed skill to profile against');
  setLogSink(() => undefined);
  const set = values.set === 'dev' ? 'dev' : 'test';
  const lines = readSet(set).filter((line) => values.locale === undefined || line.locale === values.locale);
  const amazon: Ears = async (line) => {
    const args = ['smapi', 'profile-nlu', '--skill-id', skillId, '--stage', values.stage ?? 'development', '--locale', line.locale, '--utterance', line.utterance];
    const { stdout } = await run('ask', args, { maxBuffer: 1024 * 1024 });
    return heardFrom(JSON.parse(stdout));
  };
  const results = await evaluate(lines, undefined, amazon);
  for (const language of ['en', 'es']) {
    const mine = results.filter((result) => result.locale.startsWith(language));
    if (mine.length > 0) process.stdout.write(`${table(`Amazon NLU, ${set} ${language}`, summarise(mine))}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`nlu:profile failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

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
import { setLogSink } from '../lambda/src/log';
import { evaluate, readSet, summarise, table, type Ears } from './evaluate';
import { heardFrom } from './profiler';

const run = promisify(execFile);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'skill-id': { type: 'string' },
      stage: { type: 'string', default: 'development' },
      set: { type: 'string', default: 'test' },
      locale: { type: 'string' },
    },
    strict: true,
  });
  const skillId = values['skill-id'] ?? process.env.SKILL_ID;
  if (skillId === undefined || skillId === '')
    throw new Error('give --skill-id (or SKILL_ID): the deployed skill to profile against');
  setLogSink(() => undefined);
  const set = values.set === 'dev' ? 'dev' : 'test';
  const lines = readSet(set).filter((line) => values.locale === undefined || line.locale === values.locale);
  const amazon: Ears = async (line) => {
    const args = [
      'smapi',
      'profile-nlu',
      '--skill-id',
      skillId,
      '--stage',
      values.stage ?? 'development',
      '--locale',
      line.locale,
      '--utterance',
      line.utterance,
    ];
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

/**
 * Length in seconds, not words: in every locale, at every speech rate a listener can choose, every answer the skill
 * gives reaches its question within 30 s (or ends within 30 s), and the first greeting within 15 s at the normal
 * rate. The answers are the real handler's (tools/answers.ts), timed by the duration model (tools/duration.ts).
 */
import { handler } from '../../lambda/src/index';
import { locales } from '../../lambda/src/content';
import { setLogSink } from '../../lambda/src/log';
import { RATES } from '../../lambda/src/speech/rate';
import { everyAnswer, GREETING, limitFor } from '../../tools/answers';
import { LIMITS } from '../../tools/duration';

let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(() => undefined);
});
afterAll(() => restoreLogs());

describe.each(locales)('in %s', (locale) => {
  it.each(RATES)('at %d%%, no answer keeps the listener waiting past its limit before its question', async (rate) => {
    const answers = await everyAnswer(handler, locale, rate);
    expect(answers.length).toBeGreaterThan(50);
    const over = answers
      .filter((answer) => answer.timing.beforeQuestion > limitFor(answer.label, rate))
      .map((answer) => `${answer.label}: ${answer.timing.beforeQuestion.toFixed(1)} s`);
    expect(over).toEqual([]);
  });

  it(`greets a first-time listener and asks within ${LIMITS.greeting} s at the normal rate`, async () => {
    const greeting = (await everyAnswer(handler, locale, 100)).find((answer) => answer.label === GREETING);
    expect(greeting?.timing.beforeQuestion).toBeLessThanOrEqual(LIMITS.greeting);
    expect(greeting?.timing.seconds).toBeGreaterThan(greeting?.timing.beforeQuestion ?? Number.POSITIVE_INFINITY);
  });
});

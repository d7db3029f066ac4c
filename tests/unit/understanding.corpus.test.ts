/**
 * Understanding, measured honestly: on phrasings that are not in any model. The dev set may inform
 * the language source; the test set never does, and no line of it may be a sample of any model,
 * verbatim or after slot expansion with listed values. Each line is said after a launch, through the
 * simulator, and `npm test` prints recall (an answer rather than "sorry") and accuracy (the right
 * answer) for both sets, by family.
 */
import { readdirSync } from 'node:fs';
import { setLogSink } from '../../lambda/src/log';
import { hearingFor, modelPath } from '../../tools/conversation';
import { evaluate, readSet, summarise, table, type Result } from '../../tools/evaluate';
import { dirname } from 'node:path';

const models = readdirSync(dirname(modelPath('en-US'))).map((file) => file.replace('.json', ''));

let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(() => undefined);
});
afterAll(() => restoreLogs());

describe('the sets', () => {
  const dev = readSet('dev');
  const test = readSet('test');

  it('the test set holds at least 300 English and 100 Spanish lines, and shares none with the dev set', () => {
    expect(test.filter((line) => line.locale.startsWith('en')).length).toBeGreaterThanOrEqual(300);
    expect(test.filter((line) => line.locale.startsWith('es')).length).toBeGreaterThanOrEqual(100);
    const seen = new Set(dev.map((line) => `${line.locale.slice(0, 2)} ${line.utterance}`));
    expect(
      test.filter((line) => seen.has(`${line.locale.slice(0, 2)} ${line.utterance}`)).map((line) => line.utterance),
    ).toEqual([]);
  });

  it('no test-set line is a sample of any model, verbatim or with listed slot values', () => {
    const inModel = test.flatMap((line) =>
      models
        .filter(
          (locale) => locale.slice(0, 2) === line.locale.slice(0, 2) && hearingFor(locale).isSample(line.utterance),
        )
        .map((locale) => `${locale}: ${line.utterance}`),
    );
    expect(inModel).toEqual([]);
  });
});

function report(name: string, results: readonly Result[]): void {
  const lines = ['en', 'es'].map((language) =>
    table(`${name} ${language}`, summarise(results.filter((result) => result.locale.startsWith(language)))),
  );
  console.log(lines.join('\n'));
}

/**
 * Floors, not targets: each is a little under what was measured when it was set, so a change that
 * makes the skill understand less fails here. The dev set informs the language source, so its floors
 * are higher; the test set's are what unseen phrasings reach. At most one test-set question in each
 * language may still raise a false alarm (one Spanish line did when these were set).
 */
const floors = {
  dev: { accuracy: 0.9, emergency: 0.92, falseAlarms: 0 },
  test: { accuracy: 0.62, emergency: 0.6, falseAlarms: 1 },
};

describe.each(['dev', 'test'] as const)('the %s set', (set) => {
  it('is understood: emergencies reach the emergency answer, and questions raise no false alarm', async () => {
    const results = await evaluate(readSet(set));
    report(set, results);
    for (const language of ['en', 'es']) {
      const summary = summarise(results.filter((result) => result.locale.startsWith(language)));
      expect([language, summary.falseAlarms]).toEqual([
        language,
        Math.min(summary.falseAlarms, floors[set].falseAlarms),
      ]);
      expect([language, summary.byFamily.emergency.accuracy >= floors[set].emergency]).toEqual([language, true]);
      expect([language, summary.all.accuracy >= floors[set].accuracy]).toEqual([language, true]);
    }
  });
});

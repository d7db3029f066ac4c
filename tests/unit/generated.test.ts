/**
 * The interaction models and the content catalog are generated (npm run build) and committed for
 * the ASK CLI. These tests fail when a committed file is out of date, when a model breaks Amazon's
 * rules, and when a locale's own emergency number words do not reach its emergency answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locales } from '../../lambda/src/content';
import { catalogSource, sourcesSource, translationsSource, understoodSource } from '../../tools/model/catalog';
import { buildModel, modelText, problems } from '../../tools/model/generate';
import { numberWords, Reader } from '../../lambda/src/understanding';
import { frames } from '../../lambda/src/understanding/source';
import { catalogFile, modelFolder, sourcesFile, translationsFile, understoodFile } from '../../tools/model/write';
import { languageSourceFor as wholeSourceFor } from '../../tools/model/language';
import { readSet } from '../../tools/evaluate';
import { languageSourceFor } from '../../lambda/src/content';
import { Conversation } from '../../tools/conversation';
import { silenceLogs } from '../helpers/talk';

silenceLogs();

describe('generated files', () => {
  it('the content catalog matches content/locales.json', () => {
    expect(readFileSync(catalogFile, 'utf8')).toBe(catalogSource());
    expect(readFileSync(understoodFile, 'utf8')).toBe(understoodSource());
  });

  it("the model generator's whole language sources, and the tools' whole translations, match content/locales.json", () => {
    expect(readFileSync(sourcesFile, 'utf8')).toBe(sourcesSource());
    expect(readFileSync(translationsFile, 'utf8')).toBe(translationsSource());
  });

  it.each(locales)("the %s model is what the language source generates, and keeps Amazon's rules", (locale) => {
    const model = buildModel(locale);
    expect(problems(model)).toEqual([]);
    expect(readFileSync(join(modelFolder, `${locale}.json`), 'utf8')).toBe(modelText(model));
  });

  it('no two locales share a hand-kept copy: each English model differs from the others', () => {
    const english = locales
      .filter((locale) => locale.startsWith('en'))
      .map((locale) => readFileSync(join(modelFolder, `${locale}.json`), 'utf8'));
    expect(new Set(english).size).toBe(english.length);
  });
});

describe('the compiled language source', () => {
  const dev = readSet('dev');

  it.each(locales)(
    '%s: reads every dev line and every question template in every frame exactly as the whole source does',
    (locale) => {
      const whole = wholeSourceFor(locale);
      const compiled = new Reader(languageSourceFor(locale), locale);
      const reference = new Reader(whole, locale);
      const questions = [...Object.values(whole.concepts.sections), ...Object.values(whole.concepts.facts)].flatMap(
        (concept) => concept.questions,
      );
      const texts = [
        ...dev.filter((line) => line.locale.slice(0, 2) === locale.slice(0, 2)).map((line) => line.utterance),
        ...questions,
      ];
      expect(texts.length).toBeGreaterThan(100);
      const differ = texts.flatMap((text) =>
        [undefined, ...frames]
          .filter((frame) => JSON.stringify(compiled.read(text, frame)) !== JSON.stringify(reference.read(text, frame)))
          .map((frame) => `${frame ?? 'none'}: ${text}`),
      );
      expect(differ).toEqual([]);
    },
  );

  it('carries no carrier templates, and fewer characters than the whole source', () => {
    const compiled = languageSourceFor('en-US');
    expect(Object.keys(compiled).sort()).toEqual(['concepts', 'speech', 'wrappers']);
    expect(JSON.stringify(compiled).length).toBeLessThan(JSON.stringify(wholeSourceFor('en-US')).length * 0.8);
  });
});

describe("each locale's own emergency number", () => {
  it.each(locales)(
    '%s: "call" and each way of saying its number reach the emergency answer, in its own number',
    async (locale) => {
      const source = languageSourceFor(locale);
      const call = source.concepts.emergency.phrases.find((phrase) => phrase.includes('{-|number}'));
      expect(call).toBeDefined();
      for (const number of numberWords(source, locale)) {
        const turns = await new Conversation(locale).say((call ?? '').replace('{-|number}', number));
        const turn = turns[turns.length - 1];
        expect([locale, number, turn.move]).toEqual([locale, number, 'emergency']);
      }
    },
  );

  it.each([
    ['en-GB', 'call nine nine nine', '999'],
    ['en-AU', 'call triple zero', '000'],
    ['en-IN', 'call one one two', '112'],
    ['es-ES', 'llama al uno uno dos', '112'],
  ])('%s hears "%s" and answers with %s', async (locale, utterance, number) => {
    const turns = await new Conversation(locale).say(utterance);
    const turn = turns[turns.length - 1];
    expect(turn.move).toBe('emergency');
    expect(turn.ssml).toContain(`<say-as interpret-as='digits'>${number}</say-as>`);
  });
});

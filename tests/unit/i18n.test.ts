/**
 * The skill speaks texts that i18next worked out at build time (lambda/src/content/i18n.ts). These tests hold
 * every key of every locale, with and without values for its placeholders, to what i18next's own t() says for
 * the whole translation files, set up as the skill used to set it up at run time.
 */
import i18next from 'i18next';
import { locales } from '../../lambda/src/content';
import { hasText, translatorFor } from '../../lambda/src/content/i18n';
import { regions, languages } from '../../tools/content';
import { isRecord } from '../../lambda/src/json';

const reference = i18next.createInstance();
void reference.init({
  resources: Object.fromEntries(
    [...Object.entries(languages), ...Object.entries(regions)].map(([code, content]) => [
      code,
      { translation: content },
    ]),
  ),
  fallbackLng: 'en',
  initAsync: false,
  returnNull: false,
  interpolation: { escapeValue: false },
});

/** The resources i18next read for a locale: its region's, or else its language's. */
const resourceOf = (locale: string): string =>
  Object.hasOwn(regions, locale) ? locale : Object.hasOwn(languages, locale.slice(0, 2)) ? locale.slice(0, 2) : 'en';

function keysOf(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return [path.join('.')];
  if (Array.isArray(value)) return value.flatMap((item: unknown, index) => keysOf(item, [...path, String(index)]));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([name, child]) => keysOf(child, [...path, name]));
}

const spokenKeys = [
  ...new Set([...Object.values(languages), ...Object.values(regions)].flatMap((content) => keysOf(content))),
].filter((key) => !/^(meta|pronunciations)\.|\.sources\.\d+$/.test(key));
// Keys that name no text at all: a group, an id that does not exist, a list item past the end.
const notTexts = ['sections.what', 'facts', 'facts.noSuchFact.text', 'disclaimer.full.99'];
// Every placeholder filled, one left out, and a value that looks like a placeholder (never filled again).
const values = { number: '9 1 1', name: '{{one}}', one: 'first', two: 'second', part: '2', parts: '6', count: '3' };

describe('texts worked out at build time', () => {
  it('covers the texts the translations hold', () => {
    expect(spokenKeys.length).toBeGreaterThan(200);
  });

  it.each([...locales, 'fr-FR', 'es-AR'])('%s: every key says what i18next says, with and without values', (locale) => {
    const t = translatorFor(locale);
    const fixed = reference.getFixedT(resourceOf(locale));
    const differences = spokenKeys.filter(
      (key) => t(key) !== fixed(key) || t(key, values) !== fixed(key, { ...values }),
    );
    expect(differences).toEqual([]);
  });

  it.each([...locales, 'fr-FR'])('%s: a key has text exactly where i18next has a string for it', (locale) => {
    const resource = resourceOf(locale);
    const isString = (key: string): boolean =>
      reference.exists(key, { lng: resource }) &&
      typeof reference.t(key, { lng: resource, returnObjects: true }) === 'string';
    for (const key of [...spokenKeys, ...notTexts]) expect([key, hasText(locale, key)]).toEqual([key, isString(key)]);
  });

  it("leaves out what is never spoken: a file's notes, sources and pronunciations", () => {
    for (const key of ['meta.language', 'facts.duration.sources.0', 'disclaimer.sources.0'])
      expect(reference.t(key, { lng: 'en', returnObjects: true })).toEqual(expect.any(String));
    for (const locale of locales)
      for (const key of ['meta.language', 'facts.duration.sources.0', 'disclaimer.sources.0'])
        expect(hasText(locale, key)).toBe(false);
  });

  it('a Spanish key with no Spanish text is said in English, as i18next falls back', () => {
    const english = translatorFor('en-US');
    const spanish = translatorFor('es-MX');
    const shared = spokenKeys.filter((key) => english(key) === spanish(key) && /[a-z]{4}/.test(english(key)));
    for (const key of shared) expect(reference.getFixedT('es')(key)).toBe(english(key));
  });
});

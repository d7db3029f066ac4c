/**
 * The words for a content key, in a locale. i18next resolved every text at build time (spokenTexts in
 * tools/model/catalog.ts): each language's table has every key, English where the language has no text
 * of its own, and a region's table only what it changes. So the skill carries no i18next and no
 * per-request language state: a text is a lookup in the region's table, then the language's, with its
 * {{placeholders}} filled as i18next fills them (a missing value leaves its placeholder; a value is never
 * read again for placeholders). tests/unit/i18n.test.ts holds every key of every locale to i18next's t().
 */
import { isRecord } from '../json';
import { textTables } from './catalog';
import { textLayersFor } from './index';

/** A fixed T: a content key, and the values for its {{placeholders}}, to the words to say. */
export type Translate = (key: string, values?: Readonly<Record<string, string>>) => string;

/** A text table that is not a record of strings: the build wrote something the skill cannot read. */
export class CorruptTextsError extends Error {
  override name = 'CorruptTextsError';
}

const tables = new Map<string, ReadonlyMap<string, string>>();

/** A resource's table, parsed the first time a request needs it. */
function table(resource: string): ReadonlyMap<string, string> {
  const known = tables.get(resource);
  if (known !== undefined) return known;
  const parsed: unknown = JSON.parse(textTables[resource] ?? '{}');
  if (!isRecord(parsed)) throw new CorruptTextsError();
  const texts = new Map<string, string>();
  for (const [key, text] of Object.entries(parsed)) {
    if (typeof text !== 'string') throw new CorruptTextsError();
    texts.set(key, text);
  }
  tables.set(resource, texts);
  return texts;
}

function lookUp(layers: readonly string[], key: string): string | undefined {
  for (const layer of layers) {
    const text = table(layer).get(key);
    if (text !== undefined) return text;
  }
  return undefined;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.includes('{{')
    ? text.replace(PLACEHOLDER, (placeholder, name: string) => (Object.hasOwn(values, name) ? values[name] : placeholder))
    : text;
}

/**
 * One translator per locale, made on first use and asked for on every request, so a request builds no
 * closure of its own and no key. The cap bounds the map when requests bring made-up locales.
 */
const MAX_TRANSLATORS = 100;
const translators = new Map<string, Translate>();

export function translatorFor(locale: string): Translate {
  const existing = translators.get(locale);
  if (existing !== undefined) return existing;
  const layers = textLayersFor(locale);
  // As i18next did, a key with no text is spoken as the key; respond.ts checks hasText before it speaks.
  const translate: Translate = (key, values = {}) => fill(lookUp(layers, key) ?? key, values);
  if (translators.size >= MAX_TRANSLATORS) translators.clear();
  translators.set(locale, translate);
  return translate;
}

/** Whether a key has text for a locale (or its language). */
export function hasText(locale: string, key: string): boolean {
  return lookUp(textLayersFor(locale), key) !== undefined;
}

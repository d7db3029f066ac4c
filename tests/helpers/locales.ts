/**
 * The locales and languages the tests cover, read from content/locales.json, so that a language or a locale
 * added there is tested without naming it here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emergencyNumberFor } from '../../lambda/src/emergency/numbers';
import { isRecord } from '../../lambda/src/json';

const contentFolder = join(__dirname, '..', '..', 'content');

function readLayers(): Record<string, string[]> {
  const json: unknown = JSON.parse(readFileSync(join(contentFolder, 'locales.json'), 'utf8'));
  const listed = isRecord(json) ? json.locales : undefined;
  if (!isRecord(listed)) throw new Error('content/locales.json has no "locales"');
  const layers: Record<string, string[]> = {};
  for (const [locale, value] of Object.entries(listed)) {
    if (!Array.isArray(value) || value.length === 0 || !value.every((layer) => typeof layer === 'string')) {
      throw new Error(`content/locales.json: ${locale} has no list of layers`);
    }
    layers[locale] = value;
  }
  return layers;
}

/** Each published locale's content layers, from its language to its most specific region. */
export const localeLayers: Readonly<Record<string, readonly string[]>> = readLayers();

/** Every published locale. */
export const publishedLocales: readonly string[] = Object.keys(localeLayers);

/** Every language with content: the first layer of each locale. */
export const contentLanguages: readonly string[] = [...new Set(Object.values(localeLayers).map((layers) => layers[0]))];

/**
 * One locale for each different thing the skill can say: locales whose layers hold the same translation files
 * and that share an emergency number say the same words, so the first of them stands for the others.
 */
export const oneLocalePerWording: readonly string[] = (() => {
  const chosen = new Map<string, string>();
  for (const [locale, layers] of Object.entries(localeLayers)) {
    const translated = layers.filter((layer) => existsSync(join(contentFolder, layer, 'translation.json')));
    const wording = [...translated, emergencyNumberFor(locale)].join('+');
    if (!chosen.has(wording)) chosen.set(wording, locale);
  }
  return [...chosen.values()];
})();

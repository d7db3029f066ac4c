import i18next, { type TFunction } from 'i18next';
import { defaultLanguage, languageOf, languages, regions } from './index';

const resources = Object.fromEntries(
  [...Object.entries(languages), ...Object.entries(regions)].map(([code, content]) => [code, { translation: content }]),
);

/**
 * One i18next instance for the whole process, initialised synchronously at module load
 * (the resources are compiled in). Each request takes its own fixed T, so concurrent requests
 * in different locales never share a language setting.
 */
const instance = i18next.createInstance();
void instance.init({
  resources,
  fallbackLng: defaultLanguage,
  initAsync: false,
  returnNull: false,
  // ssml-builder escapes every string it is given; escaping here too would double-escape.
  interpolation: { escapeValue: false },
});

/** A fixed T: a content key, and the values for its {{placeholders}}, to the words to say. */
export type Translate = (key: string, values?: Record<string, string>) => string;

/** The resources i18next would use for a locale: its region's, or else its language's. */
function resourceLocale(locale: string): string {
  return Object.hasOwn(regions, locale) ? locale : languageOf(locale);
}

/**
 * i18next copies its options on every t() call, which was most of a warm request's time. The
 * resources never change after load and every placeholder value comes from our own content, so each
 * translation is worked out once and kept. The cap only guards against a bug that would make keys up.
 */
const MAX_CACHED = 20_000;
const fixedTs = new Map<string, TFunction>();
const texts = new Map<string, string>();
const known = new Map<string, boolean>();

function fixedT(locale: string): TFunction {
  const existing = fixedTs.get(locale);
  if (existing !== undefined) return existing;
  const created = instance.getFixedT(locale);
  fixedTs.set(locale, created);
  return created;
}

function remember<T>(cache: Map<string, T>, id: string, value: T): T {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(id, value);
  return value;
}

export function translatorFor(locale: string): Translate {
  const resolved = resourceLocale(locale);
  const t = fixedT(resolved);
  return (key, values = {}) => {
    const id = `${resolved}\u0000${key}\u0000${Object.entries(values).join('\u0000')}`;
    return texts.get(id) ?? remember(texts, id, t(key, values));
  };
}

/** Whether a key has text for a locale (or its fallback). i18next would otherwise speak the key itself. */
export function hasText(locale: string, key: string): boolean {
  const resolved = resourceLocale(locale);
  const id = `${resolved}\u0000${key}`;
  return known.get(id) ?? remember(known, id, instance.exists(key, { lng: resolved }));
}

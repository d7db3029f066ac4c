/**
 * The content, compiled in. catalog.ts (generated from content/locales.json) imports every content
 * file, so the bundle reads no files at run time. A language is a full translation
 * (content/<language>); a region overrides only what differs (content/<locale>), and i18next falls
 * back to the language for everything else. The same holds for the language source, which says how
 * people say things (content/<language>/language.json and its regional overlays).
 */
import registryJson from '../../../content/registry.json';
import { languageSources, localeLayers, regionalTranslations, sourceOverlays, translations } from './catalog';
import { withUnderstoodOverlay, type UnderstoodSource } from '../understanding/source';
import type { LanguageContent, Pronunciation, RegionalContent, Registry } from './types';

export type { RegionalContent } from './types';

export const languages: Readonly<Record<string, LanguageContent>> = translations;

/** Each locale whose region changes what is said, with the change. A locale has at most one such layer. */
export const regions: Readonly<Record<string, RegionalContent>> = Object.fromEntries(
  Object.entries(regionalTranslations).flatMap(([locale, layers]) => layers.slice(-1).map((layer) => [locale, layer])),
);

export const defaultLanguage = 'en';

/** Every locale the skill publishes. */
export const locales: readonly string[] = Object.keys(localeLayers);

export const registry: Registry = registryJson;

/** The section ids in the order a tour takes them. */
export const sectionOrder: readonly string[] = registry.sections.map((section) => section.id);

/** The language part of a locale ("en" for "en-GB"), or the default when we have no content for it. */
export function languageOf(locale: string | undefined): string {
  const language = (locale ?? '').split('-')[0].toLowerCase();
  return Object.hasOwn(languages, language) ? language : defaultLanguage;
}

/** Whether a locale is one the skill publishes (an own key, so "__proto__" is not). */
export function isPublished(locale: string | undefined): locale is string {
  return locale !== undefined && Object.hasOwn(localeLayers, locale);
}

/**
 * The language's content, for what does not vary by region: how many parts a section has, and the
 * emergency and error words that must be available without i18next.
 */
export function contentFor(locale: string | undefined): LanguageContent {
  return languages[languageOf(locale)];
}

/** The pronunciations for a locale: its language's, with its region's added. */
export function pronunciationsFor(locale: string | undefined): Record<string, Pronunciation> {
  return { ...contentFor(locale).pronunciations, ...(isRegion(locale) ? (regions[locale].pronunciations ?? {}) : {}) };
}

const sources = new Map<string, UnderstoodSource>();

/**
 * How people in this locale say things, as the understanding reads it: the language source with the locale's
 * overlays laid over it. The model generator reads the whole source (tools/model/language.ts).
 */
export function languageSourceFor(locale: string | undefined): UnderstoodSource {
  const key = isPublished(locale) ? locale : languageOf(locale);
  const known = sources.get(key);
  if (known !== undefined) return known;
  const overlays = isPublished(locale) ? sourceOverlays[locale] : [];
  const built = overlays.reduce(withUnderstoodOverlay, languageSources[languageOf(locale)]);
  sources.set(key, built);
  return built;
}

/** Whether a locale has regional content of its own. Own entries only, so `toString` is no region. */
export function isRegion(locale: string | undefined): locale is string {
  return locale !== undefined && Object.hasOwn(regions, locale);
}

/**
 * The content, compiled in. catalog.ts (generated from content/locales.json) holds every text in its
 * final shape, worked out at build time, so the bundle reads no files at run time. A language is a full
 * translation (content/<language>); a region overrides only what differs (content/<locale>), and its
 * language serves everything else. The same holds for the language source, which says how people say
 * things (content/<language>/language.json and its regional overlays). The whole translation files, with
 * their notes and sources, are for the tests and tools (tools/content.ts), never the bundle.
 */
import registryJson from '../../../content/registry.json';
import { essentials, languageSources, localeLayers, partCounts, pronunciations, sourceOverlays, textLayers } from './catalog';
import { withUnderstoodOverlay, type UnderstoodSource } from '../understanding/source';
import type { EmergencyContent, Pronunciation, Registry } from './types';

export const defaultLanguage = 'en';

/** Every locale the skill publishes. */
export const locales: readonly string[] = Object.keys(localeLayers);

export const registry: Registry = registryJson;

/** The section ids in the order a tour takes them. */
export const sectionOrder: readonly string[] = registry.sections.map((section) => section.id);

/** The language part of a locale ("en" for "en-GB"), or the default when we have no content for it. */
export function languageOf(locale: string | undefined): string {
  const language = (locale ?? '').split('-')[0].toLowerCase();
  return Object.hasOwn(essentials, language) ? language : defaultLanguage;
}

/** Whether a locale is one the skill publishes (an own key, so "__proto__" is not). */
export function isPublished(locale: string | undefined): locale is string {
  return locale !== undefined && Object.hasOwn(localeLayers, locale);
}

/** Where a locale's texts are looked up, most specific first: its region's texts, then its language's. */
export function textLayersFor(locale: string | undefined): readonly string[] {
  return isPublished(locale) ? textLayers[locale] : [languageOf(locale)];
}

/** Whether a locale has regional texts of its own. */
export function isRegion(locale: string | undefined): locale is string {
  return textLayersFor(locale).length > 1;
}

/** The emergency words of a locale's language: compiled in, needing neither i18next nor a parse. */
export function emergencyWordsFor(locale: string | undefined): EmergencyContent {
  return essentials[languageOf(locale)].emergency;
}

/** The words said when everything else has failed, in a locale's language. */
export function errorTextFor(locale: string | undefined): string {
  return essentials[languageOf(locale)].error;
}

/** How many items a list of texts has in a locale's language ("sections.what.parts", "disclaimer.full"). */
export function itemCount(locale: string | undefined, list: string): number {
  return partCounts[languageOf(locale)][list] ?? 0;
}

/** The pronunciations for a locale: its language's, with its region's added. */
export function pronunciationsFor(locale: string | undefined): Record<string, Pronunciation> {
  const merged: Record<string, Pronunciation> = {};
  for (const layer of [...textLayersFor(locale)].reverse()) Object.assign(merged, pronunciations[layer]);
  return merged;
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

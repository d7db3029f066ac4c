/**
 * The content, compiled in. Every language's translation.json is imported here, so the bundle reads
 * no files at run time. A language is a full translation (content/<language>); a region overrides
 * only what differs (content/<locale>), and i18next falls back to the language for everything else.
 * Add a language or a region by adding its folder and one line below.
 */
import enGB from '../../../content/en-GB/translation.json';
import en from '../../../content/en/translation.json';
import es from '../../../content/es/translation.json';
import registryJson from '../../../content/registry.json';
import type { LanguageContent, Pronunciation, Registry } from './types';

export const languages: Record<string, LanguageContent> = { en, es };

/** What a region changes: some of its language's keys, never new ones. Only pronunciations are read directly. */
export interface RegionalContent {
  pronunciations?: Record<string, Pronunciation>;
  [key: string]: unknown;
}

/** British spelling and kilograms, shared by English outside North America. */
export const regions: Record<string, RegionalContent> = { 'en-GB': enGB, 'en-AU': enGB, 'en-IN': enGB };

export const defaultLanguage = 'en';

export const registry: Registry = registryJson;

/** The section ids in the order a tour takes them. */
export const sectionOrder: readonly string[] = registry.sections.map((section) => section.id);

/** The language part of a locale ("en" for "en-GB"), or the default when we have no content for it. */
export function languageOf(locale: string | undefined): string {
  const language = (locale ?? '').split('-')[0].toLowerCase();
  return Object.hasOwn(languages, language) ? language : defaultLanguage;
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
  return { ...contentFor(locale).pronunciations, ...(isRegion(locale) ? regions[locale].pronunciations ?? {} : {}) };
}

/** Whether a locale has regional content of its own. Own entries only, so `toString` is no region. */
export function isRegion(locale: string | undefined): locale is string {
  return locale !== undefined && Object.hasOwn(regions, locale);
}

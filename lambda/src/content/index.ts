/**
 * The content, compiled in. Every language's translation.json is imported here, so the bundle reads
 * no files at run time. Add a language by adding its folder and one line to `languages`.
 */
import en from '../../../content/en/translation.json';
import registryJson from '../../../content/registry.json';
import type { LanguageContent, Registry } from './types';

export const languages: Record<string, LanguageContent> = { en };

export const defaultLanguage = 'en';

export const registry: Registry = registryJson;

export type SectionId = string;

/** The section ids in the order a tour takes them. */
export const sectionOrder: readonly SectionId[] = registry.sections.map((section) => section.id);

/** The language part of a locale ("en" for "en-GB"), or the default when we have no content for it. */
export function languageOf(locale: string | undefined): string {
  const language = (locale ?? '').split('-')[0].toLowerCase();
  return language in languages ? language : defaultLanguage;
}

export function contentFor(locale: string | undefined): LanguageContent {
  return languages[languageOf(locale)];
}

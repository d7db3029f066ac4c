/**
 * The whole translation files, with their notes and sources, for the tests, the review pack and the tools.
 * The skill never reads them: it speaks the texts that the build worked out from them (lambda/src/content).
 */
import { languageOf } from '../lambda/src/content';
import type { LanguageContent, RegionalContent } from '../lambda/src/content/types';
import { regionalTranslations, translations } from './model/translations';

export const languages: Readonly<Record<string, LanguageContent>> = translations;

/** Each locale whose region changes what is said, with the change. A locale has at most one such layer. */
export const regions: Readonly<Record<string, RegionalContent>> = Object.fromEntries(
  Object.entries(regionalTranslations).flatMap(([locale, layers]) => layers.slice(-1).map((layer) => [locale, layer])),
);

/** The language's whole content. */
export function contentFor(locale: string | undefined): LanguageContent {
  return languages[languageOf(locale)];
}

import i18next, { type TFunction } from 'i18next';
import { defaultLanguage, languages, regions } from './index';

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

export type Translate = TFunction;

export function translatorFor(locale: string): Translate {
  return instance.getFixedT(locale);
}

/** Whether a key has text for a locale (or its fallback). i18next would otherwise speak the key itself. */
export function hasText(locale: string, key: string): boolean {
  return instance.exists(key, { lng: locale });
}

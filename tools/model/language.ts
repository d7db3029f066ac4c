/**
 * A locale's whole language source, carriers and all, as the model generator reads it. The skill reads
 * only what its understanding needs (languageSourceFor in lambda/src/content), which is all its bundle carries.
 */
import { isPublished, languageOf } from '../../lambda/src/content';
import { withOverlay, type LanguageSource } from '../../lambda/src/understanding/source';
import { languageSources, sourceOverlays } from './sources';

export function languageSourceFor(locale: string): LanguageSource {
  const overlays = isPublished(locale) ? sourceOverlays[locale] : [];
  return overlays.reduce(withOverlay, languageSources[languageOf(locale)]);
}

/**
 * Everything a response needs to know about the listener's request: the locale, the fixed T for it,
 * and the voice (pronunciations, emergency number, rate). Built once per request.
 */
import { isRegion, languageOf, pronunciationsFor } from './content';
import { translatorFor, type Translate } from './content/i18n';
import { emergencyNumberFor } from './emergency/numbers';
import { NORMAL_RATE } from './speech/rate';
import { NORMAL_VOLUME } from './speech/volume';
import { buildLexicon, type Lexicon, type Voice } from './speech/render';

export interface Conversation {
  locale: string;
  t: Translate;
  voice: Voice;
}

/** Built once per region or language on first use; keyed so an odd locale cannot grow the cache. */
const lexicons = new Map<string, Lexicon>();

function lexiconFor(locale: string): Lexicon {
  const key = isRegion(locale) ? locale : languageOf(locale);
  const known = lexicons.get(key);
  if (known !== undefined) return known;
  const built = buildLexicon(pronunciationsFor(key));
  lexicons.set(key, built);
  return built;
}

/** The conversation for a locale; the request context (context.ts) makes one per request, on first use. */
export function conversationFor(locale: string): Conversation {
  return {
    locale,
    t: translatorFor(locale),
    voice: {
      lexicon: lexiconFor(locale),
      emergencyNumber: emergencyNumberFor(locale),
      rate: NORMAL_RATE,
      volume: NORMAL_VOLUME,
    },
  };
}

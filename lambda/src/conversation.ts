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
  readonly locale: string;
  readonly t: Translate;
  readonly voice: Readonly<Voice>;
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

/**
 * Conversations already made, by locale: every request asks for one. The cap bounds the map when
 * requests bring made-up locales; those are made again.
 */
const MAX_CONVERSATIONS = 100;
const conversations = new Map<string, Conversation>();

/**
 * The conversation for a locale, frozen and shared by its requests; the request context (context.ts)
 * asks for it once per request. The translator is asked for every time, so a broken translator is still
 * found on the request it breaks.
 */
export function conversationFor(locale: string): Conversation {
  const t = translatorFor(locale);
  const known = conversations.get(locale);
  if (known?.t === t) return known;
  const made: Conversation = Object.freeze({
    locale,
    t,
    voice: Object.freeze({
      lexicon: lexiconFor(locale),
      emergencyNumber: emergencyNumberFor(locale),
      rate: NORMAL_RATE,
      volume: NORMAL_VOLUME,
    }),
  });
  if (conversations.size >= MAX_CONVERSATIONS) conversations.clear();
  conversations.set(locale, made);
  return made;
}

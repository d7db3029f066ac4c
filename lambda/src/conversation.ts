/**
 * Everything a response needs to know about the listener's request: the locale, the fixed T for it,
 * and the voice (pronunciations, emergency number, rate). Built once per request.
 */
import type { HandlerInput } from 'ask-sdk-core';
import { languageOf, pronunciationsFor, regions } from './content';
import { translatorFor, type Translate } from './content/i18n';
import { emergencyNumberFor } from './emergency/numbers';
import { NORMAL_RATE } from './speech/rate';
import { NORMAL_VOLUME } from './speech/volume';
import { buildLexicon, type Lexicon, type Voice } from './speech/render';
import { localeOf } from './requests';

export interface Conversation {
  locale: string;
  t: Translate;
  voice: Voice;
}

/** Built once per region or language on first use; keyed so an odd locale cannot grow the cache. */
const lexicons = new Map<string, Lexicon>();

function lexiconFor(locale: string): Lexicon {
  const key = Object.hasOwn(regions, locale) ? locale : languageOf(locale);
  const known = lexicons.get(key);
  if (known !== undefined) return known;
  const built = buildLexicon(pronunciationsFor(key));
  lexicons.set(key, built);
  return built;
}

/** One per request: ask-sdk makes a new attributes manager for every request. */
const conversations = new WeakMap<object, Conversation>();

export function conversation(input: HandlerInput): Conversation {
  const known = conversations.get(input.attributesManager);
  if (known !== undefined) return known;
  const locale = localeOf(input);
  const built: Conversation = {
    locale,
    t: translatorFor(locale),
    voice: { lexicon: lexiconFor(locale), emergencyNumber: emergencyNumberFor(locale), rate: NORMAL_RATE, volume: NORMAL_VOLUME },
  };
  conversations.set(input.attributesManager, built);
  return built;
}

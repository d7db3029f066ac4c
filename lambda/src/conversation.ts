/**
 * Everything a response needs to know about the listener's request: the locale, the fixed T for it,
 * and the voice (pronunciations, emergency number, rate). Built once per request.
 */
import type { HandlerInput } from 'ask-sdk-core';
import { languages, languageOf } from './content';
import { translatorFor, type Translate } from './content/i18n';
import { emergencyNumberFor } from './emergency/numbers';
import { NORMAL_RATE } from './speech/rate';
import { buildLexicon, type Lexicon, type Voice } from './speech/render';
import { localeOf } from './requests';

export interface Conversation {
  locale: string;
  t: Translate;
  voice: Voice;
}

const lexicons: Record<string, Lexicon> = Object.fromEntries(
  Object.entries(languages).map(([language, content]) => [language, buildLexicon(content.pronunciations)]),
);

const CONVERSATION = 'conversation';

export function conversation(input: HandlerInput): Conversation {
  const attributes = input.attributesManager.getRequestAttributes();
  const known: unknown = attributes[CONVERSATION];
  if (isConversation(known)) return known;
  const locale = localeOf(input);
  const built: Conversation = {
    locale,
    t: translatorFor(locale),
    voice: { lexicon: lexicons[languageOf(locale)], emergencyNumber: emergencyNumberFor(locale), rate: NORMAL_RATE },
  };
  attributes[CONVERSATION] = built;
  return built;
}

function isConversation(value: unknown): value is Conversation {
  return typeof value === 'object' && value !== null && 'locale' in value && 't' in value && 'voice' in value;
}

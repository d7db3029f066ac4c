/**
 * Turns a handler's Reply (keys, not words) into an Alexa response: SSML at the listener's rate, a
 * reprompt, and a card with the same words. The Reply is kept in the request's context for the
 * response interceptor, which records the topic and the offer.
 */
import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { context } from '../context';
import { hasText } from '../content/i18n';
import type { Line, StoredReply } from '../replies';
import { normalRate } from './rate';
import { toPlainText, toSsml } from './render';
import { inputSupportsApl, transcriptDirective } from './screen';

class MissingContentError extends Error {
  override name = 'MissingContentError';
}

/**
 * Alexa refuses output speech over 8,000 characters, and no reply of the skill's own comes near
 * 1,500 characters of words (one breath is about 90 words). A reply longer than either, which only a
 * forged "repeat" can ask for, is a fault, answered by the error handler.
 */
export const MAX_SPEECH_CHARS = 8000;
export const MAX_TRANSCRIPT_CHARS = 1500;

class SpeechTooLongError extends Error {
  override name = 'SpeechTooLongError';
}

export function respond(input: HandlerInput, given: StoredReply): Response {
  const request = context(input);
  const { t, locale, voice: base } = request.conversation;
  const { session, settings } = request;
  const voice = { ...base, rate: normalRate(settings.rate), volume: settings.volume ?? base.volume };
  // A line that belongs to the session is said once: the first time it applies.
  const reply: StoredReply = {
    ...given,
    lines: given.lines.filter((line) => line.once !== true || !session.heardOnce.includes(line.key)),
  };
  const say = (line: Line<string>): string => {
    // A missing key would be read aloud as "sections.x.summary": fail instead, and the error handler answers.
    for (const key of [line.key, ...Object.values(line.refs ?? {})]) {
      if (!hasText(locale, key)) throw new MissingContentError();
    }
    const vars: Record<string, string> = { number: voice.emergencyNumber };
    for (const [name, key] of Object.entries(line.refs ?? {})) vars[name] = t(key, { number: voice.emergencyNumber });
    for (const [name, count] of Object.entries(line.counts ?? {})) vars[name] = String(count);
    return t(line.key, vars);
  };
  const lines = reply.lines.map(say);
  const question = reply.ask === undefined ? undefined : say(reply.ask.question);
  const title = say(reply.title);
  const transcript = toPlainText(lines, question);
  const ssml = toSsml(lines, question, voice);
  if (ssml.length > MAX_SPEECH_CHARS || transcript.length > MAX_TRANSCRIPT_CHARS) throw new SpeechTooLongError();
  const builder = input.responseBuilder.speak(ssml).withSimpleCard(title, transcript);
  if (inputSupportsApl(input)) builder.addDirective(transcriptDirective(title, transcript));
  if (reply.ask === undefined) {
    builder.withShouldEndSession(true);
  } else {
    builder.reprompt(toSsml([], say(reply.ask.reprompt), voice)).withShouldEndSession(false);
  }
  request.reply = reply;
  return builder.getResponse();
}

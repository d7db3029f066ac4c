/**
 * Turns a handler's Reply (keys, not words) into an Alexa response: SSML at the listener's rate, a
 * reprompt, and a card with the same words. The Reply is kept for the response interceptor, which
 * records the topic and the offer.
 */
import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { conversation } from '../conversation';
import { hasText } from '../content/i18n';
import { readState, type Line, type Reply } from '../state';
import { normalRate } from './rate';
import { toPlainText, toSsml } from './render';
import { inputSupportsApl, transcriptDirective } from './screen';

/** The reply each request answered with, keyed by its attributes manager (one per request). */
const replies = new WeakMap<object, Reply>();

class MissingContentError extends Error {
  override name = 'MissingContentError';
}

export function respond(input: HandlerInput, given: Reply): Response {
  const { t, locale, voice: base } = conversation(input);
  const state = readState(input);
  const voice = { ...base, rate: normalRate(state.rate), volume: state.volume ?? base.volume };
  // A line that belongs to the session is said once: the first time it applies.
  const reply: Reply = { ...given, lines: given.lines.filter((line) => line.once !== true || !state.heardOnce.includes(line.key)) };
  const say = (line: Line): string => {
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
  const builder = input.responseBuilder.speak(toSsml(lines, question, voice)).withSimpleCard(title, transcript);
  if (inputSupportsApl(input)) builder.addDirective(transcriptDirective(title, transcript));
  if (reply.ask === undefined) {
    builder.withShouldEndSession(true);
  } else {
    builder.reprompt(toSsml([], say(reply.ask.reprompt), voice)).withShouldEndSession(false);
  }
  replies.set(input.attributesManager, reply);
  return builder.getResponse();
}

export function replyOf(input: HandlerInput): Reply | undefined {
  return replies.get(input.attributesManager);
}

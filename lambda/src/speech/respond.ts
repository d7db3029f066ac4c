/**
 * Turns a handler's Reply (keys, not words) into an Alexa response: SSML at the listener's rate, a
 * reprompt, and a card with the same words. The Reply is kept in the request's context for the
 * response interceptor, which records the topic and the offer.
 *
 * A response depends only on the locale, the rate, the volume, whether the device has a screen and the
 * reply's keys, so each is rendered once, frozen, and handed to every later request that asks for the
 * same: a warm request renders nothing, and allocates next to nothing for its answer.
 */
import { ResponseFactory, type HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { context } from '../context';
import { hasText, type Translate } from '../content/i18n';
import { deepFreeze } from '../json';
import type { Line, StoredReply } from '../replies';
import { replyText } from '../replyText';
import { normalRate } from './rate';
import { toPlainText, toSsml, type Voice } from './render';
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

/**
 * Rendered responses, by the reply (its text, which names every key, placeholder and count: replyText.ts)
 * and then by the locale, rate, volume and screen. The skill's own replies give a few hundred; the cap
 * bounds memory when forged "repeat" replies or odd locales make up more, and those are rendered again.
 */
const MAX_RESPONSES = 2_000;
const responses = new Map<string, Map<string, Response>>();
let responseCount = 0;

function remembered(reply: string, voice: string): Response | undefined {
  return responses.get(reply)?.get(voice);
}

function remember(reply: string, voice: string, response: Response): void {
  if (responseCount >= MAX_RESPONSES) {
    responses.clear();
    responseCount = 0;
  }
  const byVoice = responses.get(reply) ?? new Map<string, Response>();
  responses.set(reply, byVoice);
  byVoice.set(voice, response);
  responseCount += 1;
}

/** A line that belongs to the session is said once: the first time it applies. The reply itself when nothing goes. */
function unheard(given: StoredReply, heardOnce: readonly string[]): StoredReply {
  const heard = (line: Line<string>): boolean => line.once === true && heardOnce.includes(line.key);
  if (!given.lines.some(heard)) return given;
  return { ...given, lines: given.lines.filter((line) => !heard(line)) };
}

function render(reply: StoredReply, t: Translate, locale: string, voice: Voice, screen: boolean): Response {
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
  // ask-sdk's own builder, so the response has exactly its shape; a builder of our own, as the
  // request's is not used once the answer is remembered.
  const builder = ResponseFactory.init().speak(ssml).withSimpleCard(title, transcript);
  if (screen) builder.addDirective(transcriptDirective(title, transcript));
  if (reply.ask === undefined) {
    builder.withShouldEndSession(true);
  } else {
    builder.reprompt(toSsml([], say(reply.ask.reprompt), voice)).withShouldEndSession(false);
  }
  // Shared by every request that asks for the same answer, so nothing may change it.
  return deepFreeze(builder.getResponse());
}

export function respond(input: HandlerInput, given: StoredReply): Response {
  const request = context(input);
  const { t, locale, voice } = request.conversation;
  const { session, settings } = request;
  const reply = unheard(given, session.heardOnce);
  const rate = normalRate(settings.rate);
  const volume = settings.volume ?? voice.volume;
  const screen = inputSupportsApl(input);
  const text = replyText(reply);
  const how = `${locale}\u0000${rate}\u0000${volume}\u0000${screen ? 1 : 0}`;
  let response = remembered(text, how);
  if (response === undefined) {
    response = render(reply, t, locale, { ...voice, rate, volume }, screen);
    remember(text, how, response);
  }
  request.reply = reply;
  return response;
}

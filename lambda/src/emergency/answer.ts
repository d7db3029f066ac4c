/**
 * The emergency answer. It is built from compiled-in data only: the content file imported at build
 * time and the number table. It does not touch i18next, persistence, the session or any interceptor,
 * so it still speaks the right number when all of those are broken.
 */
import type { Response } from 'ask-sdk-model';
import { contentFor, languageOf } from '../content';
import { buildLexicon, toPlainText, toSsml } from '../speech/render';
import { transcriptDirective } from '../speech/screen';
import { emergencyNumberFor } from './numbers';

/** Slower than normal, so the number cannot be misheard. */
export const EMERGENCY_RATE = 85;

const noPronunciations = buildLexicon({});
const answers = new Map<string, Response>();
const screenAnswers = new Map<string, Response>();

function fill(template: string, number: string): string {
  return template.split('{{number}}').join(number);
}

function build(locale: string, screen: boolean): Response {
  const number = emergencyNumberFor(locale);
  const text = contentFor(locale).emergency;
  const lines = [text.callNow, text.again, text.cannotCall].map((template) => fill(template, number));
  const title = fill(text.title, number);
  const answer: Response = {
    outputSpeech: { type: 'SSML', ssml: toSsml(lines, undefined, { lexicon: noPronunciations, emergencyNumber: number, rate: EMERGENCY_RATE }) },
    card: { type: 'Simple', title, content: toPlainText(lines, undefined) },
    shouldEndSession: true,
  };
  // On a screen, the number stands alone in the heading, in the largest text.
  return screen ? { ...answer, directives: [transcriptDirective(title, toPlainText(lines, undefined))] } : answer;
}

/** The emergency answer for a locale, built once and reused: the fastest response the skill makes. */
export function emergencyResponse(locale: string, screen = false): Response {
  const cache = screen ? screenAnswers : answers;
  // Keyed by what the answer depends on, so an unknown locale string cannot grow the cache.
  const key = `${languageOf(locale)} ${emergencyNumberFor(locale)}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const answer = build(locale, screen);
  cache.set(key, answer);
  return answer;
}

/**
 * The emergency answer. It is built from compiled-in data only: the content file imported at build
 * time and the number table. It does not touch i18next, persistence, the session or any interceptor,
 * so it still speaks the right number when all of those are broken.
 */
import type { Response } from 'ask-sdk-model';
import { emergencyWordsFor, languageOf } from '../content';
import { deepFreeze } from '../json';
import { buildLexicon, toPlainText, toSsml } from '../speech/render';
import { transcriptDirective } from '../speech/screen';
import { emergencyNumberFor } from './numbers';

/** Slower than normal, so the number cannot be misheard. */
export const EMERGENCY_RATE = 85;

const noPronunciations = buildLexicon({});
const answers = new Map<string, Response>();

/** Puts the number into a compiled-in template, without i18next. */
export function withNumber(template: string, number: string): string {
  return template.split('{{number}}').join(number);
}

/** The voice for when things are serious: slower, plain words, the number digit by digit. */
export function slowSsml(lines: readonly string[], number: string): string {
  return toSsml(lines, undefined, {
    lexicon: noPronunciations,
    emergencyNumber: number,
    rate: EMERGENCY_RATE,
    volume: 'medium',
  });
}

function build(locale: string, screen: boolean): Response {
  const number = emergencyNumberFor(locale);
  const text = emergencyWordsFor(locale);
  const lines = [text.callNow, text.again, text.cannotCall].map((template) => withNumber(template, number));
  const title = withNumber(text.title, number);
  const transcript = toPlainText(lines, undefined);
  const answer: Response = {
    outputSpeech: { type: 'SSML', ssml: slowSsml(lines, number) },
    card: { type: 'Simple', title, content: transcript },
    shouldEndSession: true,
  };
  // On a screen, the number stands alone in the heading, in the largest text.
  return screen ? { ...answer, directives: [transcriptDirective(title, transcript)] } : answer;
}

/** The emergency answer for a locale, built once and reused: the fastest response the skill makes. */
export function emergencyResponse(locale: string, screen = false): Response {
  // Keyed by what the answer depends on, so an unknown locale string cannot grow the cache.
  const key = `${languageOf(locale)} ${emergencyNumberFor(locale)} ${String(screen)}`;
  const known = answers.get(key);
  if (known !== undefined) return known;
  // Frozen: every emergency request of the locale gets this same object.
  const answer = deepFreeze(build(locale, screen));
  answers.set(key, answer);
  return answer;
}

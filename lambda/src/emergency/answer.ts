/**
 * The emergency answer. It is built from compiled-in data only: the content file imported at build
 * time and the number table. It does not touch i18next, persistence, the session or any interceptor,
 * so it still speaks the right number when all of those are broken.
 */
import type { Response } from 'ask-sdk-model';
import { contentFor } from '../content';
import { buildLexicon, toPlainText, toSsml } from '../speech/render';
import { emergencyNumberFor } from './numbers';

/** Slower than normal, so the number cannot be misheard. */
export const EMERGENCY_RATE = 85;

const noPronunciations = buildLexicon({});
const answers = new Map<string, Response>();

function fill(template: string, number: string): string {
  return template.split('{{number}}').join(number);
}

function build(locale: string): Response {
  const number = emergencyNumberFor(locale);
  const text = contentFor(locale).emergency;
  const lines = [text.callNow, text.again, text.cannotCall].map((template) => fill(template, number));
  return {
    outputSpeech: { type: 'SSML', ssml: toSsml(lines, undefined, { lexicon: noPronunciations, emergencyNumber: number, rate: EMERGENCY_RATE }) },
    card: { type: 'Simple', title: fill(text.title, number), content: toPlainText(lines, undefined) },
    shouldEndSession: true,
  };
}

export function emergencyResponse(locale: string): Response {
  const known = answers.get(locale);
  if (known !== undefined) return known;
  const answer = build(locale);
  answers.set(locale, answer);
  return answer;
}

/**
 * How long a text takes to say: a small model of words and pauses at a speech rate, for the review pack and for
 * checks on length. It is an estimate, not a measurement of Alexa's voice.
 *
 * At the normal rate a word takes 60 / WORDS_PER_MINUTE seconds, a sentence end adds a pause and so does a comma.
 * Calibrated so that 90 words of this guide's prose (short sentences, a few commas) take about 35 seconds, the
 * "one breath" limit in DESIGN.md. The prosody rate stretches words and the voice's own pauses alike, and
 * speech/render.ts scales its breaks by the same rate, so the whole time scales by 100 / rate.
 */
import { NORMAL_RATE, RATES } from './rate';

const WORDS_PER_MINUTE = 165;
const SENTENCE_PAUSE_MS = 350;
const COMMA_PAUSE_MS = 150;

/** How many words a run of digits is said as: "10" is one, "911" digit by digit is three, "2016" is three. */
function wordsForNumber(digits: string): number {
  return digits.length <= 2 ? 1 : 3;
}

export interface SpokenParts {
  words: number;
  sentences: number;
  commas: number;
}

/** The words and pauses of a plain text (no markup). */
export function spokenParts(text: string): SpokenParts {
  const tokens = text.match(/[\p{L}][\p{L}'’-]*|\p{N}+/gu) ?? [];
  const words = tokens.reduce((sum, token) => sum + (/^\p{N}+$/u.test(token) ? wordsForNumber(token) : 1), 0);
  const trimmed = text.trim();
  const sentenceEnds = (trimmed.match(/[.!?¿¡]+(\s|$)/g) ?? []).length;
  const sentences = words === 0 ? 0 : Math.max(1, sentenceEnds);
  const commas = (text.match(/[,;:]/g) ?? []).length;
  return { words, sentences, commas };
}

/** Seconds to say a plain text at a rate in percent (100 is Alexa's normal rate). */
export function spokenSeconds(text: string, rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0) throw new RangeError(`speech rate must be a positive percentage, not ${rate}`);
  const { words, sentences, commas } = spokenParts(text);
  const atNormalMs = (words * 60_000) / WORDS_PER_MINUTE + sentences * SENTENCE_PAUSE_MS + commas * COMMA_PAUSE_MS;
  return (atNormalMs * (100 / rate)) / 1000;
}

export interface RatedDuration {
  label: 'slowest' | 'normal' | 'fastest';
  rate: number;
  seconds: number;
}

/** The time at the skill's slowest, normal and fastest rates, read from speech/rate.ts. */
export function durationsAtRates(text: string): RatedDuration[] {
  const rates: [RatedDuration['label'], number][] = [
    ['slowest', Math.min(...RATES)],
    ['normal', NORMAL_RATE],
    ['fastest', Math.max(...RATES)],
  ];
  return rates.map(([label, rate]) => ({ label, rate, seconds: spokenSeconds(text, rate) }));
}

/**
 * How long a text takes to say: a small model of words and pauses at a speech rate, for the review pack and for
 * checks on length. It is an estimate, not a measurement of Alexa's voice.
 *
 * At the normal rate a word takes 60 / WORDS_PER_MINUTE seconds, a sentence end adds a pause and so does a comma.
 * Calibrated so that 90 words of this guide's prose (short sentences, a few commas) take about 35 seconds, the
 * "one breath" limit in DESIGN.md. The prosody rate stretches words and the voice's own pauses alike; a
 * `<break>` is not stretched (speech/render.ts scales its breaks itself), so the SSML timing takes breaks as written.
 *
 * It lives with the tools, not in lambda/src: nothing on Lambda times its own speech. The durations table
 * (`npm run durations`), the length tests and the review pack use it, and tests/unit/duration.test.ts checks it
 * against espeak-ng's renderings.
 */
import { emergencyNumberFor } from '../lambda/src/emergency/numbers';
import { NORMAL_RATE, RATES } from '../lambda/src/speech/rate';
import { buildLexicon, toSsml } from '../lambda/src/speech/render';
import { decodeEntities } from './spoken';

const WORDS_PER_MINUTE = 165;

/**
 * How long a listener may wait, in seconds (issue 15): no turn runs longer than 30 s before its question at the
 * listener's rate, and the first greeting reaches its question within 15 s at the normal rate.
 */
export const LIMITS: Readonly<{ turn: number; greeting: number }> = { turn: 30, greeting: 15 };
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

function checkedRate(rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0)
    throw new RangeError(`speech rate must be a positive percentage, not ${rate}`);
  return rate;
}

function partsMs({ words, sentences, commas }: SpokenParts, rate: number): number {
  const atNormalMs = (words * 60_000) / WORDS_PER_MINUTE + sentences * SENTENCE_PAUSE_MS + commas * COMMA_PAUSE_MS;
  return atNormalMs * (100 / checkedRate(rate));
}

/** Seconds to say a plain text at a rate in percent (100 is Alexa's normal rate). */
export function spokenSeconds(text: string, rate: number): number {
  return partsMs(spokenParts(text), rate) / 1000;
}

export interface SpeechTiming {
  /** The whole document, in seconds. */
  seconds: number;
  /**
   * When the closing question starts: the last sentence, if the document ends with a question mark, else the whole
   * document. This is how long a listener waits before they are asked anything.
   */
  beforeQuestion: number;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return match === null ? undefined : (match[1] ?? match[2]);
}

/** A `<break>`'s time in milliseconds: "600ms" or "1.5s". Alexa's default for a bare break is a medium pause. */
function breakMs(tag: string): number {
  const time = attribute(tag, 'time');
  const match = time === undefined ? null : /^(\d+(?:\.\d+)?)(ms|s)$/.exec(time);
  if (match === null) return 500;
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

/** A prosody rate in percent; the named rates are Alexa's documented steps. */
function prosodyRate(tag: string, outer: number): number {
  const rate = attribute(tag, 'rate');
  if (rate === undefined) return outer;
  const named: Record<string, number> = { 'x-slow': 50, slow: 75, medium: 100, fast: 125, 'x-fast': 150 };
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(rate);
  return percent === null ? (named[rate] ?? outer) : Number(percent[1]);
}

/**
 * The spoken length of an SSML document, as this skill writes it: text, `<break>`, `<prosody rate>`, `<say-as
 * interpret-as="digits">` (a word a digit), `<sub alias>` (the alias is what is said) and `<phoneme>` (its word).
 */
export function ssmlTiming(ssml: string): SpeechTiming {
  const rates: number[] = [NORMAL_RATE];
  let mode: 'text' | 'digits' | 'skip' = 'text';
  let elapsed = 0;
  let sentenceStart = 0;
  let atBoundary = true;
  let lastText = '';
  const sayPiece = (piece: string, rate: number, digits: boolean): void => {
    if (piece.trim() === '') return;
    if (atBoundary) {
      sentenceStart = elapsed;
      atBoundary = false;
    }
    const parts = digits
      ? { words: (piece.match(/\p{N}/gu) ?? []).length, sentences: 0, commas: 0 }
      : spokenParts(piece);
    const ends = !digits && /[.!?]\s*$/.test(piece);
    elapsed += partsMs({ ...parts, sentences: ends ? 1 : 0 }, rate);
    lastText = piece;
    if (ends) atBoundary = true;
  };
  const say = (text: string, digits: boolean): void => {
    const rate = rates[rates.length - 1] ?? NORMAL_RATE;
    for (const piece of decodeEntities(text).split(/(?<=[.!?])\s+/u)) sayPiece(piece, rate, digits);
  };
  for (const [token] of ssml.matchAll(/<[^>]*>|[^<]+/g)) {
    if (!token.startsWith('<')) {
      if (mode !== 'skip') say(token, mode === 'digits');
      continue;
    }
    const name = /^<\/?([\w-]+)/.exec(token)?.[1] ?? '';
    const closing = token.startsWith('</');
    if (name === 'break') {
      elapsed += breakMs(token);
    } else if (name === 'prosody') {
      if (closing) rates.pop();
      else rates.push(prosodyRate(token, rates[rates.length - 1] ?? NORMAL_RATE));
    } else if (name === 'say-as') {
      mode = !closing && attribute(token, 'interpret-as') === 'digits' ? 'digits' : 'text';
    } else if (name === 'sub') {
      const alias = attribute(token, 'alias');
      // An alias's full stops ("I.V.") are letters said one by one, not sentence ends.
      if (!closing && alias !== undefined) say(alias.replace(/[.!?]/g, ' '), false);
      mode = closing ? 'text' : 'skip';
    }
  }
  const seconds = elapsed / 1000;
  const asks = /\?\s*$/.test(lastText);
  return { seconds, beforeQuestion: asks ? sentenceStart / 1000 : seconds };
}

/** The three steps every duration report shows: the skill's slowest, normal and fastest rates, from speech/rate.ts. */
export const RATE_STEPS: readonly { label: 'slowest' | 'normal' | 'fastest'; rate: number }[] = [
  { label: 'slowest', rate: Math.min(...RATES) },
  { label: 'normal', rate: NORMAL_RATE },
  { label: 'fastest', rate: Math.max(...RATES) },
];

export interface RatedDuration {
  label: 'slowest' | 'normal' | 'fastest';
  rate: number;
  seconds: number;
}

const plainLexicon = buildLexicon({});

/**
 * One text's time at the three steps, rendered as the skill renders a line (speech/render.ts: its pauses between
 * sentences below the normal rate, the emergency number digit by digit), then timed like any answer.
 */
export function durationsAtRates(text: string, locale: string): RatedDuration[] {
  const emergencyNumber = emergencyNumberFor(locale);
  return RATE_STEPS.map(({ label, rate }) => ({
    label,
    rate,
    seconds: ssmlTiming(toSsml([text], undefined, { lexicon: plainLexicon, emergencyNumber, rate, volume: 'medium' }))
      .seconds,
  }));
}

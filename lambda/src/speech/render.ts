/**
 * The only place SSML is made. Text arrives plain; ssml-builder escapes it exactly once.
 * Words in the language's pronunciation list get a phoneme or an alias, and the local emergency
 * number is always spoken digit by digit.
 */
import Speech from 'ssml-builder';
import type { Pronunciation } from '../content/types';

export interface Voice {
  /** Words that text-to-speech says wrongly, for this language. */
  lexicon: Lexicon;
  /** The local emergency number, spoken as digits wherever it appears. */
  emergencyNumber: string;
  /** Speech rate in percent; 100 is Alexa's normal rate. */
  rate: number;
  /** SSML prosody volume; "medium" is Alexa's normal volume. */
  volume: string;
}

export interface Lexicon {
  pattern: RegExp | undefined;
  entries: Record<string, Pronunciation>;
}

/** Pauses at the normal rate. Alexa does not stretch a break with the prosody rate, so we scale them. */
const PAUSE_BETWEEN_LINES_MS = 400;
const PAUSE_BEFORE_QUESTION_MS = 600;
/**
 * Below the normal rate, sentences inside a line get a pause of their own too: older listeners
 * recognise words better with pauses between sentences than with very slow speech.
 */
const PAUSE_BETWEEN_SENTENCES_MS = 480;

function pause(ms: number, rate: number): string {
  return `${Math.round((ms * 100) / rate)}ms`;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function buildLexicon(entries: Record<string, Pronunciation>): Lexicon {
  const words = Object.keys(entries).sort((a, b) => b.length - a.length);
  const pattern = words.length === 0 ? undefined : new RegExp(`\\b(${words.map(escapeForRegExp).join('|')})\\b`, 'gi');
  return { pattern, entries };
}

function sayWord(speech: Speech, word: string, voice: Voice): void {
  if (word === voice.emergencyNumber) {
    speech.sayAs({ word, interpret: 'digits' });
    return;
  }
  // Matching ignores case, so "Vertebrae" at the start of a sentence is pronounced like "vertebrae".
  const pronunciation = voice.lexicon.entries[word] ?? voice.lexicon.entries[word.toLowerCase()];
  if (pronunciation === undefined) {
    speech.say(word);
  } else if ('ipa' in pronunciation) {
    speech.phoneme('ipa', pronunciation.ipa, word);
  } else {
    speech.sub(pronunciation.alias, word);
  }
}

/** Built once per lexicon and number, not for every line. matchAll works on a copy, so sharing is safe. */
const specialPatterns = new WeakMap<Lexicon, Map<string, RegExp>>();

function specialWords(voice: Voice): RegExp {
  const byNumber = specialPatterns.get(voice.lexicon) ?? new Map<string, RegExp>();
  specialPatterns.set(voice.lexicon, byNumber);
  const known = byNumber.get(voice.emergencyNumber);
  if (known !== undefined) return known;
  const alternatives = [`\\b${escapeForRegExp(voice.emergencyNumber)}\\b`];
  if (voice.lexicon.pattern !== undefined) alternatives.push(voice.lexicon.pattern.source);
  const pattern = new RegExp(alternatives.join('|'), 'gi');
  byNumber.set(voice.emergencyNumber, pattern);
  return pattern;
}

/** A line's sentences, each with the stop that ends it. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=\S)/u);
}

function sayLine(speech: Speech, text: string, voice: Voice): void {
  if (voice.rate >= 100) {
    sayText(speech, text, voice);
    return;
  }
  sentences(text).forEach((sentence, index) => {
    if (index > 0) speech.pause(pause(PAUSE_BETWEEN_SENTENCES_MS, voice.rate));
    sayText(speech, sentence, voice);
  });
}

function sayText(speech: Speech, text: string, voice: Voice): void {
  const pattern = specialWords(voice);
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const before = text.slice(last, start).trim();
    if (before.length > 0) speech.say(before);
    sayWord(speech, match[0], voice);
    last = start + match[0].length;
  }
  const rest = text.slice(last).trim();
  if (rest.length > 0) speech.say(rest);
}

const volumes = new Set(['x-soft', 'soft', 'medium', 'loud', 'x-loud']);

function atRate(inner: string, rate: number, volume: string): string {
  const attributes = [
    rate === 100 ? '' : ` rate="${Math.round(rate)}%"`,
    volume === 'medium' || !volumes.has(volume) ? '' : ` volume="${volume}"`,
  ].join('');
  if (attributes === '') return `<speak>${inner}</speak>`;
  // ssml-builder's prosody() escapes its content, so it cannot hold phonemes or breaks; the inner
  // markup here is ssml-builder's own output, the rate is a number and the volume one of a fixed
  // list, so wrapping is safe.
  return `<speak><prosody${attributes}>${inner}</prosody></speak>`;
}

/**
 * Rendered documents, by lexicon and then by number, rate, volume and text. What is said depends only
 * on the locale's content, the listener's rate and volume and the words, so a warm skill renders each answer once. The
 * cap bounds memory if the words ever vary without end (they come from our own content).
 */
const MAX_RENDERED = 5_000;
const rendered = new WeakMap<Lexicon, Map<string, string>>();

/** Renders lines of plain text, then an optional closing question, as one SSML document. */
export function toSsml(lines: readonly string[], question: string | undefined, voice: Voice): string {
  const byText = rendered.get(voice.lexicon) ?? new Map<string, string>();
  rendered.set(voice.lexicon, byText);
  const id = `${voice.emergencyNumber}\u0000${voice.rate}\u0000${voice.volume}\u0000${question ?? '\u0001'}\u0000${lines.length}\u0000${lines.join('\u0000')}`;
  const known = byText.get(id);
  if (known !== undefined) return known;
  const ssml = renderSsml(lines, question, voice);
  if (byText.size >= MAX_RENDERED) byText.clear();
  byText.set(id, ssml);
  return ssml;
}

function renderSsml(lines: readonly string[], question: string | undefined, voice: Voice): string {
  const speech = new Speech();
  lines.forEach((line, index) => {
    if (index > 0) speech.pause(pause(PAUSE_BETWEEN_LINES_MS, voice.rate));
    sayLine(speech, line, voice);
  });
  if (question !== undefined) {
    if (lines.length > 0) speech.pause(pause(PAUSE_BEFORE_QUESTION_MS, voice.rate));
    sayText(speech, question, voice);
  }
  return atRate(speech.ssml(true), voice.rate, voice.volume);
}

/**
 * The very last answer, when even rendering failed: a fixed sentence and the number. The number comes
 * from our own table and is checked to be digits, so the markup cannot be broken by it.
 */
export function lastWordsSsml(number: string): string {
  const digits = /^\d{2,4}$/.test(number) ? number : '112';
  return `<speak>Call <say-as interpret-as="digits">${digits}</say-as> now. <break time="400ms"/> Call <say-as interpret-as="digits">${digits}</say-as> now.</speak>`;
}

/** The words a card or a screen shows: exactly what is spoken, without markup. */
export function toPlainText(lines: readonly string[], question: string | undefined): string {
  return [...lines, ...(question === undefined ? [] : [question])].join('\n\n');
}

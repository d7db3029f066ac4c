/**
 * The skill's own reading of any words that arrive (an open slot's value, or free text from a
 * search-query slot). Pure and total: given any text it answers with one reading, and it never
 * throws, keeps, logs or repeats the words. Everything it knows comes from the language source and
 * the triage policy, both compiled in.
 *
 *   command   stop, cancel, help, repeat, next, … said in free text
 *   report    something happening now, to the speaker or someone with them, graded by the policy
 *   question  a question about a section, a fact or a word, found by a ranked search; `caution`
 *             when it mentions an emergency sign and might be a report after all
 *   unknown   nothing the guide can act on
 */
import { isPublished, languageOf, languageSourceFor } from '../content';
import { emergencyNumberFor } from '../emergency/numbers';
import { tokens, type Speech } from './normalise';
import { PhraseIndex, phrasesOf, type Found, type Phrase } from './phrases';
import { AnswerIndex, type Answer, type Document } from './search';
import type { Frame, Lexicon, UnderstoodSource } from './source';
import {
  combine,
  escalate,
  FALL,
  fallRedFlags,
  fallWithRedFlag,
  gradeOf,
  helperConcepts,
  rank,
  symptomQuestionAnswer,
  symptomQuestionSection,
  type Grade,
} from './triage';

export type { Answer } from './search';
export type { Grade } from './triage';

export type Reading =
  | { kind: 'command'; move: string }
  | { kind: 'report'; grade: Grade; concepts: string[]; others: boolean }
  | { kind: 'question'; answer: Answer; caution: boolean }
  | { kind: 'unknown' };

const UNKNOWN: Reading = { kind: 'unknown' };

interface Scan {
  words: readonly string[];
  negations: Found[];
  breaks: Found[];
  signs: Found[];
}

/** How far (in words) a negation, a severity or a body part reaches to the word it belongs to. */
const REACH = 4;
/** How far apart a body part and its state may be ("tingling going all the way down both legs"). */
const COMBINE_REACH = 6;
/** How far a time in the past ("last month") reaches. */
const PAST_REACH = 6;
/** The least score at which the search trusts its best answer. */
const MIN_SCORE = 1.2;
/** A score at which a question's answer wins over a move said among its words. */
const CONFIDENT_SCORE = 4;
/** How much of what was said a move's phrases must cover to count as that move, and to win outright. */
const LOOSE_SHARE = 0.5;
const STRONG_SHARE = 0.8;

function lexiconPhrases(group: Record<string, Lexicon>): Phrase[] {
  return Object.entries(group).map(([id, lexicon]) => phrasesOf(id, lexicon.words));
}

function near(a: Found, b: Found, reach: number): boolean {
  return a.start - b.end <= reach && b.start - a.end <= reach;
}

/** The ways a locale says its emergency number: its digits as words, and its regional names for it. */
export function numberWords(source: UnderstoodSource, locale: string): string[] {
  const digits = emergencyNumberFor(locale)
    .split('')
    .map((digit) => source.speech.digits[Number(digit)] ?? digit)
    .join(' ');
  return [...new Set([digits, ...source.concepts.emergency.numberWords])];
}

/** The emergency phrases, with {-|number} said every way the locale says its number. */
export function emergencyPhrases(source: UnderstoodSource, locale: string): string[] {
  const numbers = numberWords(source, locale);
  return source.concepts.emergency.phrases.flatMap((phrase) =>
    phrase.includes('{-|number}') ? numbers.map((number) => phrase.replace('{-|number}', number)) : [phrase],
  );
}

function answerDocuments(source: UnderstoodSource): Document[] {
  const { sections, facts, terms } = source.concepts;
  return [
    ...Object.entries(sections).map(([id, concept]): Document => ({
      answer: { kind: 'section', id },
      fields: [
        { text: concept.questions, weight: 1 },
        { text: concept.names ?? [], weight: 1.5 },
        { text: concept.keywords, weight: 1.5 },
      ],
    })),
    ...Object.entries(facts).map(([id, concept]): Document => ({
      answer: { kind: 'fact', id },
      fields: [
        { text: concept.questions, weight: 1 },
        { text: concept.keywords, weight: 2 },
      ],
    })),
    ...Object.entries(terms).map(([id, term]): Document => ({
      answer: { kind: 'term', id },
      fields: [{ text: term.names, weight: 2 }],
    })),
  ];
}

/** One locale's reader, built once from its language source. */
export class Reader {
  private readonly speech: Speech;
  private readonly moves: PhraseIndex;
  private readonly wrappers: PhraseIndex;
  private readonly emergencies: PhraseIndex;
  private readonly symptoms: PhraseIndex;
  private readonly bodyParts: PhraseIndex;
  private readonly states: PhraseIndex;
  private readonly severities: PhraseIndex;
  private readonly terms: PhraseIndex;
  private readonly tells: Record<keyof UnderstoodSource['concepts']['tells'], PhraseIndex>;
  private readonly answers: AnswerIndex;
  private readonly discourse: ReadonlySet<string>;

  constructor(source: UnderstoodSource, locale: string) {
    const { concepts } = source;
    this.speech = source.speech;
    const index = (phrases: Phrase[]): PhraseIndex => new PhraseIndex(phrases, this.speech);
    const loose = (phrases: Phrase[]): PhraseIndex => new PhraseIndex(phrases, this.speech, true);
    this.moves = loose(Object.entries(concepts.moves).map(([id, move]) => phrasesOf(id, move.phrases)));
    this.wrappers = index([
      phrasesOf('before', source.wrappers.before),
      phrasesOf('after', [...source.wrappers.after, ...source.wrappers.command]),
    ]);
    this.emergencies = loose([phrasesOf('emergency', emergencyPhrases(source, locale))]);
    this.symptoms = loose(lexiconPhrases(concepts.symptoms));
    this.bodyParts = loose(lexiconPhrases(concepts.bodyParts));
    this.states = loose(lexiconPhrases(concepts.states));
    this.severities = index(lexiconPhrases(concepts.severities));
    this.terms = index(Object.entries(concepts.terms).map(([id, term]) => phrasesOf(id, term.names)));
    const tells = concepts.tells;
    this.tells = {
      negation: index([phrasesOf('negation', tells.negation)]),
      negationBreaks: index([phrasesOf('break', tells.negationBreaks)]),
      past: index([phrasesOf('past', tells.past)]),
      question: index([phrasesOf('question', tells.question)]),
      now: index([phrasesOf('now', tells.now)]),
      self: index([phrasesOf('self', tells.self)]),
      others: index([phrasesOf('others', tells.others)]),
      interrogatives: index([phrasesOf('interrogative', tells.interrogatives)]),
      definition: index([phrasesOf('definition', tells.definition)]),
    };
    this.answers = new AnswerIndex(answerDocuments(source), this.speech);
    this.discourse = new Set(source.wrappers.discourse.flatMap((word) => tokens(word, this.speech)));
  }

  read(text: string, frame: Frame | undefined): Reading {
    const words = tokens(text, this.speech);
    if (words.length === 0) return UNKNOWN;
    const command = this.command(words);
    if (command !== undefined) return { kind: 'command', move: command };
    const loose = this.looseCommand(words);
    const scan = this.scan(words);
    const emergency = this.emergencies.longest(words).some((found) => !this.negated(scan, found));
    const { current: concepts, history } = this.currentSymptoms(scan);
    const graded = concepts.flatMap((concept) => {
      const grade = gradeOf(concept);
      return grade === undefined ? [] : [{ concept, grade }];
    });
    const others = this.tells.others.all(words).length > 0;
    const form = this.form(words, frame);
    // "Call an ambulance" is an emergency however it is put, unless it is plainly asked about
    // ("when is it an emergency"): then the emergency line comes first, then the answer.
    if (emergency && form === 'report')
      return {
        kind: 'report',
        grade: 'emergency',
        concepts: graded.filter((item) => item.grade === 'emergency').map((item) => item.concept),
        others,
      };
    if (emergency) return this.question(words, true, true);
    if (graded.length === 0 && loose !== undefined && (loose.strong || !this.answered(words)))
      return { kind: 'command', move: loose.move };
    // A sign in the past ("I had a fever last month") is history to tell the care team about.
    if (graded.length === 0) return this.question(words, false, history);
    const worst = graded.reduce((a, b) => (rank(b.grade) > rank(a.grade) ? b : a)).grade;
    const serious = worst !== 'mild';
    if (form === 'report')
      return {
        kind: 'report',
        grade: worst,
        concepts: graded.filter((item) => item.grade === worst).map((item) => item.concept),
        others,
      };
    // Any question about an emergency sign ("what if I can't get up after a fall") has the emergency line first.
    return this.question(words, worst === 'emergency', serious);
  }

  /** A move, when the words are that move and nothing else but politeness ("could you repeat that please"). */
  private command(words: readonly string[]): string | undefined {
    const whole = this.moves.whole(words);
    if (whole !== undefined) return whole;
    let start = 0;
    let end = words.length;
    const wrappers = this.wrappers.longest(words);
    for (const found of wrappers) if (found.start === start) start = found.end;
    for (const found of [...wrappers].reverse()) if (found.end === end && found.start >= start) end = found.start;
    while (start < end && this.discourse.has(words[start])) start += 1;
    while (end > start && this.discourse.has(words[end - 1])) end -= 1;
    return start < end ? this.moves.whole(words.slice(start, end)) : undefined;
  }

  /**
   * A move said among other words ("you're talking too fast", "tell me everything in order"): one
   * move's phrases cover most of what was said, leaving out small words and politeness.
   */
  private looseCommand(words: readonly string[]): { move: string; strong: boolean } | undefined {
    // Shares are of every word but the small talk around it ("sorry", "dear"): a sentence of common
    // words ("what do they do to you") is not a move because one of its words is one ("what").
    const said = words.filter((word) => !this.discourse.has(word)).length;
    const found = this.moves.longest(words);
    const moves = new Set(found.map((item) => item.id));
    if (said === 0 || moves.size !== 1) return undefined;
    const covered = found.reduce(
      (sum, item) => sum + words.slice(item.start, item.end).filter((word) => !this.discourse.has(word)).length,
      0,
    );
    const share = covered / said;
    // Two or more words of a move's own phrase ("too fast", "speak up") outweigh a question's keywords.
    return share >= LOOSE_SHARE ? { move: found[0].id, strong: share >= STRONG_SHARE || covered >= 2 } : undefined;
  }

  /** Whether the question search has a confident answer. */
  private answered(words: readonly string[]): boolean {
    return (this.answers.rank(words)[0]?.score ?? 0) >= CONFIDENT_SCORE;
  }

  /** What a read needs again and again, found once: the negations, what ends their reach, and the signs. */
  private scan(words: readonly string[]): Scan {
    return {
      words,
      negations: this.tells.negation.all(words),
      breaks: this.tells.negationBreaks.all(words),
      signs: [...this.symptoms.longest(words), ...this.states.longest(words), ...this.emergencies.longest(words)],
    };
  }

  /**
   * Whether a negation reaches this phrase: close before it, with no "but" or "just" in between. A
   * "no" that is itself part of a sign ("no puedo mover", "no feeling") denies nothing.
   */
  private negated(scan: Scan, found: Found): boolean {
    return scan.negations.some(
      (negation) =>
        negation.end <= found.start &&
        found.start - negation.end <= REACH &&
        !scan.signs.some((sign) => sign.start <= negation.start && sign.end >= negation.end) &&
        !scan.breaks.some((stop) => stop.start >= negation.end && stop.end <= found.start),
    );
  }

  /**
   * The symptom concepts reported as current (not denied, not in the past, combined and escalated),
   * and whether any sign was mentioned only in the past.
   */
  private currentSymptoms(scan: Scan): { current: string[]; history: boolean } {
    const { words } = scan;
    const live = (found: Found): boolean => !this.negated(scan, found);
    const past = this.tells.past.all(words);
    const present = (found: Found): boolean => !past.some((time) => near(time, found, PAST_REACH));
    const direct = this.symptoms.longest(words).filter(live);
    const parts = this.bodyParts.longest(words).filter(live);
    const states = this.states.longest(words).filter(live);
    const severe = this.severities.longest(words).filter((found) => found.id === 'severe' && live(found));
    const found: Found[] = [...direct];
    for (const part of parts) {
      for (const state of states) {
        const symptom = combine(part.id, state.id);
        if (symptom !== undefined && near(part, state, COMBINE_REACH))
          found.push({ id: symptom, start: Math.min(part.start, state.start), end: Math.max(part.end, state.end) });
      }
    }
    const current = found
      .filter(present)
      .map((item) => (severe.some((level) => near(level, item, REACH + 1)) ? escalate(item.id) : item.id));
    const unique = new Set(current);
    if (unique.has(FALL) && [...unique].some((id) => fallRedFlags.has(id))) unique.add(fallWithRedFlag);
    return {
      current: [...unique].filter((id) => !helperConcepts.has(id)),
      history: found.some((item) => !present(item)),
    };
  }

  /**
   * Report, question, or unsure. "What if my legs go numb" asks; "my legs are numb right now" and a
   * bare "legs numb" report; "is it normal that my legs are numb" reports, because it speaks of the
   * present; "is chest pain normal" asks but might be a report, so it is unsure.
   */
  private form(words: readonly string[], frame: Frame | undefined): 'report' | 'question' | 'unsure' {
    // A question tagged on at the end ("my legs are tingly, is that normal?") asks about what was just
    // said, so what was said decides: a statement of a sign is still a report of it.
    const questions = this.tells.question.all(words);
    const tag = questions.find((found) => found.start > 0 && found.end === words.length);
    if (tag !== undefined) return this.form(words.slice(0, tag.start), frame);
    if (this.tells.now.all(words).length > 0) return 'report';
    if (frame === 'report') return 'report';
    if (frame === 'hypothetical' || questions.length > 0) return 'question';
    const asks = frame === 'question' || this.tells.interrogatives.all(words).some((found) => found.start === 0);
    if (!asks) return 'report';
    return this.tells.self.all(words).length > 0 ? 'report' : 'unsure';
  }

  /**
   * The answer to a question. One that asks about a serious sign ("can it cause chest pain") goes to
   * the warning signs, unless the risks section answers it better.
   */
  private question(words: readonly string[], caution: boolean, aboutSigns = false): Reading {
    const definition = this.tells.definition.all(words).length > 0;
    const term = this.terms.longest(words)[0];
    if (definition && term !== undefined && !aboutSigns)
      return { kind: 'question', answer: { kind: 'term', id: term.id }, caution };
    const best = this.answers.rank(words).find((hit) => hit.answer.kind !== 'term' || definition);
    const signs: Answer = { kind: 'fact', id: symptomQuestionAnswer };
    const risks =
      best?.answer.kind === 'section' && best.answer.id === symptomQuestionSection && best.score >= MIN_SCORE;
    if (aboutSigns) return { kind: 'question', answer: risks ? best.answer : signs, caution };
    if (best !== undefined && best.score >= MIN_SCORE) return { kind: 'question', answer: best.answer, caution };
    return UNKNOWN;
  }
}

const readers = new Map<string, Reader>();

function readerFor(locale: string): Reader {
  // A locale the skill does not publish reads as its language: the cache cannot grow with odd locales.
  const key = isPublished(locale) ? locale : languageOf(locale);
  const known = readers.get(key);
  if (known !== undefined) return known;
  const reader = new Reader(languageSourceFor(key), key);
  readers.set(key, reader);
  return reader;
}

/** Reads any words in a locale. Total: a failure inside is an unknown reading, never an exception. */
export function understand(text: string, locale: string, frame?: Frame): Reading {
  try {
    return readerFor(locale).read(text, frame);
  } catch {
    return UNKNOWN;
  }
}

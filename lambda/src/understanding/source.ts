/**
 * The language source: how people say things, per language (content/<language>/language.json), with
 * regional overlays (content/<locale>/language.json) that only add words. The interaction models are
 * generated from it, and the skill's own understanding reads it. This module only types and merges it.
 */
export interface Lexicon {
  words: string[];
}

export interface QuestionConcept {
  /** Noun phrases that name the topic ("the risks"), for "tell me about …". */
  names?: string[];
  /** Whole questions, as alexa-utterances templates. */
  questions: string[];
  /** Words that point at this answer when they turn up in free text. */
  keywords: string[];
}

/** How free text was framed by the carrier words before it. */
export const frames = ['hypothetical', 'question', 'report'] as const;

export type Frame = (typeof frames)[number];

export interface LanguageSource {
  meta: { language?: string; about?: string; review?: string };
  /** What Alexa hears as this skill's name: lower case, two to three words. */
  invocationName: string;
  speech: {
    hesitations: string[];
    digits: string[];
    /**
     * Small words a carrier can take from the front of a phrase ("me" in "me hice pipí", heard behind
     * the carrier "me …"): each phrase that starts with one is also known without it.
     */
    clitics: string[];
    /**
     * Small words a phrase can lose when a carrier's own words are not delivered ("my" in "I {state} my
     * {bodyPart}"): each phrase of symptoms, body parts, states, emergencies and moves is also known without them.
     */
    optional: string[];
    /** Endings the question search strips to compare words ("hurting" and "hurts" are both "hurt"). */
    suffixes: string[];
    /** Words too common to point at any answer. */
    stopwords: string[];
  };
  /**
   * Polite words around a question (before, after), after a command ("stop please"), and the small
   * words people put around anything ("sorry", "yeah", "dear") that change nothing.
   */
  wrappers: { before: string[]; after: string[]; command: string[]; discourse: string[] };
  /**
   * Carrier templates per family of intents. Free text is heard behind carrier words, and only the
   * words in the slot reach the skill, so each family of carriers (a hypothetical question, a
   * question, a report) is its own intent, and the intent tells the understanding which it was.
   */
  carriers: { topic: string[]; term: string[]; report: string[]; freeText: Record<Frame, string[]> };
  concepts: {
    sections: Record<string, QuestionConcept>;
    facts: Record<string, QuestionConcept>;
    terms: Record<string, { names: string[] }>;
    moves: Record<string, { phrases: string[] }>;
    emergency: { phrases: string[]; numberWords: string[] };
    symptoms: Record<string, Lexicon>;
    bodyParts: Record<string, Lexicon>;
    states: Record<string, Lexicon>;
    severities: Record<string, Lexicon>;
    tells: {
      /** Words that deny what follows ("no chest pain"), and words that end their reach ("but", "just"). */
      negation: string[];
      negationBreaks: string[];
      /** Times that put a symptom in the past ("last month"): history, not a report. */
      past: string[];
      /** Ways of asking about something rather than reporting it ("what if", "can it cause"). */
      question: string[];
      /** Signs that something is happening now ("right now", "since the procedure", "suddenly"). */
      now: string[];
      /** Someone speaking of themselves or of the person with them, in the present ("I've got", "my", "she's"). */
      self: string[];
      /** Other people ("my husband", "she"): a report about them is still a report. */
      others: string[];
      /** Words that open a question. */
      interrogatives: string[];
      /** Words that ask what a word means. */
      definition: string[];
    };
  };
}

type Words = Record<string, Lexicon>;

/**
 * What the skill's own understanding reads of a language source, and all the Lambda bundle carries of
 * it: the carrier templates, the name and the notes are the model generator's alone. In the compiled
 * form (lambda/src/content/understood.json) each question concept's `questions` are the words of its
 * templates, which is all the search reads of them.
 */
export type UnderstoodSource = Pick<LanguageSource, 'speech' | 'wrappers' | 'concepts'>;

/** What a regional overlay may add: every part optional, and every list only adds. */
export interface SourceOverlay {
  meta?: { about?: string };
  wrappers?: Partial<LanguageSource['wrappers']>;
  carriers?: Partial<Omit<LanguageSource['carriers'], 'freeText'>> & { freeText?: Partial<Record<Frame, string[]>> };
  concepts?: {
    sections?: Record<string, Partial<QuestionConcept>>;
    facts?: Record<string, Partial<QuestionConcept>>;
    terms?: Record<string, { names: string[] }>;
    moves?: Record<string, { phrases: string[] }>;
    emergency?: Partial<LanguageSource['concepts']['emergency']>;
    symptoms?: Words;
    bodyParts?: Words;
    states?: Words;
    severities?: Words;
    tells?: Partial<LanguageSource['concepts']['tells']>;
  };
}

function join(base: readonly string[], extra: readonly string[] | undefined): string[] {
  return [...base, ...(extra ?? []).filter((item) => !base.includes(item))];
}

/** Joins each list of `extra` onto the same list of `base`; a key only in `extra` is added whole. */
function joinLists<K extends string>(
  base: Record<K, string[]>,
  extra: Partial<Record<K, string[]>> | undefined,
): Record<K, string[]> {
  const merged: Record<K, string[]> = { ...base };
  for (const key of Object.keys(extra ?? {}).filter((name): name is K => Object.hasOwn(base, name))) {
    merged[key] = join(base[key], extra?.[key]);
  }
  return merged;
}

function joinEach<T>(
  base: Record<string, T>,
  extra: Record<string, Partial<T>> | undefined,
  add: (a: T, b: Partial<T>) => T,
  make: (b: Partial<T>) => T | undefined,
): Record<string, T> {
  const merged: Record<string, T> = { ...base };
  for (const [id, more] of Object.entries(extra ?? {})) {
    const known = Object.hasOwn(base, id) ? base[id] : undefined;
    const next = known === undefined ? make(more) : add(known, more);
    if (next !== undefined) merged[id] = next;
  }
  return merged;
}

const joinLexicon = (a: Lexicon, b: Partial<Lexicon>): Lexicon => ({ words: join(a.words, b.words) });
const makeLexicon = (b: Partial<Lexicon>): Lexicon | undefined =>
  b.words === undefined ? undefined : { words: b.words };
const joinQuestion = (a: QuestionConcept, b: Partial<QuestionConcept>): QuestionConcept => ({
  ...(a.names === undefined && b.names === undefined ? {} : { names: join(a.names ?? [], b.names) }),
  questions: join(a.questions, b.questions),
  keywords: join(a.keywords, b.keywords),
});
const noNewQuestion = (): QuestionConcept | undefined => undefined;

/** What the understanding reads of a regional overlay. */
export type UnderstoodOverlay = Pick<SourceOverlay, 'wrappers' | 'concepts'>;

/** What the understanding reads of a locale: its language's, with each regional overlay laid over it in turn. */
export function withUnderstoodOverlay(base: UnderstoodSource, extra: UnderstoodOverlay): UnderstoodSource {
  const concepts = extra.concepts ?? {};
  return {
    speech: base.speech,
    wrappers: joinLists(base.wrappers, extra.wrappers),
    concepts: {
      sections: joinEach(base.concepts.sections, concepts.sections, joinQuestion, noNewQuestion),
      facts: joinEach(base.concepts.facts, concepts.facts, joinQuestion, noNewQuestion),
      terms: joinEach(
        base.concepts.terms,
        concepts.terms,
        (a, b) => ({ names: join(a.names, b.names) }),
        (b) => (b.names === undefined ? undefined : { names: b.names }),
      ),
      moves: joinEach(
        base.concepts.moves,
        concepts.moves,
        (a, b) => ({ phrases: join(a.phrases, b.phrases) }),
        () => undefined,
      ),
      emergency: joinLists(base.concepts.emergency, concepts.emergency),
      symptoms: joinEach(base.concepts.symptoms, concepts.symptoms, joinLexicon, makeLexicon),
      bodyParts: joinEach(base.concepts.bodyParts, concepts.bodyParts, joinLexicon, makeLexicon),
      states: joinEach(base.concepts.states, concepts.states, joinLexicon, makeLexicon),
      severities: joinEach(base.concepts.severities, concepts.severities, joinLexicon, makeLexicon),
      tells: joinLists(base.concepts.tells, concepts.tells),
    },
  };
}

/** A locale's whole language source, as the model generator reads it. */
export function withOverlay(base: LanguageSource, extra: SourceOverlay): LanguageSource {
  return {
    meta: base.meta,
    invocationName: base.invocationName,
    carriers: {
      ...joinLists(
        { topic: base.carriers.topic, term: base.carriers.term, report: base.carriers.report },
        { topic: extra.carriers?.topic, term: extra.carriers?.term, report: extra.carriers?.report },
      ),
      freeText: joinLists(base.carriers.freeText, extra.carriers?.freeText),
    },
    ...withUnderstoodOverlay(base, extra),
  };
}

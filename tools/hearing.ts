/**
 * The simulator's ears: how an utterance becomes an intent and slots, following only what Amazon
 * documents about its NLU. It is not Amazon's statistical model, so it never guesses beyond these
 * rules, and a phrasing it cannot match goes to AMAZON.FallbackIntent.
 *
 * 1. Text arrives as speech recognition delivers it: straight apostrophes, hyphens as spaces,
 *    digits as words ("call 911" is heard as "call nine one one"), hesitations ("um", "er") dropped.
 *    Case and accents do not matter to matching (recognition writes them itself).
 * 2. Custom slot types are open: a listed value or synonym resolves with its id (ER_SUCCESS_MATCH);
 *    any other words in the slot's place are still captured, with ER_SUCCESS_NO_MATCH.
 * 3. AMAZON.SearchQuery captures any words in its place; its carrier words stay literal.
 * 4. Built-in intents also understand their common phrases, as Amazon's table of standard built-in
 *    intents lists them, whether or not the model extends them with samples.
 * 5. When several samples match, the most specific wins: more literal words beat more slot words,
 *    and a listed slot value beats an unlisted one.
 */
import { foldText, tokens } from '../lambda/src/understanding/normalise';
import type { LanguageSource } from '../lambda/src/understanding/source';

export interface ModelIntent {
  name: string;
  slots?: { name: string; type: string }[];
  samples: string[];
}

export interface ModelType {
  name: string;
  values: { id: string; name: { value: string; synonyms?: string[] } }[];
}

export interface Model {
  intents: ModelIntent[];
  types: ModelType[];
}

export interface HeardSlot {
  value: string;
  /** The id of the listed value it resolved to; absent for an unlisted value (ER_SUCCESS_NO_MATCH). */
  id?: string;
  /** The slot's type, so the envelope knows whether it has entity resolution at all. */
  type: string;
}

export interface Heard {
  intent: string;
  slots: Record<string, HeardSlot>;
}

export const FALLBACK = 'AMAZON.FallbackIntent';
const SEARCH_QUERY = 'AMAZON.SearchQuery';

/**
 * Common utterances of the standard built-in intents, from Amazon's "Standard Built-in Intents"
 * reference (developer.amazon.com/docs/custom-skills/standard-built-in-intents.html), which lists a
 * subset of what each intent understands in each language.
 */
const builtInPhrases: Record<string, Record<string, string[]>> = {
  en: {
    'AMAZON.CancelIntent': ['cancel', 'never mind', 'forget it'],
    'AMAZON.HelpIntent': ['help', 'help me', 'can you help me'],
    'AMAZON.NextIntent': ['next', 'skip', 'skip forward'],
    'AMAZON.NoIntent': ['no', 'no thanks', 'nope'],
    'AMAZON.PreviousIntent': ['go back', 'skip back', 'back up'],
    'AMAZON.RepeatIntent': ['repeat', 'say that again', 'repeat that'],
    'AMAZON.StartOverIntent': ['start over', 'restart', 'start again'],
    'AMAZON.StopIntent': ['stop', 'off', 'shut up', 'quit', 'exit'],
    'AMAZON.YesIntent': ['yes', 'yes please', 'sure', 'yeah'],
  },
  es: {
    'AMAZON.CancelIntent': ['cancela', 'cancelar', 'olvídalo'],
    'AMAZON.HelpIntent': ['ayuda', 'ayúdame', 'me puedes ayudar'],
    'AMAZON.NextIntent': ['siguiente', 'salta', 'adelante'],
    'AMAZON.NoIntent': ['no', 'no gracias'],
    'AMAZON.PreviousIntent': ['anterior', 'vuelve', 'atrás'],
    'AMAZON.RepeatIntent': ['repite', 'repítelo', 'otra vez'],
    'AMAZON.StartOverIntent': ['empieza de nuevo', 'vuelve a empezar', 'reinicia'],
    'AMAZON.StopIntent': ['para', 'detente', 'basta', 'salir'],
    'AMAZON.YesIntent': ['sí', 'sí por favor', 'claro'],
  },
};

interface Part {
  literal?: string;
  slot?: string;
}

interface Sample {
  intent: string;
  parts: Part[];
  literals: number;
}

interface Candidate {
  heard: Heard;
  /** Most specific first: literal words, listed slot values, fewer unlisted ones, not a phrase slot. */
  rank: number[];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return b[index] - a[index];
  return 0;
}

export class Hearing {
  private readonly samples: Sample[] = [];
  private readonly slotTypes = new Map<string, Map<string, string>>();
  private readonly declared = new Map<string, Map<string, string>>();

  constructor(
    model: Model,
    private readonly speech: LanguageSource['speech'],
    language: string,
  ) {
    for (const type of model.types) {
      const values = new Map<string, string>();
      for (const value of type.values)
        for (const word of [value.name.value, ...(value.name.synonyms ?? [])]) values.set(this.key(word), value.id);
      this.slotTypes.set(type.name, values);
    }
    const builtIns = builtInPhrases[language] ?? {};
    for (const intent of model.intents) {
      this.declared.set(intent.name, new Map((intent.slots ?? []).map((slot) => [slot.name, slot.type])));
      const extra = Object.hasOwn(builtIns, intent.name) ? builtIns[intent.name] : [];
      for (const sample of [...intent.samples, ...extra]) this.samples.push(this.compile(intent.name, sample));
    }
  }

  /** An utterance as speech recognition would deliver it. */
  delivered(utterance: string): string {
    const hesitations = new Set(this.speech.hesitations.map(foldText));
    return utterance
      .replace(/\d/g, (digit) => ` ${this.speech.digits[Number(digit)] ?? digit} `)
      .replace(/[\u2018\u2019\u02bc`]/g, "'")
      .replace(/[-\u2010-\u2015]/g, ' ')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}' ]+/gu, ' ')
      .split(/\s+/)
      .filter((word) => word.length > 0 && !hesitations.has(foldText(word)))
      .join(' ');
  }

  hear(utterance: string): Heard {
    const spoken = this.delivered(utterance)
      .split(' ')
      .filter((word) => word.length > 0);
    const words = spoken.map((word) => this.key(word));
    const present = new Set(words);
    let best: Candidate | undefined;
    for (const sample of this.samples) {
      if (sample.literals > words.length) continue;
      if (!sample.parts.every((part) => part.literal === undefined || present.has(part.literal))) continue;
      for (const candidate of this.matches(sample, words, spoken)) {
        if (best === undefined || compare(candidate.rank, best.rank) < 0) best = candidate;
      }
    }
    return best?.heard ?? { intent: FALLBACK, slots: {} };
  }

  /**
   * Whether the utterance is one of the model's samples, verbatim or with listed slot values: what a
   * held-out test line must never be. Built-in phrases count as samples too.
   */
  isSample(utterance: string): boolean {
    const spoken = this.delivered(utterance)
      .split(' ')
      .filter((word) => word.length > 0);
    const words = spoken.map((word) => this.key(word));
    return this.samples.some((sample) =>
      this.matches(sample, words, spoken).some((candidate) =>
        Object.values(candidate.heard.slots).every((slot) => slot.id !== undefined),
      ),
    );
  }

  private key(text: string): string {
    return tokens(foldText(text), this.speech).join(' ');
  }

  private compile(intent: string, sample: string): Sample {
    const parts: Part[] = [];
    for (const piece of sample.split(/\s+/).filter((word) => word.length > 0)) {
      const slot = /^\{(\w+)\}$/.exec(piece);
      if (slot !== null) parts.push({ slot: slot[1] });
      else
        for (const word of this.key(piece)
          .split(' ')
          .filter((item) => item.length > 0))
          parts.push({ literal: word });
    }
    return { intent, parts, literals: parts.filter((part) => part.literal !== undefined).length };
  }

  /** Every way the sample covers all the words, each slot taking one word or more. */
  private matches(sample: Sample, words: readonly string[], spoken: readonly string[]): Candidate[] {
    const found: Candidate[] = [];
    const spans: [string, number, number][] = [];
    const walk = (part: number, at: number): void => {
      if (part === sample.parts.length) {
        if (at === words.length) found.push(this.candidate(sample, spoken, spans));
        return;
      }
      const { literal, slot } = sample.parts[part];
      if (literal !== undefined) {
        if (words[at] === literal) walk(part + 1, at + 1);
        return;
      }
      if (slot === undefined) return;
      for (let end = at + 1; end <= words.length; end += 1) {
        spans.push([slot, at, end]);
        walk(part + 1, end);
        spans.pop();
      }
    };
    walk(0, 0);
    return found;
  }

  private candidate(sample: Sample, words: readonly string[], spans: readonly [string, number, number][]): Candidate {
    const types = this.declared.get(sample.intent) ?? new Map<string, string>();
    const slots: Record<string, HeardSlot> = {};
    let listed = 0;
    let unlisted = 0;
    let phrase = 0;
    for (const [name, start, end] of spans) {
      const value = words.slice(start, end).join(' ');
      const type = types.get(name) ?? SEARCH_QUERY;
      if (type === SEARCH_QUERY) {
        phrase += 1;
        slots[name] = { value, type };
        continue;
      }
      const id = this.slotTypes.get(type)?.get(this.key(value));
      if (id === undefined) unlisted += 1;
      else listed += 1;
      slots[name] = id === undefined ? { value, type } : { value, id, type };
    }
    return { heard: { intent: sample.intent, slots }, rank: [sample.literals, listed, -unlisted, -phrase] };
  }
}

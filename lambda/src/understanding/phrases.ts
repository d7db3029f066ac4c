/**
 * Finds the lexicon's phrases in a list of tokens. A phrase token ending in "*" matches any word
 * that starts with it ("entumid*" matches "entumidas"). Phrases are indexed by their first token,
 * so a lookup touches only the phrases that could start at each position.
 */
import { tokens, type Speech } from './normalise';

export interface Phrase {
  id: string;
  words: readonly string[];
}

export interface Found {
  id: string;
  start: number;
  end: number;
}

interface Compiled {
  id: string;
  words: readonly string[];
}

function wordMatches(pattern: string, word: string): boolean {
  return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : pattern === word;
}

export class PhraseIndex {
  private readonly exact = new Map<string, Compiled[]>();
  private readonly wild: Compiled[] = [];

  constructor(phrases: Iterable<Phrase>, speech: Speech, loose = false) {
    const clitics = speech.clitics.map((clitic) => tokens(clitic, speech)).sort((a, b) => b.length - a.length);
    const optional = new Set(loose ? speech.optional.flatMap((word) => tokens(word, speech)) : []);
    for (const phrase of phrases) {
      for (const text of phrase.words) {
        const words = tokens(text, speech);
        const clitic = clitics.find(
          (front) => front.length < words.length && front.every((word, index) => words[index] === word),
        );
        const variants = [words, ...(clitic === undefined ? [] : [words.slice(clitic.length)])];
        for (const variant of variants) {
          this.add(phrase.id, variant);
          const shorter = variant.filter((word) => !optional.has(word));
          if (shorter.length > 0 && shorter.length < variant.length) this.add(phrase.id, shorter);
        }
      }
    }
  }

  private add(id: string, words: readonly string[]): void {
    if (words.length === 0) return;
    const compiled = { id, words };
    if (words[0].endsWith('*')) this.wild.push(compiled);
    else this.exact.set(words[0], [...(this.exact.get(words[0]) ?? []), compiled]);
  }

  /** Every occurrence of every phrase. */
  all(text: readonly string[]): Found[] {
    const found: Found[] = [];
    text.forEach((word, start) => {
      for (const phrase of [...(this.exact.get(word) ?? []), ...this.wild]) {
        const end = start + phrase.words.length;
        if (end <= text.length && phrase.words.every((pattern, offset) => wordMatches(pattern, text[start + offset]))) {
          found.push({ id: phrase.id, start, end });
        }
      }
    });
    return found;
  }

  /** The longest occurrences that do not overlap, leftmost first among equals. */
  longest(text: readonly string[]): Found[] {
    const chosen: Found[] = [];
    const sorted = this.all(text).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const candidate of sorted) {
      if (chosen.every((taken) => candidate.end <= taken.start || candidate.start >= taken.end)) chosen.push(candidate);
    }
    return chosen.sort((a, b) => a.start - b.start);
  }

  /** Whether the whole text is one of the phrases. */
  whole(text: readonly string[]): string | undefined {
    return this.all(text).find((found) => found.start === 0 && found.end === text.length)?.id;
  }
}

/** The phrases of a word list, all under one id. */
export function phrasesOf(id: string, words: readonly string[]): Phrase {
  return { id, words };
}

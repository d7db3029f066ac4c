/**
 * A small ranked search from free text to the answer that covers it: a section, a fact or a
 * glossary term. Each answer is a document of the words the language source gives for it (its
 * questions, names and keywords); a query scores the inverse-document-frequency weight of each of
 * its words that the document holds.
 *
 * Written here rather than taken from minisearch: the index is a few dozen short documents per
 * language, the words need the language source's own stemming and stopwords, and the whole thing
 * is smaller than the library, which matters for the Lambda bundle's size and cold start.
 */
import { tokens, type Speech } from './normalise';

export type AnswerKind = 'section' | 'fact' | 'term';

export interface Answer {
  kind: AnswerKind;
  id: string;
}

export interface Document {
  answer: Answer;
  /** Text and the weight each of its words carries. */
  fields: { text: readonly string[]; weight: number }[];
}

export interface Hit {
  answer: Answer;
  score: number;
}

/** Template syntax out, words in: "what {is|are} {-|term}" is "what is are". */
export function templateWords(template: string): string {
  return template.replace(/\{-\|\w+\}/g, ' ').replace(/[{}|]/g, ' ');
}

export class AnswerIndex {
  private readonly stop: ReadonlySet<string>;
  private readonly weights: Map<string, number>[] = [];
  private readonly idf = new Map<string, number>();

  constructor(
    private readonly documents: readonly Document[],
    private readonly speech: Speech,
  ) {
    this.stop = new Set(speech.stopwords.flatMap((word) => tokens(word, speech)));
    for (const document of documents) {
      const weights = new Map<string, number>();
      for (const field of document.fields) {
        for (const text of field.text) {
          for (const stem of this.stems(templateWords(text)))
            weights.set(stem, Math.max(weights.get(stem) ?? 0, field.weight));
        }
      }
      this.weights.push(weights);
    }
    const counts = new Map<string, number>();
    for (const weights of this.weights)
      for (const stem of weights.keys()) counts.set(stem, (counts.get(stem) ?? 0) + 1);
    for (const [stem, count] of counts) this.idf.set(stem, Math.log(1 + documents.length / count));
  }

  /** A word reduced to what the search compares: the language's endings stripped, stopwords gone. */
  stem(word: string): string {
    for (const suffix of this.speech.suffixes) {
      if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
    }
    return word;
  }

  stems(text: string): string[] {
    return tokens(text, this.speech)
      .filter((word) => !this.stop.has(word))
      .map((word) => this.stem(word));
  }

  /** Every answer the query has words in common with, best first. */
  rank(query: readonly string[]): Hit[] {
    const stems = [...new Set(query.filter((word) => !this.stop.has(word)).map((word) => this.stem(word)))];
    const hits: Hit[] = [];
    this.documents.forEach((document, index) => {
      let score = 0;
      for (const stem of stems) score += (this.weights[index].get(stem) ?? 0) * (this.idf.get(stem) ?? 0);
      if (score > 0) hits.push({ answer: document.answer, score });
    });
    return hits.sort((a, b) => b.score - a.score);
  }
}

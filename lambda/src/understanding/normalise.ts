/**
 * Words as speech recognition delivers them, reduced to the tokens the understanding compares:
 * lower case, no accents, straight apostrophes dropped ("can't" is "cant"), hyphens as spaces, each
 * digit as its word ("911" is "nine one one"), and hesitation sounds ("um", "er") gone. The lexicon
 * goes through the same steps, so both sides always agree.
 */
import type { LanguageSource } from './source';

export type Speech = LanguageSource['speech'];

/** Longer than anything a person says in one turn; the rest is ignored rather than read. */
const MAX_CHARACTERS = 400;

export function foldText(text: string): string {
  return text
    .slice(0, MAX_CHARACTERS)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/'/g, '');
}

export function tokens(text: string, speech: Speech): string[] {
  const folded = foldText(text).replace(/\d/g, (digit) => ` ${speech.digits[Number(digit)] ?? digit} `);
  const hesitations = new Set(speech.hesitations.map(foldText));
  return folded.split(/[^\p{L}\p{N}*]+/u).filter((token) => token.length > 0 && !hesitations.has(token));
}

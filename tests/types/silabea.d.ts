declare module 'silabea' {
  /** Splits one Spanish word into syllables; only the count is used here. */
  export function getSilabas(word: string): { numeroSilaba: number };
}

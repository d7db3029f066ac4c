declare module 'alexa-utterances' {
  /** Expands an utterance template: {a|b} choices, {|a} optional words, {-|slot} slots (kept as {slot}). */
  function utterances(
    template: string,
    slots?: Record<string, string>,
    dictionary?: Record<string, string[]>,
    exhaustive?: boolean,
  ): string[];
  export = utterances;
}

declare module 'alexa-utterances' {
  /**
   * Expands one template ("can I {eat|drink} {|before}") into its utterances. Slots ("{-|term}") come out as
   * "{term}". With `exhaustive`, every combination of choices and slot samples.
   */
  function utterances(template: string, slots?: Record<string, string>, dictionary?: Record<string, string[]>, exhaustive?: boolean): string[];
  export = utterances;
}

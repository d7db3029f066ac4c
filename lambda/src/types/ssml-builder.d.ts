declare module 'ssml-builder' {
  interface SayAsOptions {
    word: string;
    interpret: 'characters' | 'spell-out' | 'cardinal' | 'number' | 'ordinal' | 'digits' | 'telephone';
  }

  class Speech {
    say(text: string): this;
    pause(duration: string): this;
    phoneme(alphabet: 'ipa' | 'x-sampa', ph: string, word: string): this;
    sub(alias: string, word: string): this;
    sayAs(options: SayAsOptions): this;
    sayWithSSML(ssml: string): this;
    ssml(excludeSpeakTag?: boolean): string;
  }

  export = Speech;
}

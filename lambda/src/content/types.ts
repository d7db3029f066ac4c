/** The shape of one language's content file, content/<language>/translation.json. */

export type Pronunciation = { ipa: string } | { alias: string };

export interface Sourced {
  sources: string[];
}

export interface SectionContent extends Sourced {
  title: string;
  menuName: string;
  summary: string;
  parts: string[];
}

export interface FactContent extends Sourced {
  text: string;
}

export interface TermContent extends Sourced {
  term: string;
  definition: string;
}

export interface EmergencyContent {
  title: string;
  callNow: string;
  again: string;
  cannotCall: string;
}

export interface LanguageContent {
  meta: { language: string; review: string; sources: Record<string, string> };
  pronunciations: Record<string, Pronunciation>;
  disclaimer: { short: string; full: string[] } & Sourced;
  sections: Record<string, SectionContent>;
  facts: Record<string, FactContent>;
  glossary: Record<string, TermContent>;
  emergency: EmergencyContent;
  error: { text: string };
  /** The triage answers' own words, which tests hold to the policy. */
  triage: { urgent: { worse: string }; mild: { callIf: string } };
}

/**
 * A fact as the registry lists it. `followUp` is what its answer offers next when its own section's detail would
 * not fit: another section's id, or "anythingElse". A referral always asks whether there is anything else.
 */
export interface FactEntry {
  id: string;
  section: string;
  intent: string;
  happeningNow?: boolean;
  kind?: string;
  followUp?: string;
}

export interface Registry {
  /** `careTeamFirst`: every answer from this section ends by saying the care team's word comes first. */
  sections: { id: string; intent: string; careTeamFirst?: boolean; happeningNow?: boolean }[];
  /**
   * `happeningNow`: the answer ends with a short line for someone to whom it is happening now.
   * `kind: "referral"`: not a fact but an honest "I can't answer that for you; your care team can", for questions
   * the guide will not answer (doses, the listener's own scans, whether they should have it). Routed like a fact.
   */
  facts: FactEntry[];
  glossary: string[];
  /** The conversation's moves (repeat, next, stop, …) and the intent each is heard as. */
  moves: { id: string; intent: string }[];
  /** The intents that carry words for the skill's own understanding, and the other fixed ones. */
  intents: { glossary: string; topic: string; emergency: string; report: string; freeText: Record<'hypothetical' | 'question' | 'report', string>; home: string; fallback: string };
}

/** What a region changes: some of its language's keys, never new ones. Only pronunciations are read directly. */
export interface RegionalContent {
  pronunciations?: Record<string, Pronunciation>;
  [key: string]: unknown;
}

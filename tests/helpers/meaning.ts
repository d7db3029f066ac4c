/**
 * What an answer means, for the broad suites (the walk and the property suite): valid SSML is not enough.
 *
 * - A fault: the error handler (lambda/src/handlers/error.ts) or the last resort (lambda/src/lastResort.ts)
 *   answered. Both log an event, so a FaultWatch installed as the log sink sees them. Every request these
 *   suites send has a real answer, so any fault is a failure: a misspelt content key, for one, ends there.
 * - The move: which move a request must be answered with, worked out from content/registry.json and the
 *   triage policy, never from the skill's handlers.
 * - The words: a section, fact or glossary answer must say that content key, and speak its text; an
 *   emergency answer must start by telling the listener to call the local emergency number.
 */
import type { ResponseEnvelope } from 'ask-sdk-model';
import { registry } from '../../lambda/src/content';
import { contentFor } from '../../tools/content';
import { translatorFor } from '../../lambda/src/content/i18n';
import { emergencyNumberFor } from '../../lambda/src/emergency/numbers';
import { isRecord } from '../../lambda/src/json';
import { parseAttributes } from '../../lambda/src/state';
import { policyTable } from '../../lambda/src/understanding/triage';
import { spokenText } from '../../tools/spoken';

/** The events that handlers/error.ts and the last resort in index.ts log when they answer. */
const FAULT_EVENTS: ReadonlySet<string> = new Set(['handler_error', 'invoke_failed']);

/** A log sink that keeps what the error handler and the last resort said about each request. */
export class FaultWatch {
  private faults: string[] = [];

  readonly sink = (line: string): void => {
    const parsed: unknown = JSON.parse(line);
    if (isRecord(parsed) && typeof parsed.event === 'string' && FAULT_EVENTS.has(parsed.event)) {
      this.faults.push(`${parsed.event} (${typeof parsed.error === 'string' ? parsed.error : 'no error name'})`);
    }
  };

  /** The faults since the last call, as problems; and forgets them. */
  take(): string[] {
    const taken = this.faults;
    this.faults = [];
    return taken.map((fault) => `answered by the error handler or the last resort: ${fault}`);
  }
}

/** What a request must be answered with: a move, and for an answer about content, the key it says. */
export interface Expected {
  move: string;
  key?: string;
}

/** Where a move's reply is named differently from the move the listener asked for. */
const replyMoveOf: Readonly<Record<string, string>> = {
  slower: 'rate',
  faster: 'rate',
  normalSpeed: 'rate',
  louder: 'volume',
  softer: 'volume',
  cancel: 'stop',
  forget: 'settings',
};

/** How a symptom's grade in the triage policy is answered. */
const replyMoveOfGrade: Readonly<Record<string, string>> = {
  emergency: 'emergency',
  urgent: 'urgent',
  mild: 'symptom',
};

function section(id: string): Expected {
  return { move: 'section', key: `sections.${id}.summary` };
}
function fact(id: string): Expected {
  return { move: 'fact', key: `facts.${id}.text` };
}
function term(id: string): Expected {
  return { move: 'glossary', key: `glossary.${id}.definition` };
}

/** A TopicIntent's slot id names a section, a fact or a term ("section.what", "term.prone"). */
function topic(id: string): Expected | undefined {
  const [kind, name] = id.split('.');
  if (kind === 'section' && registry.sections.some((entry) => entry.id === name)) return section(name);
  if (kind === 'fact' && registry.facts.some((entry) => entry.id === name)) return fact(name);
  if (kind === 'term' && registry.glossary.includes(name)) return term(name);
  return undefined;
}

/**
 * The answer a launch or an intent must get. `slots` has an entry for each slot that carries words: the id
 * they resolved to, or undefined for words the model did not list. Undefined where the skill's own
 * understanding decides (free text, unlisted words), which the understanding's corpus tests check instead.
 */
export function expectedAnswer(
  type: string,
  intent: string | undefined,
  slots: Readonly<Record<string, string | undefined>>,
): Expected | undefined {
  if (type === 'LaunchRequest') return { move: 'welcome' };
  if (type !== 'IntentRequest' || intent === undefined) return undefined;
  const filled = Object.entries(slots);
  if (filled.length === 0) {
    const sectionEntry = registry.sections.find((entry) => entry.intent === intent);
    if (sectionEntry !== undefined) return section(sectionEntry.id);
    const factEntry = registry.facts.find((entry) => entry.intent === intent);
    if (factEntry !== undefined) return fact(factEntry.id);
    const moveEntry = registry.moves.find((entry) => entry.intent === intent);
    if (moveEntry !== undefined) return { move: replyMoveOf[moveEntry.id] ?? moveEntry.id };
    if (intent === registry.intents.emergency) return { move: 'emergency' };
    if (intent === registry.intents.fallback) return { move: 'fallback' };
    return undefined;
  }
  if (filled.length > 1) return undefined;
  const [[slotName, id]] = filled;
  if (id === undefined) return undefined;
  if (intent === registry.intents.glossary && slotName === 'term' && registry.glossary.includes(id)) return term(id);
  if (intent === registry.intents.topic && slotName === 'topic') return topic(id);
  const graded = policyTable.get(id);
  if (intent === registry.intents.report && slotName === 'symptom' && graded !== undefined)
    return { move: replyMoveOfGrade[graded.grade] };
  return undefined;
}

/** What an answer said, as the skill recorded it in the session and as a listener hears it. */
export interface Answer {
  /** Undefined where the response carries no session (a request outside a session). */
  move: unknown;
  keys: string[];
  speech: string;
  hasSession: boolean;
}

export function answerOf(response: ResponseEnvelope): Answer {
  const attributes = response.sessionAttributes;
  // The session keeps the reply as text (lambda/src/replyText.ts); the skill's own reader takes it apart.
  const { said } = parseAttributes(attributes).session;
  const speech = response.response.outputSpeech;
  return {
    move: attributes?.move,
    keys: typeof said === 'object' ? said.lines.map((line) => line.key) : [],
    speech: speech?.type === 'SSML' ? spokenText(speech.ssml) : '',
    hasSession: isRecord(attributes),
  };
}

/** A key's words in a locale, as spokenText leaves them: one space between words, none before a stop. */
function spokenWords(locale: string, key: string): string {
  const text = translatorFor(locale)(key, { number: emergencyNumberFor(locale) });
  return spokenText(text.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** How the emergency answer starts in a locale: "Call 911 now." */
function callNow(locale: string): string {
  return contentFor(locale).emergency.callNow.replace('{{number}}', emergencyNumberFor(locale));
}

/** How the answer differs from what was expected; empty when it means what it should. */
export function meaningProblems(locale: string, expected: Expected, answer: Answer): string[] {
  const found: string[] = [];
  if (answer.hasSession && answer.move !== expected.move) {
    // "Repeat" after an emergency says the emergency answer again, which records no move of its own.
    const repeatedEmergency = expected.move === 'repeat' && answer.speech.startsWith(callNow(locale));
    if (!repeatedEmergency) found.push(`answered with the move ${JSON.stringify(answer.move)}, not "${expected.move}"`);
  }
  if (expected.move === 'emergency' && !answer.speech.startsWith(callNow(locale)))
    found.push(`does not start with "${callNow(locale)}"`);
  if (expected.key !== undefined) {
    if (answer.hasSession && !answer.keys.includes(expected.key))
      found.push(`did not say ${expected.key} (said ${answer.keys.join(', ') || 'nothing'})`);
    if (!answer.speech.includes(spokenWords(locale, expected.key)))
      found.push(`does not speak the words of ${expected.key}`);
  }
  return found;
}

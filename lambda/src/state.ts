/**
 * What the skill keeps in the session. Attributes arrive from Alexa as untyped JSON, possibly from an
 * older version of the skill or damaged, so every field is checked on the way in and a bad one is
 * dropped rather than trusted.
 */
import type { HandlerInput } from 'ask-sdk-core';

export type Topic =
  | 'welcome'
  | 'what'
  | 'prep'
  | 'process'
  | 'risks'
  | 'disclaimer'
  | 'emergency'
  | 'help'
  | 'goodbye'
  | 'fallback'
  | 'symptom'
  | 'glossary';

/** What "yes" would accept. */
export type Offer =
  | { kind: 'part'; section: string; part: number }
  | { kind: 'section'; section: string }
  | { kind: 'disclaimer'; part: number };

/** A piece of speech, as a content key. `refs` fills the key's {{placeholders}} with other keys' text. */
export interface Line {
  key: string;
  refs?: Record<string, string>;
}

export interface Reply {
  topic: Topic;
  title: Line;
  lines: Line[];
  /** Present when the session stays open: the closing question, and a reprompt that helps. */
  ask?: { question: Line; reprompt: Line };
  offer?: Offer;
}

export interface SessionState {
  topic?: Topic;
  offer?: Offer;
}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const topics: readonly Topic[] = ['welcome', 'what', 'prep', 'process', 'risks', 'disclaimer', 'emergency', 'help', 'goodbye', 'fallback', 'symptom', 'glossary'];

function parseTopic(value: Json): Topic | undefined {
  return topics.find((topic) => topic === value);
}

function isIndex(value: Json): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 100;
}

function parseOffer(value: Json): Offer | undefined {
  if (!isRecord(value)) return undefined;
  const { kind, section, part } = value;
  if (kind === 'part' && typeof section === 'string' && isIndex(part)) return { kind, section, part };
  if (kind === 'section' && typeof section === 'string') return { kind, section };
  if (kind === 'disclaimer' && isIndex(part)) return { kind, part };
  return undefined;
}

function sessionAttributes(input: HandlerInput): Record<string, Json> {
  if (input.requestEnvelope?.session === undefined) return {};
  const attributes: Json = input.attributesManager.getSessionAttributes();
  return isRecord(attributes) ? attributes : {};
}

export function readState(input: HandlerInput): SessionState {
  const attributes = sessionAttributes(input);
  return { topic: parseTopic(attributes.topic), offer: parseOffer(attributes.offer) };
}

/** Records what this response answered and offered. Attributes this version does not know are kept. */
export function recordReply(input: HandlerInput, reply: Reply): void {
  recordTopic(input, reply.topic);
  if (reply.offer !== undefined) {
    input.attributesManager.setSessionAttributes({ ...sessionAttributes(input), offer: reply.offer });
  }
}

/** Records a topic for a response that was not built from a Reply (the emergency answer). */
export function recordTopic(input: HandlerInput, topic: Topic): void {
  if (input.requestEnvelope?.session === undefined) return;
  const { offer: _dropped, ...kept } = sessionAttributes(input);
  const attributes = { ...kept, topic };
  input.attributesManager.setSessionAttributes(attributes);
}

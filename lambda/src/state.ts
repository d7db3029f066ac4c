/**
 * What the skill keeps in the session. Attributes arrive from Alexa as untyped JSON, possibly from an
 * older version of the skill or damaged, so every field is checked on the way in and a bad one is
 * dropped rather than trusted.
 */
import type { HandlerInput } from 'ask-sdk-core';
import { sectionOrder } from './content';
import { isRecord } from './json';
import { isVolume } from './speech/volume';

/** Topics that are not sections. Each section is a topic too, named by its id in content/registry.json. */
export const fixedTopics = [
  'welcome', 'disclaimer', 'emergency', 'urgent', 'help', 'goodbye', 'fallback', 'symptom', 'glossary', 'rate', 'volume', 'menu', 'settings',
] as const;

export type FixedTopic = (typeof fixedTopics)[number];

/** A fixed topic, or a section id from the registry. */
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- a section id is any id the registry lists: the union says what a topic can be
export type Topic = FixedTopic | SectionId;

/** A section's id, as content/registry.json lists it. */
export type SectionId = string;

export const topics: readonly Topic[] = [...fixedTopics, ...sectionOrder];

/** The conversation moves: what kind of answer a response is, whatever its topic. */
export const moves = [
  'welcome', 'section', 'fact', 'glossary', 'menu', 'tour', 'repeat', 'next', 'previous', 'startOver', 'rate', 'volume', 'help',
  'stop', 'yes', 'no', 'fallback', 'emergency', 'urgent', 'symptom', 'disclaimer', 'settings', 'unsupported', 'error',
] as const;

export type Move = (typeof moves)[number];

/** A place in the guide: a section, and a part of it (-1 is its one-sentence summary). */
export interface Place {
  section: string;
  part: number;
}

/** What "yes" would accept. */
export type Offer =
  | { kind: 'part'; section: string; part: number }
  | { kind: 'section'; section: string }
  | { kind: 'disclaimer'; part: number }
  | { kind: 'tour'; section: string; part: number }
  | { kind: 'menu'; page: number }
  /** "Is there anything else?": yes lists the choices, no ends the session. */
  | { kind: 'anythingElse' };

/**
 * A piece of speech, as a content key. `refs` fills the key's {{placeholders}} with other keys' text,
 * and `counts` with small numbers the skill itself worked out ("part 2 of 3"). A line marked `once`
 * belongs to the session: it is said the first time it applies, and left out after that.
 */
export interface Line {
  key: string;
  refs?: Record<string, string>;
  counts?: Record<string, number>;
  once?: true;
}

export interface Reply {
  topic: Topic;
  move: Move;
  title: Line;
  lines: Line[];
  /** Present when the session stays open: the closing question, and a reprompt that helps. */
  ask?: { question: Line; reprompt: Line };
  offer?: Offer;
  /** Where in the guide this reply leaves the listener, for "next" and "previous". */
  place?: Place;
  /** Set on the last part of the full disclaimer. */
  finishesDisclaimer?: true;
}

export interface SessionState {
  topic?: Topic;
  move?: Move;
  offer?: Offer;
  place?: Place;
  /** The last reply, for "repeat"; the emergency answer is kept as a marker. */
  said?: Reply | typeof EMERGENCY_SAID;
  rate?: number;
  /** The skill's own volume step (SSML prosody volume), or undefined for the normal volume. */
  volume?: string;
  /** Content keys of the lines that belong to the session and have been said. */
  heardOnce: string[];
  /** Fallbacks in a row. */
  misses: number;
  /** Whether stored preferences were loaded this session ('loaded'), could not be ('failed'), or not yet. */
  preferences?: 'loaded' | 'failed';
  /** The stored preferences as last loaded or saved, to save only what changed. */
  saved?: Record<string, unknown>;
  /** Where the listener stopped last time, for the welcome back. */
  returning?: Place;
  /** Whether stored preferences show an earlier visit. */
  visitedBefore: boolean;
  disclaimerHeard: boolean;
}

type Json = unknown;

export const EMERGENCY_SAID = 'emergency';

export function parseTopic(value: Json): Topic | undefined {
  return topics.find((topic) => topic === value);
}

export function parseMove(value: Json): Move | undefined {
  return moves.find((move) => move === value);
}

function isIndex(value: Json, min = 0): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value < 100;
}

/**
 * A stored reply is replayed by "repeat", and session attributes can be forged, so a reply may hold no
 * more lines and placeholders than the skill's own replies use, with room to spare.
 */
const MAX_LINES = 6;
const MAX_REFS = 3;

function isName(value: Json): value is string {
  return typeof value === 'string' && /^[A-Za-z][\w.]{0,80}$/.test(value);
}

/** Only sections this version has: an offer left by an older version must not name a missing one. */
function isSection(value: Json): value is string {
  return typeof value === 'string' && sectionOrder.includes(value);
}

function parseOffer(value: Json): Offer | undefined {
  if (!isRecord(value)) return undefined;
  const { kind, section, part, page } = value;
  if (kind === 'part' && isSection(section) && isIndex(part)) return { kind, section, part };
  if (kind === 'section' && isSection(section)) return { kind, section };
  if (kind === 'disclaimer' && isIndex(part)) return { kind, part };
  if (kind === 'tour' && isSection(section) && isIndex(part, -1)) return { kind, section, part };
  if (kind === 'menu' && isIndex(page)) return { kind, page };
  if (kind === 'anythingElse') return { kind };
  return undefined;
}

function parsePlace(value: Json): Place | undefined {
  if (!isRecord(value) || !isSection(value.section) || !isIndex(value.part, -1)) return undefined;
  return { section: value.section, part: value.part };
}

function parseLine(value: Json): Line | undefined {
  if (!isRecord(value) || !isName(value.key)) return undefined;
  const line: Line = { key: value.key };
  if (value.refs !== undefined) {
    if (!isRecord(value.refs) || Object.keys(value.refs).length > MAX_REFS) return undefined;
    const refs: Record<string, string> = {};
    for (const [name, key] of Object.entries(value.refs)) {
      if (!isName(name) || !isName(key)) return undefined;
      refs[name] = key;
    }
    line.refs = refs;
  }
  if (value.counts !== undefined) {
    if (!isRecord(value.counts)) return undefined;
    const counts: Record<string, number> = {};
    for (const [name, count] of Object.entries(value.counts)) {
      if (!isIndex(count)) return undefined;
      counts[name] = count;
    }
    line.counts = counts;
  }
  if (value.once === true) line.once = true;
  return line;
}

function parseReply(value: Json): Reply | undefined {
  if (!isRecord(value) || !Array.isArray(value.lines) || value.lines.length > MAX_LINES) return undefined;
  const topic = parseTopic(value.topic);
  const move = parseMove(value.move);
  const title = parseLine(value.title);
  const lines = value.lines.map(parseLine);
  if (topic === undefined || move === undefined || title === undefined || lines.some((line) => line === undefined)) return undefined;
  const reply: Reply = { topic, move, title, lines: lines.filter((line): line is Line => line !== undefined) };
  if (isRecord(value.ask)) {
    const question = parseLine(value.ask.question);
    const reprompt = parseLine(value.ask.reprompt);
    if (question === undefined || reprompt === undefined) return undefined;
    reply.ask = { question, reprompt };
  }
  const offer = parseOffer(value.offer);
  if (offer !== undefined) reply.offer = offer;
  const place = parsePlace(value.place);
  if (place !== undefined) reply.place = place;
  return reply;
}

function parseRate(value: Json): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function sessionAttributes(input: HandlerInput): Record<string, Json> {
  if (input.requestEnvelope?.session === undefined) return {};
  const attributes: Json = input.attributesManager.getSessionAttributes();
  return isRecord(attributes) ? attributes : {};
}

/**
 * Parsed once per attributes object: ask-sdk returns the same object until setSessionAttributes
 * replaces it, and updateState always replaces it, so a cached parse is never stale.
 */
const parsed = new WeakMap<object, SessionState>();

export function readState(input: HandlerInput): SessionState {
  const attributes = sessionAttributes(input);
  const cached = parsed.get(attributes);
  if (cached !== undefined) return cached;
  const state = parseState(attributes);
  parsed.set(attributes, state);
  return state;
}

function parseState(attributes: Record<string, Json>): SessionState {
  return Object.freeze({
    topic: parseTopic(attributes.topic),
    move: parseMove(attributes.move),
    offer: parseOffer(attributes.offer),
    place: parsePlace(attributes.place),
    said: attributes.said === EMERGENCY_SAID ? EMERGENCY_SAID : parseReply(attributes.said),
    rate: parseRate(attributes.rate),
    volume: isVolume(attributes.volume) ? attributes.volume : undefined,
    heardOnce: Array.isArray(attributes.heardOnce) ? attributes.heardOnce.filter((key): key is string => isName(key)).slice(0, 20) : [],
    misses: isIndex(attributes.misses) ? attributes.misses : 0,
    preferences: attributes.preferences === 'loaded' || attributes.preferences === 'failed' ? attributes.preferences : undefined,
    saved: isRecord(attributes.saved) ? attributes.saved : undefined,
    returning: parsePlace(attributes.returning),
    disclaimerHeard: attributes.disclaimerHeard === true,
    visitedBefore: attributes.visitedBefore === true,
  });
}

/** Changes some session attributes. Attributes this version does not know are kept. */
export function updateState(input: HandlerInput, changes: Record<string, Json>): void {
  if (input.requestEnvelope?.session === undefined) return;
  const attributes = { ...sessionAttributes(input) };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) Reflect.deleteProperty(attributes, name);
    else attributes[name] = value;
  }
  input.attributesManager.setSessionAttributes(attributes);
}

/**
 * Records what this response answered and offered, and keeps it for "repeat". A fallback keeps the
 * last answer that had content, so "what was that?" after a miss replays the answer the listener
 * missed, not the apology.
 */
export function recordReply(input: HandlerInput, reply: Reply): void {
  const state = readState(input);
  const missed = reply.move === 'fallback';
  const misses = missed ? state.misses + 1 : 0;
  const place = reply.place ?? state.place;
  const disclaimerHeard = state.disclaimerHeard || reply.finishesDisclaimer === true;
  const once = [...reply.lines, ...(reply.ask === undefined ? [] : [reply.ask.question])].filter((line) => line.once === true).map((line) => line.key);
  const heardOnce = [...new Set([...state.heardOnce, ...once])];
  updateState(input, { topic: reply.topic, move: reply.move, offer: reply.offer, place, said: missed ? state.said : reply, misses, disclaimerHeard, heardOnce });
}

/** Records a topic for a response that was not built from a Reply (the emergency answer). */
export function recordTopic(input: HandlerInput, topic: Topic): void {
  updateState(input, { topic, move: topic === 'emergency' ? 'emergency' : undefined, offer: undefined, said: topic === 'emergency' ? EMERGENCY_SAID : undefined, misses: 0 });
}

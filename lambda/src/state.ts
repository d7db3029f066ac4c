/**
 * What the skill keeps in the session attributes, in three parts with a type each: the conversation
 * (what was said and offered, and where the listener is), the listener's settings (rate and volume),
 * and the bookkeeping of the preference store (whether it was loaded, and what was last saved). Each
 * part is read by name from the same flat attributes as before, so a session that spans an update of
 * the skill keeps its place.
 *
 * Attributes arrive from Alexa as untyped JSON, possibly from an older version of the skill or
 * damaged, so every field is checked on the way in and a bad one is dropped rather than trusted.
 * These functions are pure; the request context (context.ts) reads and writes the attributes.
 */
import { sectionOrder } from './content';
import { isRecord } from './json';
import { parsePreferences, storedText, toStored } from './preferences';
import {
  parseMove,
  parseTopic,
  type Line,
  type Move,
  type Offer,
  type Place,
  type StoredReply,
  type Topic,
} from './replies';
import { replyFields, replyText } from './replyText';
import { isVolume } from './speech/volume';

export const EMERGENCY_SAID = 'emergency';

/** The conversation so far, in this session. */
export interface SessionState {
  topic?: Topic;
  move?: Move;
  offer?: Offer;
  place?: Place;
  /** The last reply, for "repeat"; the emergency answer is kept as a marker. */
  said?: StoredReply | typeof EMERGENCY_SAID;
  /** Content keys of the lines that belong to the session and have been said. */
  heardOnce: readonly string[];
  /** Fallbacks in a row. */
  misses: number;
  /** Where the listener stopped last time, for the welcome back. */
  returning?: Place;
  /** Whether stored preferences show an earlier visit. */
  visitedBefore: boolean;
  disclaimerHeard: boolean;
}

/** The listener's own settings, as this session has them; the preference store keeps them between sessions. */
export interface ListenerSettings {
  rate?: number;
  /** The skill's own volume step (SSML prosody volume), or undefined for the normal volume. */
  volume?: string;
}

/** The preference store's bookkeeping for this session. */
export interface StoreBookkeeping {
  /** Whether stored preferences were loaded this session ('loaded'), could not be ('failed'), or not yet. */
  status?: 'loaded' | 'failed';
  /**
   * The stored preferences as last loaded or saved, as storedText (preferences.ts) writes them, to save
   * only what changed. An earlier version kept the stored object; it is read as its text.
   */
  saved?: string;
}

export interface SessionParts {
  readonly session: SessionState;
  readonly settings: ListenerSettings;
  readonly store: StoreBookkeeping;
}

/** A change to some of the parts. A field given as undefined is removed; a field not given is kept. */
export interface SessionChanges {
  session?: Partial<SessionState>;
  settings?: Partial<ListenerSettings>;
  store?: Partial<StoreBookkeeping>;
}

function isIndex(value: unknown, min = 0): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value < 100;
}

/**
 * A stored reply is replayed by "repeat", and session attributes can be forged, so a reply may hold no
 * more lines and placeholders than the skill's own replies use, with room to spare.
 */
const MAX_LINES = 6;
const MAX_REFS = 3;

function isName(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z][\w.]{0,80}$/.test(value);
}

const sections: ReadonlySet<string> = new Set(sectionOrder);

/** Only sections this version has: an offer left by an older version must not name a missing one. */
function isSection(value: unknown): value is string {
  return typeof value === 'string' && sections.has(value);
}

function parseOffer(value: unknown): Offer | undefined {
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

function parsePlace(value: unknown): Place | undefined {
  if (!isRecord(value) || !isSection(value.section) || !isIndex(value.part, -1)) return undefined;
  return { section: value.section, part: value.part };
}

function parseRefs(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const names = Object.keys(value);
  if (names.length > MAX_REFS) return undefined;
  const refs: Record<string, string> = {};
  for (const name of names) {
    const key = value[name];
    if (!isName(name) || !isName(key)) return undefined;
    refs[name] = key;
  }
  return refs;
}

function parseCounts(value: unknown): Record<string, number> | undefined {
  if (!isRecord(value)) return undefined;
  const counts: Record<string, number> = {};
  for (const name of Object.keys(value)) {
    const count = value[name];
    if (!isIndex(count)) return undefined;
    counts[name] = count;
  }
  return counts;
}

function parseLine(value: unknown): Line<string> | undefined {
  if (!isRecord(value) || !isName(value.key)) return undefined;
  const line: Line<string> = { key: value.key };
  if (value.refs !== undefined) {
    const refs = parseRefs(value.refs);
    if (refs === undefined) return undefined;
    line.refs = refs;
  }
  if (value.counts !== undefined) {
    const counts = parseCounts(value.counts);
    if (counts === undefined) return undefined;
    line.counts = counts;
  }
  if (value.once === true) line.once = true;
  return line;
}

function parseReply(stored: unknown): StoredReply | undefined {
  const value = typeof stored === 'string' ? replyFields(stored) : stored;
  if (!isRecord(value) || !Array.isArray(value.lines) || value.lines.length > MAX_LINES) return undefined;
  const topic = parseTopic(value.topic);
  const move = parseMove(value.move);
  const title = parseLine(value.title);
  if (topic === undefined || move === undefined || title === undefined) return undefined;
  const lines: Line<string>[] = [];
  for (const entry of value.lines) {
    const line = parseLine(entry);
    if (line === undefined) return undefined;
    lines.push(line);
  }
  const reply: StoredReply = { topic, move, title, lines };
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

function parseRate(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const MAX_HEARD_ONCE = 20;
const NOTHING_HEARD: readonly string[] = Object.freeze([]);

function parseHeardOnce(value: unknown): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) return NOTHING_HEARD;
  const heard: string[] = [];
  for (const key of value) {
    if (isName(key) && !heard.includes(key)) heard.push(key);
    if (heard.length === MAX_HEARD_ONCE) break;
  }
  return heard;
}

/**
 * The conversation as the attributes have it. The last reply is read when it is first asked for
 * ("repeat", and a fallback, which keeps it): most turns never need it, and it is the largest part.
 */
class ReadSession implements SessionState {
  readonly topic: Topic | undefined;
  readonly move: Move | undefined;
  readonly offer: Offer | undefined;
  readonly place: Place | undefined;
  readonly heardOnce: readonly string[];
  readonly misses: number;
  readonly returning: Place | undefined;
  readonly visitedBefore: boolean;
  readonly disclaimerHeard: boolean;
  readonly #attributes: Readonly<Record<string, unknown>>;
  #said: { reply: StoredReply | typeof EMERGENCY_SAID | undefined } | undefined;

  constructor(attributes: Readonly<Record<string, unknown>>) {
    this.topic = parseTopic(attributes.topic);
    this.move = parseMove(attributes.move);
    this.offer = parseOffer(attributes.offer);
    this.place = parsePlace(attributes.place);
    this.heardOnce = parseHeardOnce(attributes.heardOnce);
    this.misses = isIndex(attributes.misses) ? attributes.misses : 0;
    this.returning = parsePlace(attributes.returning);
    this.disclaimerHeard = attributes.disclaimerHeard === true;
    this.visitedBefore = attributes.visitedBefore === true;
    this.#attributes = attributes;
    Object.freeze(this);
  }

  get said(): StoredReply | typeof EMERGENCY_SAID | undefined {
    const { said } = this.#attributes;
    this.#said ??= { reply: said === EMERGENCY_SAID ? EMERGENCY_SAID : parseReply(said) };
    return this.#said.reply;
  }
}

/**
 * The conversation after a change the skill made itself: what ReadSession would read back from the
 * changed attributes, worked out from the session before and the change, so that a request, which
 * changes the session once or twice, reads its attributes once. A changed value goes through the same
 * checks as one read, but for the last reply, which is the skill's own; an unchanged one comes from before.
 */
class ChangedSession implements SessionState {
  readonly topic: Topic | undefined;
  readonly move: Move | undefined;
  readonly offer: Offer | undefined;
  readonly place: Place | undefined;
  readonly heardOnce: readonly string[];
  readonly misses: number;
  readonly returning: Place | undefined;
  readonly visitedBefore: boolean;
  readonly disclaimerHeard: boolean;
  readonly #before: SessionState;
  readonly #said: { reply: StoredReply | typeof EMERGENCY_SAID | undefined } | undefined;

  constructor(before: SessionState, changes: Partial<SessionState>) {
    this.topic = Object.hasOwn(changes, 'topic') ? parseTopic(changes.topic) : before.topic;
    this.move = Object.hasOwn(changes, 'move') ? parseMove(changes.move) : before.move;
    this.offer = Object.hasOwn(changes, 'offer') ? parseOffer(changes.offer) : before.offer;
    this.place = Object.hasOwn(changes, 'place') ? parsePlace(changes.place) : before.place;
    this.heardOnce =
      Object.hasOwn(changes, 'heardOnce') && changes.heardOnce !== before.heardOnce
        ? parseHeardOnce(changes.heardOnce)
        : before.heardOnce;
    this.misses = Object.hasOwn(changes, 'misses') ? (isIndex(changes.misses) ? changes.misses : 0) : before.misses;
    this.returning = Object.hasOwn(changes, 'returning') ? parsePlace(changes.returning) : before.returning;
    this.disclaimerHeard = Object.hasOwn(changes, 'disclaimerHeard')
      ? changes.disclaimerHeard === true
      : before.disclaimerHeard;
    this.visitedBefore = Object.hasOwn(changes, 'visitedBefore')
      ? changes.visitedBefore === true
      : before.visitedBefore;
    this.#before = before;
    this.#said = Object.hasOwn(changes, 'said') ? { reply: changes.said } : undefined;
    Object.freeze(this);
  }

  get said(): StoredReply | typeof EMERGENCY_SAID | undefined {
    return this.#said === undefined ? this.#before.said : this.#said.reply;
  }
}

/** The parts after a change the skill made itself: parseAttributes of withChanges, without reading again. */
export function partsAfter(parts: SessionParts, changes: SessionChanges): SessionParts {
  const { session, settings, store } = changes;
  return Object.freeze({
    session: session === undefined ? parts.session : new ChangedSession(parts.session, session),
    settings:
      settings === undefined
        ? parts.settings
        : Object.freeze({
            rate: 'rate' in settings ? parseRate(settings.rate) : parts.settings.rate,
            volume:
              'volume' in settings ? (isVolume(settings.volume) ? settings.volume : undefined) : parts.settings.volume,
          }),
    store:
      store === undefined
        ? parts.store
        : Object.freeze({
            status: 'status' in store ? store.status : parts.store.status,
            saved: 'saved' in store ? store.saved : parts.store.saved,
          }),
  });
}

function parseSaved(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isRecord(value) ? storedText(toStored(parsePreferences(value))) : undefined;
}

/** Reads the three parts out of the session attributes. */
export function parseAttributes(value: unknown): SessionParts {
  const attributes = isRecord(value) ? value : {};
  const settings: ListenerSettings = {
    rate: parseRate(attributes.rate),
    volume: isVolume(attributes.volume) ? attributes.volume : undefined,
  };
  const store: StoreBookkeeping = {
    status:
      attributes.preferences === 'loaded' || attributes.preferences === 'failed' ? attributes.preferences : undefined,
    saved: parseSaved(attributes.saved),
  };
  return Object.freeze({
    session: new ReadSession(attributes),
    settings: Object.freeze(settings),
    store: Object.freeze(store),
  });
}

const UNCHANGED = Symbol('unchanged');

/** The last reply as the attributes keep it: as text (replyText.ts), or the emergency's marker. */
function saidAttribute(said: SessionState['said']): string | undefined {
  return typeof said === 'object' ? replyText(said) : said;
}

/** The store's bookkeeping keeps the attribute names it has always had. */
const STORE_ATTRIBUTES: readonly string[] = ['preferences', 'saved'];

/** An attribute's new value (undefined removes it), or UNCHANGED. */
function changedAttribute(changes: SessionChanges, said: string | undefined, name: string): unknown {
  const { session, settings, store } = changes;
  if (session !== undefined && Object.hasOwn(session, name)) return name === 'said' ? said : Reflect.get(session, name);
  if (settings !== undefined && Object.hasOwn(settings, name)) return Reflect.get(settings, name);
  if (store !== undefined && name === 'preferences' && 'status' in store) return store.status;
  if (store !== undefined && name === 'saved' && 'saved' in store) return store.saved;
  return UNCHANGED;
}

/**
 * Whether a value is what reading a missing attribute gives (no misses, nothing heard yet, false): such
 * an attribute is left out. ask-sdk copies the attributes through JSON every request, so each one costs.
 */
function isDefault(name: string, value: unknown): boolean {
  if (name === 'misses') return value === 0;
  if (name === 'disclaimerHeard' || name === 'visitedBefore') return value === false;
  return name === 'heardOnce' && Array.isArray(value) && value.length === 0;
}

function put(attributes: Record<string, unknown>, name: string, value: unknown): void {
  if (value !== undefined && value !== UNCHANGED && !isDefault(name, value)) attributes[name] = value;
}

/** An attribute the old ones did not have, when the change gives it. */
function addTo(
  next: Record<string, unknown>,
  attributes: Readonly<Record<string, unknown>>,
  changes: SessionChanges,
  said: string | undefined,
  name: string,
): void {
  if (!Object.hasOwn(attributes, name)) put(next, name, changedAttribute(changes, said, name));
}

/**
 * The session attributes with some parts changed. Attributes this version does not know are kept. The
 * last reply is written as text (replyText.ts), and a value that reads the same as no value is left out.
 */
export function withChanges(
  attributes: Readonly<Record<string, unknown>>,
  changes: SessionChanges,
): Record<string, unknown> {
  const { session, settings, store } = changes;
  const said = session !== undefined && 'said' in session ? saidAttribute(session.said) : undefined;
  // A new object in the order of the old one, new names last; built rather than copied and deleted
  // from, because an object that has lost a property is slower to read and to copy as JSON.
  // for...in, not Object.keys: these are plain objects, and it makes no array of the names.
  const next: Record<string, unknown> = {};
  for (const name in attributes) {
    const value = changedAttribute(changes, said, name);
    put(next, name, value === UNCHANGED ? attributes[name] : value);
  }
  if (session !== undefined) for (const name in session) addTo(next, attributes, changes, said, name);
  if (settings !== undefined) for (const name in settings) addTo(next, attributes, changes, said, name);
  if (store !== undefined) for (const name of STORE_ATTRIBUTES) addTo(next, attributes, changes, said, name);
  return next;
}

/**
 * What this response answered and offered, kept for "yes", "next" and "repeat". A fallback keeps the
 * last answer that had content, so "what was that?" after a miss replays the answer the listener
 * missed, not the apology.
 */
export function afterReply(state: SessionState, reply: StoredReply): Partial<SessionState> {
  const missed = reply.move === 'fallback';
  let heardOnce = state.heardOnce;
  const hear = (line: Line<string>): void => {
    if (line.once === true && !heardOnce.includes(line.key)) heardOnce = [...heardOnce, line.key];
  };
  reply.lines.forEach(hear);
  if (reply.ask !== undefined) hear(reply.ask.question);
  const changes: Partial<SessionState> = {
    topic: reply.topic,
    move: reply.move,
    offer: reply.offer,
    place: reply.place ?? state.place,
    misses: missed ? state.misses + 1 : 0,
    disclaimerHeard: state.disclaimerHeard || reply.finishesDisclaimer === true,
    heardOnce,
  };
  // After a miss, the reply said before it stays as it is.
  if (!missed) changes.said = reply;
  return changes;
}

/** What the emergency answer, which is not built from a Reply, leaves in the session. */
export function afterEmergency(): Partial<SessionState> {
  return { topic: 'emergency', move: 'emergency', offer: undefined, said: EMERGENCY_SAID, misses: 0 };
}

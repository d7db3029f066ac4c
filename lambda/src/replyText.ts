/**
 * The last reply as the session keeps it, for "repeat": one string rather than a tree of objects.
 * ask-sdk copies the session attributes through JSON at the start of every request, and the tree (some
 * ten objects) took most of that copy's time; a string is copied in one piece. Every name in a reply (a
 * content key, a placeholder's name, a section id, a topic, a move) is letters, digits, '_' and '.', so
 * none of the separators can occur in one:
 *
 *   topic;move;title;line line …;question reprompt;offer;place
 *
 * A line is its key, then "+name=key" for each placeholder, "#name=count" for each count, and "!" when it
 * is said once a session. An offer is its kind and its fields, by ":" ("part:risks:0", "menu:1",
 * "anythingElse"); a place is "section:part". Decoding only takes the text apart: state.ts checks what it
 * gives exactly as it checks the tree an earlier version kept.
 */
import type { Line, Offer, Place, StoredReply } from './replies';

function lineText(line: Line<string>): string {
  let text = line.key;
  if (line.refs !== undefined) for (const name of Object.keys(line.refs)) text += `+${name}=${line.refs[name]}`;
  if (line.counts !== undefined) for (const name of Object.keys(line.counts)) text += `#${name}=${line.counts[name]}`;
  return line.once === true ? `${text}!` : text;
}

export function offerText(offer: Offer | undefined): string {
  switch (offer?.kind) {
    case undefined:
      return '';
    case 'part':
    case 'tour':
      return `${offer.kind}:${offer.section}:${offer.part}`;
    case 'section':
      return `${offer.kind}:${offer.section}`;
    case 'disclaimer':
      return `${offer.kind}:${offer.part}`;
    case 'menu':
      return `${offer.kind}:${offer.page}`;
    case 'anythingElse':
      return offer.kind;
  }
}

export function placeText(place: Place | undefined): string {
  return place === undefined ? '' : `${place.section}:${place.part}`;
}

/**
 * Texts of the frozen replies (replies.ts makes each of those once): a warm request encodes nothing.
 * Any other reply, such as one read back from the session, is encoded each time.
 */
const MAX_TEXTS = 2_000;
const texts = new Map<StoredReply, string>();

export function replyText(reply: StoredReply): string {
  if (!Object.isFrozen(reply)) return encode(reply);
  const known = texts.get(reply);
  if (known !== undefined) return known;
  const text = encode(reply);
  if (texts.size >= MAX_TEXTS) texts.clear();
  texts.set(reply, text);
  return text;
}

function encode(reply: StoredReply): string {
  const lines = reply.lines.map(lineText).join(' ');
  const ask = reply.ask === undefined ? '' : `${lineText(reply.ask.question)} ${lineText(reply.ask.reprompt)}`;
  return [
    reply.topic,
    reply.move,
    lineText(reply.title),
    lines,
    ask,
    offerText(reply.offer),
    placeText(reply.place),
  ].join(';');
}

/** A whole number as text ("0", "-1", "12"); anything else is NaN, which the checks refuse. */
function number(text: string | undefined): number {
  return text !== undefined && /^-?\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * "name=value" pairs into a record; undefined when one has no "=". Made with fromEntries, so that a name
 * such as "__proto__" is a field like any other, for the checks to refuse.
 */
function pairs(parts: readonly string[], value: (text: string) => unknown): Record<string, unknown> | undefined {
  const entries: [string, unknown][] = [];
  for (const part of parts) {
    const at = part.indexOf('=');
    if (at < 0) return undefined;
    entries.push([part.slice(0, at), value(part.slice(at + 1))]);
  }
  return Object.fromEntries(entries);
}

function lineOf(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text === '') return undefined;
  const once = text.endsWith('!');
  const [key, ...parts] = (once ? text.slice(0, -1) : text).split(/(?=[+#])/);
  const line: Record<string, unknown> = { key };
  const refs = parts.filter((part) => part.startsWith('+')).map((part) => part.slice(1));
  const counts = parts.filter((part) => part.startsWith('#')).map((part) => part.slice(1));
  if (refs.length > 0) {
    line.refs = pairs(refs, (value) => value);
    if (line.refs === undefined) return undefined;
  }
  if (counts.length > 0) {
    line.counts = pairs(counts, number);
    if (line.counts === undefined) return undefined;
  }
  if (once) line.once = true;
  return line;
}

function offerOf(text: string): Record<string, unknown> | undefined {
  const [kind, first, second] = text.split(':');
  switch (kind) {
    case 'part':
    case 'tour':
      return { kind, section: first, part: number(second) };
    case 'section':
      return { kind, section: first };
    case 'disclaimer':
      return { kind, part: number(first) };
    case 'menu':
      return { kind, page: number(first) };
    case 'anythingElse':
      return { kind };
    default:
      return undefined;
  }
}

function placeOf(text: string): Record<string, unknown> | undefined {
  if (text === '') return undefined;
  const [section, part] = text.split(':');
  return { section, part: number(part) };
}

/** The reply's fields, as the tree form has them, for state.ts to check; undefined when the text has not their shape. */
export function replyFields(text: string): Record<string, unknown> | undefined {
  const fields = text.split(';');
  if (fields.length !== 7) return undefined;
  const [topic, move, title, lines, ask, offer, place] = fields;
  const questions = ask === '' ? [] : ask.split(' ');
  if (questions.length !== 0 && questions.length !== 2) return undefined;
  return {
    topic,
    move,
    title: lineOf(title),
    lines: lines === '' ? [] : lines.split(' ').map(lineOf),
    ask: questions.length === 0 ? undefined : { question: lineOf(questions[0]), reprompt: lineOf(questions[1]) },
    offer: offerOf(offer),
    place: placeOf(place),
  };
}

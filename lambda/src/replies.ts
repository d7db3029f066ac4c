/**
 * The conversation's moves as structure: which content keys to say, what to ask, what "yes" would
 * accept, and where in the guide the listener is. Handlers choose a move; speech/ turns it into words.
 */
import { itemCount, languageOf, registry, sectionOrder } from './content';
import type { ContentKey } from './content/catalog';
import type { FactEntry } from './content/types';
import { deepFreeze } from './json';
import { offerText, placeText } from './replyText';
import { policyTable } from './understanding/triage';

/** Topics that are not sections. Each section is a topic too, named by its id in content/registry.json. */
export const fixedTopics = [
  'welcome',
  'disclaimer',
  'emergency',
  'urgent',
  'help',
  'goodbye',
  'fallback',
  'symptom',
  'glossary',
  'rate',
  'volume',
  'menu',
  'settings',
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
  'welcome',
  'section',
  'fact',
  'glossary',
  'menu',
  'tour',
  'repeat',
  'next',
  'previous',
  'startOver',
  'rate',
  'volume',
  'help',
  'stop',
  'yes',
  'no',
  'fallback',
  'emergency',
  'urgent',
  'symptom',
  'disclaimer',
  'settings',
  'unsupported',
  'error',
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
 *
 * The skill's own replies name their keys as `ContentKey` (generated from content/), so a misspelt key
 * fails the type check. A reply read back from the session (`StoredReply`) has plain strings, which
 * speech/respond.ts checks against the content before it says them.
 */
export interface Line<Key extends string = ContentKey> {
  key: Key;
  refs?: Record<string, Key>;
  counts?: Record<string, number>;
  once?: true;
}

export interface Reply<Key extends string = ContentKey> {
  topic: Topic;
  move: Move;
  title: Line<Key>;
  lines: Line<Key>[];
  /** Present when the session stays open: the closing question, and a reprompt that helps. */
  ask?: { question: Line<Key>; reprompt: Line<Key> };
  offer?: Offer;
  /** Where in the guide this reply leaves the listener, for "next" and "previous". */
  place?: Place;
  /** Set on the last part of the full disclaimer. */
  finishesDisclaimer?: true;
}

const knownTopics: ReadonlySet<string> = new Set(topics);
const knownMoves: ReadonlySet<string> = new Set(moves);

function isMove(value: unknown): value is Move {
  return typeof value === 'string' && knownMoves.has(value);
}

export function parseTopic(value: unknown): Topic | undefined {
  return typeof value === 'string' && knownTopics.has(value) ? value : undefined;
}

export function parseMove(value: unknown): Move | undefined {
  return isMove(value) ? value : undefined;
}

/** A reply as the session keeps it, for "repeat": its keys are names, checked when spoken. */
export type StoredReply = Reply<string>;

/**
 * Replies made once and frozen, by everything they depend on: respond.ts and replyText.ts keep what
 * they work out for a frozen reply, so a warm request that gets one renders and encodes nothing. The
 * skill's own content makes a few hundred; the cap bounds the map if the arguments ever vary without end.
 */
const MAX_REMEMBERED = 2_000;
const remembered = new Map<string, Reply>();

function remember(id: string, make: () => Reply): Reply {
  const known = remembered.get(id);
  if (known !== undefined) return known;
  const reply = deepFreeze(make());
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(id, reply);
  return reply;
}

function line(key: ContentKey, refs?: Record<string, ContentKey>): Line {
  return refs === undefined ? { key } : { key, refs };
}

/** A line that belongs to the session: said the first time it applies, then left out. */
function once(key: ContentKey): Line {
  return { key, once: true };
}

function ask(question: ContentKey, reprompt: ContentKey, refs?: Record<string, ContentKey>): Reply['ask'] {
  return { question: line(question, refs), reprompt: line(reprompt, refs) };
}

const careTeamFirst: ReadonlySet<string> = new Set(
  registry.sections.filter((section) => section.careTeamFirst === true).map((section) => section.id),
);

/** Recovery answers end, just before the question, by saying the listener's own care team decides. */
function withCareTeam(section: string, lines: Line[]): Line[] {
  return careTeamFirst.has(section) ? [...lines, once('after.careTeam')] : lines;
}

const happeningNow: ReadonlySet<string> = new Set([
  ...registry.sections
    .filter((section) => section.happeningNow === true)
    .map((section) => `sections.${section.id}.summary`),
  ...registry.facts.filter((fact) => fact.happeningNow === true).map((fact) => `facts.${fact.id}.text`),
]);

/** Answers about risks, pain and warning signs end with a short line for someone to whom it is happening now. */
function withHappeningNow(lines: Line[]): Line[] {
  return lines.some((entry) => happeningNow.has(entry.key)) ? [...lines, once('triage.happeningNow')] : lines;
}

/** A section's topic is its id (Topic lists every section id). */
function topicOf(section: string): Topic {
  return parseTopic(section) ?? 'fallback';
}

function menuName(section: string): ContentKey {
  return `sections.${section}.menuName`;
}

function partCount(locale: string, section: string): number {
  return itemCount(locale, `sections.${section}.parts`);
}

export function welcome(): Reply {
  return remember('welcome', () => ({
    topic: 'welcome',
    move: 'welcome',
    title: line('skill.name'),
    lines: [line('welcome.greeting'), line('disclaimer.short')],
    ask: ask('welcome.question', 'welcome.reprompt'),
  }));
}

/** A returning listener: the short disclaimer still, then an offer to carry on where they stopped. */
export function welcomeBack(stoppedAt: Place | undefined): Reply {
  return remember(`welcomeBack\u0000${placeText(stoppedAt)}`, () => {
    const base: Reply = { ...welcome(), lines: [line('welcome.back'), line('disclaimer.short')] };
    if (stoppedAt === undefined) return base;
    return {
      ...base,
      ask: ask('welcome.carryOn', 'welcome.carryOnReprompt', { name: menuName(stoppedAt.section) }),
      offer: { kind: 'part', section: stoppedAt.section, part: stoppedAt.part + 1 },
      place: stoppedAt,
    };
  });
}

export function forgotten(succeeded: boolean): Reply {
  return {
    topic: 'settings',
    move: 'settings',
    title: line('skill.name'),
    lines: [line(succeeded ? 'forget.done' : 'forget.failed')],
    ask: ask('forget.question', 'forget.reprompt'),
  };
}

/** A section opens with its one-sentence summary, then offers the detail. */
export function sectionSummary(section: string, before: Line[] = []): Reply {
  const make = (): Reply => ({
    topic: topicOf(section),
    move: 'section',
    title: line(`sections.${section}.title`),
    lines: withCareTeam(section, withHappeningNow([...before, line(`sections.${section}.summary`)])),
    ask: ask('section.more', 'section.moreReprompt', { name: menuName(section) }),
    offer: { kind: 'part', section, part: 0 },
    place: { section, part: -1 },
  });
  return before.length === 0 ? remember(`summary\u0000${section}`, make) : make();
}

/** What follows the last part of a section: the next section, or the end of the topics. */
function afterSection(section: string): Pick<Reply, 'ask' | 'offer'> {
  const next = sectionOrder[sectionOrder.indexOf(section) + 1];
  if (next === undefined) return { ask: ask('section.last', 'section.lastReprompt'), offer: ANYTHING_ELSE };
  return {
    ask: ask('section.next', 'section.nextReprompt', { name: menuName(next) }),
    offer: { kind: 'section', section: next },
  };
}

/** One part of a section's detail, short enough to hear in one breath. */
export function sectionPart(locale: string, section: string, part: number): Reply {
  return remember(`part\u0000${languageOf(locale)}\u0000${section}\u0000${part}`, () => {
    const parts = partCount(locale, section);
    if (parts === 0) return sectionSummary(sectionOrder[0]);
    const index = Math.min(Math.max(part, 0), parts - 1);
    const reply: Reply = {
      topic: topicOf(section),
      move: 'section',
      title: line(`sections.${section}.title`),
      lines: withCareTeam(section, [line(`sections.${section}.parts.${index}`)]),
      place: { section, part: index },
    };
    if (index + 1 < parts) {
      return {
        ...reply,
        // Sections run to several parts: the one before the last says so, rather than the same question each time.
        ask: ask(index + 2 === parts ? 'section.goOnLast' : 'section.goOn', 'section.goOnReprompt'),
        offer: { kind: 'part', section, part: index + 1 },
      };
    }
    return { ...reply, ...afterSection(section) };
  });
}

/** The piece of the guide after this one, in reading order: summary, parts, then the next section. */
function nextInTour(locale: string, section: string, part: number): Offer | undefined {
  if (part + 1 < partCount(locale, section)) return { kind: 'tour', section, part: part + 1 };
  const next = sectionOrder[sectionOrder.indexOf(section) + 1];
  return next === undefined ? undefined : { kind: 'tour', section: next, part: -1 };
}

/** Where the tour is: "part 2 of 3 on the risks", or, at a topic's start, how many topics come after it. */
function tourPosition(locale: string, section: string, part: number): Line {
  if (part >= 0)
    return {
      key: 'tour.position',
      refs: { name: menuName(section) },
      counts: { part: part + 1, parts: partCount(locale, section) },
    };
  const remaining = sectionOrder.length - 1 - sectionOrder.indexOf(section);
  return remaining > 0 ? { key: 'tour.remaining', counts: { count: remaining } } : line('tour.lastTopic');
}

/** "Tell me everything": each piece in order, saying where it is, and pausing after each one to ask "shall I go on?". */
export function tourStep(locale: string, section: string, part: number, first = false): Reply {
  return remember(`tour\u0000${languageOf(locale)}\u0000${section}\u0000${part}\u0000${String(first)}`, () => {
    const known = sectionOrder.includes(section) ? section : sectionOrder[0];
    const index = Math.min(Math.max(part, -1), partCount(locale, known) - 1);
    const piece = index === -1 ? line(`sections.${known}.summary`) : line(`sections.${known}.parts.${index}`);
    const offer = nextInTour(locale, known, index);
    const opening = [...(first ? [line('tour.start')] : []), tourPosition(locale, known, index)];
    return {
      topic: topicOf(known),
      move: 'tour',
      title: line(`sections.${known}.title`),
      lines: withCareTeam(known, [...opening, piece]),
      ask: offer === undefined ? ask('tour.done', 'tour.doneReprompt') : ask('tour.goOn', 'tour.goOnReprompt'),
      offer,
      place: { section: known, part: index },
    };
  });
}

const ANYTHING_ELSE: Offer = { kind: 'anythingElse' };

const pageKeys: readonly ContentKey[] = ['menu.pageOne', 'menu.pageTwo', 'menu.pageThree'];
const restKeys: readonly ContentKey[] = ['menu.restOne', 'menu.restTwo', 'menu.restThree'];
const slotNames = ['one', 'two', 'three'];
const PAGE_SIZE = 3;

/** The sections, three at a time. */
export function menu(page = 0): Reply {
  return remember(`menu\u0000${page}`, () => {
    const pages = Math.ceil(sectionOrder.length / PAGE_SIZE);
    const index = Math.min(Math.max(page, 0), pages - 1);
    const shown = sectionOrder.slice(index * PAGE_SIZE, (index + 1) * PAGE_SIZE);
    const refs = Object.fromEntries(shown.map((section, position) => [slotNames[position], menuName(section)]));
    const more = index + 1 < pages;
    const opening = index === 0 ? (more ? 'menu.first' : pageKeys[shown.length - 1]) : restKeys[shown.length - 1];
    return {
      topic: 'menu',
      move: 'menu',
      title: line('menu.title'),
      lines: [line(opening, refs)],
      ask: more ? ask('menu.more', 'menu.moreReprompt') : ask('menu.which', 'menu.whichReprompt'),
      offer: more ? { kind: 'menu', page: index + 1 } : undefined,
    };
  });
}

/** "Next" and "previous" move through the sections in order, from where the listener is. */
export function neighbour(current: string | undefined, step: 1 | -1): Reply {
  if (current === undefined || !sectionOrder.includes(current)) {
    return sectionSummary(sectionOrder[0], [line('navigation.nothingYet')]);
  }
  const position = sectionOrder.indexOf(current) + step;
  if (position < 0) return sectionSummary(sectionOrder[0], [line('navigation.first')]);
  if (position >= sectionOrder.length) {
    const topics = menu();
    return { ...topics, lines: [line('navigation.last'), ...topics.lines] };
  }
  return sectionSummary(sectionOrder[position]);
}

export function disclaimerPart(locale: string, part: number): Reply {
  return remember(`disclaimer\u0000${languageOf(locale)}\u0000${part}`, () => {
    const parts = itemCount(locale, 'disclaimer.full');
    const index = Math.min(Math.max(part, 0), parts - 1);
    const lines = [line(`disclaimer.full.${index}`)];
    const reply: Reply = {
      topic: 'disclaimer',
      move: 'disclaimer',
      title: line('disclaimer.title'),
      lines: index === 0 ? [line('disclaimer.intro'), ...lines] : lines,
    };
    if (index + 1 < parts) {
      return {
        ...reply,
        ask: ask('disclaimer.goOn', 'disclaimer.goOnReprompt'),
        offer: { kind: 'disclaimer', part: index + 1 },
      };
    }
    return { ...reply, ask: ask('disclaimer.done', 'disclaimer.doneReprompt'), finishesDisclaimer: true };
  });
}

/**
 * A change to how the skill speaks (rate or volume), confirmed in the new voice, with its once-a-session hint;
 * a pending offer is kept.
 */
function settingChanged(
  move: 'rate' | 'volume',
  confirmation: ContentKey,
  hint: ContentKey,
  pending: Offer | undefined,
): Reply {
  return remember(`setting\u0000${move}\u0000${confirmation}\u0000${offerText(pending)}`, () => {
    const reply: Reply = { topic: move, move, title: line('skill.name'), lines: [line(confirmation), once(hint)] };
    if (pending === undefined) return { ...reply, ask: ask('rate.question', 'rate.reprompt') };
    return { ...reply, ask: ask('rate.carryOn', 'rate.carryOnReprompt'), offer: pending };
  });
}

/** A change of speech rate, confirmed at the new rate; a pending offer is kept. */
export function rateChanged(confirmation: ContentKey, pending: Offer | undefined): Reply {
  return settingChanged('rate', confirmation, 'rate.hint', pending);
}

export function help(): Reply {
  return remember('help', () => ({
    topic: 'help',
    move: 'help',
    title: line('skill.name'),
    lines: [line('help.emergency'), line('help.options')],
    ask: ask('help.question', 'help.reprompt'),
  }));
}

/** Re-asks a pending offer in one short sentence, so a misheard turn never loses the listener's place. */
function askAgain(offer: Offer): Reply['ask'] {
  switch (offer.kind) {
    case 'part':
    case 'section':
    case 'tour':
      return ask('fallback.goOnWith', 'fallback.goOnWithReprompt', { name: menuName(offer.section) });
    case 'disclaimer':
      return ask('fallback.goOnDisclaimer', 'fallback.goOnDisclaimerReprompt');
    case 'menu':
      return ask('fallback.goOnMenu', 'fallback.goOnMenuReprompt');
    case 'anythingElse':
      return ask('fallback.anythingElse', 'fallback.anythingElseReprompt');
  }
}

/**
 * A miss. The apology is the skill's own ("I may have got that wrong"), with the emergency line. With
 * an offer pending, it asks it again and keeps it; otherwise the first miss says what to ask, and a
 * second in a row offers the three main choices.
 */
export function fallback(missesBefore: number, pending?: Offer): Reply {
  return remember(`fallback\u0000${missesBefore >= 1 ? 'again' : 'first'}\u0000${offerText(pending)}`, () => {
    const base: Pick<Reply, 'topic' | 'move' | 'title'> = {
      topic: 'fallback',
      move: 'fallback',
      title: line('skill.name'),
    };
    if (pending !== undefined)
      return {
        ...base,
        lines: [line(missesBefore >= 1 ? 'fallback.again' : 'fallback.sorry')],
        ask: askAgain(pending),
        offer: pending,
      };
    if (missesBefore >= 1)
      return { ...base, lines: [line('fallback.again')], ask: ask('fallback.choices', 'fallback.choicesReprompt') };
    return { ...base, lines: [line('fallback.sorry')], ask: ask('fallback.question', 'fallback.reprompt') };
  });
}

/** The listener's own volume changed; the answer also says how to change the whole device. A pending offer is kept. */
export function volumeChanged(confirmation: ContentKey, pending: Offer | undefined): Reply {
  return settingChanged('volume', confirmation, 'volume.device', pending);
}

export function declined(): Reply {
  return remember('declined', () => ({
    topic: 'help',
    move: 'no',
    title: line('skill.name'),
    lines: [line('no.text')],
    ask: ask('no.question', 'no.reprompt'),
  }));
}

export function nothingOffered(): Reply {
  return remember('nothingOffered', () => ({
    topic: 'help',
    move: 'yes',
    title: line('skill.name'),
    lines: [line('yesNothing.text')],
    ask: ask('yesNothing.question', 'yesNothing.reprompt'),
  }));
}

export function nothingToRepeat(): Reply {
  return remember('nothingToRepeat', () => ({ ...welcome(), move: 'repeat', lines: [line('repeat.nothing')] }));
}

export function goodbye(): Reply {
  return remember('goodbye', () => ({
    topic: 'goodbye',
    move: 'stop',
    title: line('skill.name'),
    lines: [line('goodbye.text')],
  }));
}

export function unsupported(): Reply {
  return remember('unsupported', () => ({
    topic: 'fallback',
    move: 'unsupported',
    title: line('skill.name'),
    lines: [line('unsupported.text')],
    ask: ask('unsupported.question', 'unsupported.reprompt'),
  }));
}

export function problem(): Reply {
  return remember('problem', () => ({
    topic: 'fallback',
    move: 'error',
    title: line('skill.name'),
    lines: [line('error.text')],
    ask: ask('error.question', 'error.reprompt'),
  }));
}

/**
 * What a fact's answer offers next, so that it fits the fact's own subject: the detail of its section, or of the
 * section its registry entry names ("does it work?" is followed by the risks, not by more about what it is), or,
 * after a referral or where no section fits, whether there is anything else.
 */
function followUp(entry: FactEntry): Pick<Reply, 'ask' | 'offer'> {
  if (entry.kind === 'referral' || entry.followUp === 'anythingElse')
    return { ask: askAgain(ANYTHING_ELSE), offer: ANYTHING_ELSE };
  const other =
    entry.followUp !== undefined && entry.followUp !== entry.section && sectionOrder.includes(entry.followUp)
      ? entry.followUp
      : undefined;
  // Another section is offered as "next" would offer it: its summary first.
  if (other !== undefined)
    return {
      ask: ask('section.next', 'section.nextReprompt', { name: menuName(other) }),
      offer: { kind: 'section', section: other },
    };
  return {
    ask: ask('factPrompts.more', 'factPrompts.moreReprompt', { name: menuName(entry.section) }),
    offer: { kind: 'part', section: entry.section, part: 0 },
  };
}

/** A specific fact, then an offer that fits it. */
export function fact(entry: FactEntry, before: Line[] = []): Reply {
  const make = (): Reply => {
    const { section } = entry;
    return {
      topic: topicOf(section),
      move: 'fact',
      title: line(`sections.${section}.title`),
      lines: withCareTeam(section, withHappeningNow([...before, line(`facts.${entry.id}.text`)])),
      ...followUp(entry),
      place: { section, part: -1 },
    };
  };
  return before.length === 0 ? remember(`fact\u0000${entry.id}`, make) : make();
}

/** A definition. If the listener was in the middle of something, offer to carry on with it. */
export function definition(term: string, pending: Offer | undefined, before: Line[] = []): Reply {
  const make = (): Reply => {
    const reply: Reply = {
      topic: 'glossary',
      move: 'glossary',
      title: line(`glossary.${term}.term`),
      lines: [...before, line(`glossary.${term}.definition`)],
    };
    if (pending === undefined)
      return { ...reply, ask: ask('glossaryPrompts.whatElse', 'glossaryPrompts.whatElseReprompt') };
    return { ...reply, ask: ask('glossaryPrompts.carryOn', 'glossaryPrompts.carryOnReprompt'), offer: pending };
  };
  return before.length === 0 ? remember(`definition\u0000${term}\u0000${offerText(pending)}`, make) : make();
}

export function unknownTerm(): Reply {
  return remember('unknownTerm', () => ({
    topic: 'glossary',
    move: 'glossary',
    title: line('skill.name'),
    lines: [line('glossaryPrompts.unknown')],
    ask: ask('glossaryPrompts.unknownQuestion', 'glossaryPrompts.unknownReprompt'),
  }));
}

export function symptom(): Reply {
  return remember('symptom', () => ({
    topic: 'symptom',
    move: 'symptom',
    title: line('symptom.title'),
    lines: [line('symptom.text')],
    ask: ask('symptom.question', 'symptom.reprompt'),
    offer: ANYTHING_ELSE,
  }));
}

/** The advice line the policy names for the first of the concepts that has one. */
function advice(concepts: readonly string[]): Line[] {
  const group = concepts.map((concept) => policyTable.get(concept)?.advice).find((name) => name !== undefined);
  return group === undefined ? [] : [line(`triage.advice.${group}`)];
}

/** Call the doctor or care team now: first words say so, then why, then when to call the emergency number. */
export function urgent(concepts: readonly string[]): Reply {
  return {
    topic: 'urgent',
    move: 'urgent',
    title: line('triage.urgent.title'),
    lines: [line('triage.urgent.callNow'), ...advice(concepts), line('triage.urgent.worse')],
    ask: ask('triage.urgent.question', 'triage.urgent.reprompt'),
    offer: ANYTHING_ELSE,
  };
}

/** Common after the procedure: what is usual, and when to call. */
export function mild(concepts: readonly string[]): Reply {
  const usual = advice(concepts);
  return {
    topic: 'symptom',
    move: 'symptom',
    title: line('symptom.title'),
    lines: usual.length === 0 ? [line('symptom.text')] : [...usual, line('triage.mild.callIf')],
    ask: ask('triage.mild.question', 'triage.mild.reprompt'),
    offer: ANYTHING_ELSE,
  };
}

/** When a question mentions an emergency sign and might be a report, the emergency line comes first. */
export function cautionLine(): Line {
  return line('triage.caution');
}

/**
 * The one typed request context (lambda/src/context.ts): one per request, shared by every
 * HandlerInput of it, reading the words once, and keeping the session attributes under the names
 * they have always had, so a session that spans an update of the skill keeps its settings.
 */
import { AttributesManagerFactory, ResponseFactory, type HandlerInput } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { context } from '../../lambda/src/context';
import { registry, sectionOrder } from '../../lambda/src/content';
import * as replies from '../../lambda/src/replies';
import type { Offer, StoredReply } from '../../lambda/src/replies';
import {
  afterEmergency,
  afterReply,
  parseAttributes,
  partsAfter,
  withChanges,
  type SessionChanges,
  type SessionParts,
} from '../../lambda/src/state';
import * as words from '../../lambda/src/words';
import { envelope, intentRequest } from '../helpers/envelopes';

function inputFor(requestEnvelope: RequestEnvelope): HandlerInput {
  return {
    requestEnvelope,
    attributesManager: AttributesManagerFactory.init({ requestEnvelope }),
    responseBuilder: ResponseFactory.init(),
  };
}

afterEach(() => jest.restoreAllMocks());

describe('the request context', () => {
  it('is one per request, also for a copy of the input with another envelope (a move handed on)', () => {
    const input = inputFor(envelope(intentRequest('QuestionTextIntent', { text: { value: 'stop please' } })));
    const moved: HandlerInput = { ...input, requestEnvelope: envelope(intentRequest('AMAZON.StopIntent')) };
    expect(context(moved)).toBe(context(input));
    expect(context(inputFor(input.requestEnvelope))).not.toBe(context(input));
  });

  it('is one per request also when the attributes manager takes no new property', () => {
    const input = inputFor(envelope(intentRequest('AMAZON.HelpIntent')));
    const frozen: HandlerInput = { ...input, attributesManager: Object.freeze({ ...input.attributesManager }) };
    expect(context(frozen)).toBe(context(frozen));
    expect(Object.keys(frozen.attributesManager)).toEqual(Object.keys(input.attributesManager));
  });

  it('reads the words once, however often they are asked for', () => {
    const read = jest.spyOn(words, 'readWords');
    const input = inputFor(envelope(intentRequest('QuestionTextIntent', { text: { value: 'how long does it take' } })));
    const first = context(input).reading;
    expect(context(input).reading).toBe(first);
    expect(first?.kind).toBe('question');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('sees its own changes at once, in each part', () => {
    const input = inputFor(envelope(intentRequest('AMAZON.RepeatIntent'), { attributes: { misses: 1 } }));
    const request = context(input);
    expect(request.session.misses).toBe(1);
    request.update({ session: { misses: 0 }, settings: { rate: 80 }, store: { status: 'loaded' } });
    expect([request.session.misses, request.settings.rate, request.store.status]).toEqual([0, 80, 'loaded']);
    // No misses reads the same as none kept, so the attribute is left out.
    expect(input.attributesManager.getSessionAttributes()).toEqual({ rate: 80, preferences: 'loaded' });
  });

  it('keeps nothing outside a session', () => {
    const outside = envelope(intentRequest('AMAZON.RepeatIntent'));
    delete outside.session;
    const request = context(inputFor(outside));
    request.update({ settings: { rate: 80 } });
    expect(request.settings.rate).toBeUndefined();
  });
});

describe('the session attributes', () => {
  const older = {
    topic: 'risks',
    rate: 80,
    volume: 'loud',
    preferences: 'loaded',
    saved: { version: 1, rate: 80 },
    heardOnce: ['rate.hint'],
    future: 'kept',
  };

  it('as an earlier version wrote them are read into the three parts', () => {
    const { session, settings, store } = parseAttributes(older);
    expect(session.topic).toBe('risks');
    expect(session.heardOnce).toEqual(['rate.hint']);
    expect(settings).toEqual({ rate: 80, volume: 'loud' });
    // The stored preferences are compared as text: an earlier version's object is read as its text.
    expect(store).toEqual({ status: 'loaded', saved: '1 80 0 - - - -' });
  });

  it('are written back under the same names; a field set to undefined goes, and unknown ones stay', () => {
    const next = withChanges(older, { settings: { volume: undefined }, store: { status: 'failed' } });
    expect(next).toEqual({
      ...Object.fromEntries(Object.entries(older).filter(([name]) => name !== 'volume')),
      preferences: 'failed',
    });
  });

  const offers: Offer[] = [
    { kind: 'part', section: 'risks', part: 2 },
    { kind: 'section', section: 'after' },
    { kind: 'disclaimer', part: 1 },
    { kind: 'tour', section: 'what', part: -1 },
    { kind: 'menu', page: 1 },
    { kind: 'anythingElse' },
  ];
  /** Every kind of reply the skill makes, with placeholders, counts, lines said once, offers and places. */
  const made: StoredReply[] = [
    replies.welcome(),
    replies.welcomeBack({ section: 'risks', part: 0 }),
    replies.help(),
    replies.goodbye(),
    replies.unknownTerm(),
    replies.urgent(['feverChills']),
    replies.mild(['backPain']),
    ...sectionOrder.flatMap((section) => [
      replies.sectionSummary(section, [replies.cautionLine()]),
      ...[0, 1, 2, 3].map((part) => replies.sectionPart('en-US', section, part)),
      ...[-1, 0, 1].map((part) => replies.tourStep('en-US', section, part, part === -1)),
    ]),
    ...[0, 1, 2].map((page) => replies.menu(page)),
    ...[0, 1, 2].map((part) => replies.disclaimerPart('en-US', part)),
    ...registry.facts.map((entry) => replies.fact(entry)),
    ...registry.glossary.map((term) => replies.definition(term, offers[0])),
    ...offers.flatMap((offer) => [
      replies.fallback(0, offer),
      replies.fallback(1, offer),
      replies.rateChanged('rate.slower', offer),
    ]),
    replies.volumeChanged('volume.louder', undefined),
  ];

  /** What the session keeps of a reply: all of it but the disclaimer's end, which is recorded as disclaimerHeard. */
  function kept(reply: StoredReply): StoredReply {
    return { ...reply, finishesDisclaimer: undefined };
  }

  it.each(made.map((reply) => [JSON.stringify(reply).slice(0, 80), reply]))(
    'keep the last reply as one string, read back as the reply it was: %s',
    (_name, reply) => {
      const attributes = withChanges({}, { session: { said: reply } });
      expect(typeof attributes.said).toBe('string');
      expect(parseAttributes(JSON.parse(JSON.stringify(attributes))).session.said).toEqual(kept(reply));
    },
  );

  it('still read the last reply as the tree an earlier version kept', () => {
    const reply = replies.sectionSummary('risks');
    expect(parseAttributes({ said: JSON.parse(JSON.stringify(reply)) }).session.said).toEqual(kept(reply));
  });

  /** Every field of the three parts, the last reply included, as a test compares them. */
  function fieldsOf(parts: SessionParts): unknown {
    const { session, settings, store } = parts;
    const { topic, move, offer, place, said, heardOnce, misses, returning, visitedBefore, disclaimerHeard } = session;
    return {
      session: { topic, move, offer, place, heardOnce, misses, returning, visitedBefore, disclaimerHeard },
      said: typeof said === 'object' ? kept(said) : said,
      settings,
      store,
    };
  }

  const states: Record<string, unknown>[] = [
    {},
    older,
    { topic: 'emergency', said: 'emergency', misses: 2, heardOnce: ['after.careTeam', 'rate.hint'] },
    {
      ...older,
      offer: { kind: 'menu', page: 1 },
      place: { section: 'risks', part: 1 },
      returning: { section: 'what', part: 0 },
    },
    { topic: ['x'], offer: 'yes', place: 7, said: { lines: 'no' }, rate: 'fast', misses: -4, saved: 3 },
  ];
  const changes: SessionChanges[] = [
    ...made.map((reply): SessionChanges => ({ session: afterReply(parseAttributes(older).session, reply) })),
    { session: afterReply(parseAttributes(states[2]).session, replies.fallback(1, offers[4])) },
    { session: afterEmergency() },
    { session: { misses: 99 }, settings: { rate: 80 }, store: { status: 'loaded' } },
    { session: { misses: 100, heardOnce: undefined, visitedBefore: true }, settings: { volume: undefined } },
    { session: { place: undefined, returning: undefined, disclaimerHeard: false, visitedBefore: false } },
    { settings: { rate: 175, volume: 'loud' }, store: { status: 'loaded', saved: '1 175 0 loud - - -' } },
    { store: { status: 'failed' } },
    { store: { saved: undefined } },
  ];

  it('after a change the skill makes, are what reading the changed attributes back gives', () => {
    for (const attributes of states) {
      for (const change of changes) {
        const read = parseAttributes(JSON.parse(JSON.stringify(withChanges(attributes, change))));
        expect(fieldsOf(partsAfter(parseAttributes(attributes), change))).toEqual(fieldsOf(read));
      }
    }
  });
});

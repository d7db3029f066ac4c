/**
 * The one typed request context (lambda/src/context.ts): one per request, shared by every
 * HandlerInput of it, reading the words once, and keeping the session attributes under the names
 * they have always had, so a session that spans an update of the skill keeps its settings.
 */
import { AttributesManagerFactory, ResponseFactory, type HandlerInput } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { context } from '../../lambda/src/context';
import { parseAttributes, withChanges } from '../../lambda/src/state';
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
    expect(input.attributesManager.getSessionAttributes()).toEqual({ misses: 0, rate: 80, preferences: 'loaded' });
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
    expect(store).toEqual({ status: 'loaded', saved: { version: 1, rate: 80 } });
  });

  it('are written back under the same names; a field set to undefined goes, and unknown ones stay', () => {
    const next = withChanges(older, { settings: { volume: undefined }, store: { status: 'failed' } });
    expect(next).toEqual({
      ...Object.fromEntries(Object.entries(older).filter(([name]) => name !== 'volume')),
      preferences: 'failed',
    });
  });
});

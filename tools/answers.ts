/**
 * Every answer the skill can give in a locale, got from the real handler: the welcome (first visit and back
 * again), every intent of the locale's generated model with and without each slot value, and "yes" to every kind of
 * offer, so that each part of each section and of the disclaimer is reached. Answers that speak the same words are
 * kept once. `npm run durations` times them, and tests/unit/durations.test.ts holds them to the length limits.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestEnvelope } from 'ask-sdk-model';
import { registry } from '../lambda/src/content';
import { contentFor } from './content';
import { readModel, type Handler } from './conversation';
import { envelope, intentRequest, launchRequest, speechOf } from './envelopes';
import { NORMAL_RATE } from '../lambda/src/speech/rate';
import { LIMITS, ssmlTiming, type SpeechTiming } from './duration';
import { spokenText } from './spoken';

export interface Asked {
  label: string;
  request: Request;
  attributes: Record<string, unknown>;
  /** Sent twice for the same listener, so that the second is a returning visit. */
  returning?: true;
}

export interface Answer {
  label: string;
  ssml: string;
  timing: SpeechTiming;
}

/** The offers "yes" can accept, one of each part of every section and of the disclaimer. */
function offers(locale: string): [string, Record<string, unknown>][] {
  const content = contentFor(locale);
  const found: [string, Record<string, unknown>][] = [];
  for (const section of registry.sections) {
    const parts = content.sections[section.id]?.parts.length ?? 0;
    found.push([`${section.id}, offered`, { topic: section.id, offer: { kind: 'section', section: section.id } }]);
    for (let part = 0; part < parts; part += 1) {
      found.push([
        `${section.id} part ${part + 1}`,
        { topic: section.id, offer: { kind: 'part', section: section.id, part } },
      ]);
      found.push([
        `${section.id} part ${part + 1}, on the tour`,
        { topic: section.id, offer: { kind: 'tour', section: section.id, part } },
      ]);
    }
  }
  for (let part = 0; part < content.disclaimer.full.length; part += 1) {
    found.push([`disclaimer part ${part + 1}`, { topic: 'disclaimer', offer: { kind: 'disclaimer', part } }]);
  }
  for (let page = 0; page < 3; page += 1)
    found.push([`menu page ${page + 1}`, { topic: 'menu', offer: { kind: 'menu', page } }]);
  found.push(['anything else', { topic: 'help', offer: { kind: 'anythingElse' } }]);
  return found;
}

/** The label of the first-visit welcome, which has a limit of its own. */
export const GREETING = 'welcome, first visit';

/** The limit for an answer at a rate: the first greeting's at the normal rate, every turn's at every rate. */
export function limitFor(label: string, rate: number): number {
  return label === GREETING && rate === NORMAL_RATE ? LIMITS.greeting : LIMITS.turn;
}

/** What to ask for every answer of a locale. */
export function everyAsk(locale: string): Asked[] {
  const { intents, types } = readModel(locale);
  const asks: Asked[] = [
    { label: GREETING, request: launchRequest(locale), attributes: {} },
    { label: 'welcome back', request: launchRequest(locale), attributes: {}, returning: true },
  ];
  for (const intent of intents) {
    asks.push({ label: intent.name, request: intentRequest(intent.name, {}, locale), attributes: {} });
    for (const slot of intent.slots ?? []) {
      const type = types.find((candidate) => candidate.name === slot.type);
      for (const value of type?.values ?? []) {
        const slots = { [slot.name]: { value: value.name.value, id: value.id } };
        asks.push({
          label: `${intent.name} ${slot.name}=${value.id}`,
          request: intentRequest(intent.name, slots, locale),
          attributes: {},
        });
      }
    }
  }
  for (const [label, attributes] of offers(locale)) {
    asks.push({ label: `yes to ${label}`, request: intentRequest('AMAZON.YesIntent', {}, locale), attributes });
  }
  asks.push({
    label: 'a second miss',
    request: intentRequest('AMAZON.FallbackIntent', {}, locale),
    attributes: { topic: 'fallback', misses: 1 },
  });
  return asks;
}

/**
 * Every distinct answer of a locale at a speech rate, timed. Two asks that get the same words are one answer,
 * under the first ask's label; an ask that gets no speech (a session that ended) is left out.
 */
export async function everyAnswer(handler: Handler, locale: string, rate: number): Promise<Answer[]> {
  const answers = new Map<string, Answer>();
  for (const asked of everyAsk(locale)) {
    const userId = `amzn1.ask.account.${randomUUID()}`;
    const sent = (): RequestEnvelope => envelope(asked.request, { userId, attributes: { ...asked.attributes, rate } });
    if (asked.returning === true) await handler(sent());
    const ssml = speechOf(await handler(sent()));
    const words = spokenText(ssml);
    if (words === '' || answers.has(words)) continue;
    answers.set(words, { label: asked.label, ssml, timing: ssmlTiming(ssml) });
  }
  return [...answers.values()];
}

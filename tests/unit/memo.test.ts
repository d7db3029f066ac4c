/**
 * What a warm skill remembers: replies made once per set of arguments, and responses rendered once per
 * reply, locale, rate, volume and screen. A key that left out something the value depends on would hand
 * one listener another's answer, so each is checked against values made in the other order, and every
 * remembered value is frozen, so that no request can change what later ones get.
 */
import type { Offer, Reply } from '../../lambda/src/replies';
import { intentRequest, invoke, speechOf } from '../helpers/envelopes';

type Replies = typeof import('../../lambda/src/replies');

const offers: (Offer | undefined)[] = [
  undefined,
  { kind: 'part', section: 'risks', part: 1 },
  { kind: 'part', section: 'risks', part: 2 },
  { kind: 'part', section: 'what', part: 1 },
  { kind: 'tour', section: 'risks', part: 1 },
  { kind: 'section', section: 'after' },
  { kind: 'disclaimer', part: 1 },
  { kind: 'menu', page: 1 },
  { kind: 'anythingElse' },
];

/** Every remembered builder, over arguments that differ in one thing at a time. */
function calls(replies: Replies, facts: Parameters<Replies['fact']>[0][]): (() => Reply)[] {
  return [
    () => replies.welcome(),
    () => replies.welcomeBack(undefined),
    () => replies.welcomeBack({ section: 'risks', part: 0 }),
    () => replies.welcomeBack({ section: 'risks', part: 1 }),
    () => replies.welcomeBack({ section: 'what', part: 0 }),
    ...['what', 'risks', 'after'].flatMap((section) => [
      () => replies.sectionSummary(section),
      ...[0, 1, 2].flatMap((part) => [
        () => replies.sectionPart('en-US', section, part),
        () => replies.sectionPart('es-US', section, part),
        () => replies.tourStep('en-US', section, part),
        () => replies.tourStep('en-US', section, part, true),
      ]),
    ]),
    ...[0, 1, 2].flatMap((page) => [() => replies.menu(page), () => replies.disclaimerPart('en-US', page)]),
    ...offers.flatMap((offer) => [
      () => replies.fallback(0, offer),
      () => replies.fallback(1, offer),
      () => replies.fallback(2, offer),
      () => replies.rateChanged('rate.slower', offer),
      () => replies.rateChanged('rate.faster', offer),
      () => replies.volumeChanged('volume.louder', offer),
      () => replies.definition('vertebrae', offer),
      () => replies.definition('cement', offer),
    ]),
    ...facts.map((entry) => () => replies.fact(entry)),
    () => replies.help(),
    () => replies.declined(),
    () => replies.nothingOffered(),
    () => replies.nothingToRepeat(),
    () => replies.goodbye(),
    () => replies.unsupported(),
    () => replies.problem(),
    () => replies.unknownTerm(),
    () => replies.symptom(),
  ];
}

async function made(reversed: boolean): Promise<Reply[]> {
  let results: Reply[] = [];
  await jest.isolateModulesAsync(async () => {
    const replies = await import('../../lambda/src/replies');
    const { registry } = await import('../../lambda/src/content');
    const list = calls(replies, registry.facts);
    const order = reversed ? [...list.keys()].reverse() : [...list.keys()];
    const byIndex = new Map(order.map((index) => [index, list[index]()]));
    results = list.map((_, index) => byIndex.get(index) ?? replies.welcome());
  });
  return results;
}

describe('remembered replies', () => {
  it('are the same whichever arguments came first: every argument is part of the key', async () => {
    const forward = await made(false);
    const backward = await made(true);
    expect(forward.length).toBeGreaterThan(100);
    forward.forEach((reply, index) => expect(backward[index]).toEqual(reply));
  });

  it('are made once, frozen through and through', async () => {
    const replies = await import('../../lambda/src/replies');
    const first = replies.sectionSummary('risks');
    expect(replies.sectionSummary('risks')).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.lines) && Object.isFrozen(first.lines[0])).toBe(true);
    expect(() => first.lines.push({ key: 'help.options' })).toThrow(TypeError);
  });

  it('with lines before them are made afresh, with those lines', async () => {
    const replies = await import('../../lambda/src/replies');
    const cautious = replies.sectionSummary('risks', [replies.cautionLine()]);
    expect(cautious.lines[0]).toEqual(replies.cautionLine());
    expect(replies.sectionSummary('risks').lines).not.toContainEqual(replies.cautionLine());
  });
});

describe('remembered responses', () => {
  const risks = intentRequest('RisksIntent');

  it('are handed out again for the same reply, locale, rate, volume and screen, and cannot be changed', async () => {
    const first = await invoke(risks, { attributes: { rate: 80 } });
    const again = await invoke(risks, { attributes: { rate: 80 } });
    expect(again.response).toBe(first.response);
    expect(() => {
      Object.assign(first.response, { shouldEndSession: true });
    }).toThrow(TypeError);
    expect((await invoke(risks, { attributes: { rate: 80 } })).response.shouldEndSession).toBe(false);
  });

  it('differ by rate, volume, screen and locale', async () => {
    const plain = await invoke(risks);
    const slow = await invoke(risks, { attributes: { rate: 80 } });
    const loud = await invoke(risks, { attributes: { volume: 'loud' } });
    const screen = await invoke(risks, { apl: true });
    const british = await invoke(intentRequest('RisksIntent', {}, 'en-GB'));
    expect(speechOf(slow)).toContain('rate="80%"');
    expect(speechOf(loud)).toContain('volume="loud"');
    expect(speechOf(plain)).not.toMatch(/rate=|volume=/);
    expect(screen.response.directives).toHaveLength(1);
    expect(plain.response.directives).toBeUndefined();
    expect(speechOf(british)).toContain('999');
    expect(speechOf(plain)).toContain('911');
  });
});

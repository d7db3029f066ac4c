/**
 * Walks every handler in each conversational state: every intent in the model, with and without
 * slots, from a fresh session and after each kind of offer. Every response must be valid Alexa SSML
 * under 8,000 characters and at most 90 words, and an open one must end with a question and carry a
 * reprompt. It must also mean what it should (tests/helpers/meaning.ts): no request here is answered by
 * the error handler or the last resort, and each section, fact, term, symptom and move is answered with
 * its own move and words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, ResponseEnvelope } from 'ask-sdk-model';
import { defaultLanguage, registry } from '../../lambda/src/content';
import { setLogSink } from '../../lambda/src/log';
import {
  envelope,
  intentRequest,
  invoke,
  launchRequest,
  repromptOf,
  speechOf,
  type SlotInput,
} from '../helpers/envelopes';
import { contentLanguages, localeLayers, oneLocalePerWording } from '../helpers/locales';
import { answerOf, expectedAnswer, FaultWatch, meaningProblems, type Expected } from '../helpers/meaning';
import { loadMisspeltSkill, misspelt } from '../helpers/misspelt';
import { MAX_SSML_CHARS, MAX_WORDS, spokenText, ssmlErrors, wordCount } from '../helpers/speech';

interface ModelIntent {
  name: string;
  slots?: { name: string; type: string }[];
}
interface ModelType {
  name: string;
  values: { id: string; name: { value: string } }[];
}

/** One locale per wording of content (content/locales.json): the others say the same words. */
const walkedLocales = oneLocalePerWording;

function modelOf(locale: string): { intents: ModelIntent[]; types: ModelType[] } {
  const model: { interactionModel: { languageModel: { intents: ModelIntent[]; types: ModelType[] } } } = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'skill-package', 'interactionModels', 'custom', `${locale}.json`), 'utf8'),
  );
  return model.interactionModel.languageModel;
}

function slotVariants(intent: ModelIntent, types: ModelType[]): Record<string, SlotInput>[] {
  const variants: Record<string, SlotInput>[] = [{}];
  for (const slot of intent.slots ?? []) {
    const type = types.find((candidate) => candidate.name === slot.type);
    for (const value of type?.values ?? []) variants.push({ [slot.name]: { value: value.name.value, id: value.id } });
    variants.push({ [slot.name]: { value: 'something unheard of' } });
  }
  return variants;
}

const states: Record<string, Record<string, unknown>>[] = [
  { fresh: {} },
  { 'after welcome': { topic: 'welcome' } },
  ...registry.sections.map((section) => ({
    [`offered ${section.id} part 1`]: { topic: section.id, offer: { kind: 'part', section: section.id, part: 1 } },
  })),
  { 'offered next section': { topic: 'what', offer: { kind: 'section', section: 'prep' } } },
  { 'offered disclaimer part': { topic: 'disclaimer', offer: { kind: 'disclaimer', part: 1 } } },
  {
    'mid-tour': {
      topic: 'prep',
      offer: { kind: 'tour', section: 'prep', part: 0 },
      place: { section: 'prep', part: -1 },
    },
  },
  { 'offered the rest of the menu': { topic: 'menu', offer: { kind: 'menu', page: 1 } } },
  { 'after one miss, slow speech': { topic: 'fallback', misses: 1, rate: 70 } },
  { 'fast speech, after a definition': { topic: 'glossary', rate: 130 } },
  { 'after an emergency': { topic: 'emergency', said: 'emergency' } },
  { 'corrupt attributes': { topic: ['x'], offer: 'yes', place: 7, said: { lines: 'no' }, rate: 'fast', misses: -4 } },
];

interface Walked {
  label: string;
  request: Request;
  expected: Expected | undefined;
}

function requestsFor(locale: string): Walked[] {
  const { intents, types } = modelOf(locale);
  const requests: Walked[] = [
    {
      label: 'LaunchRequest',
      request: launchRequest(locale),
      expected: expectedAnswer('LaunchRequest', undefined, {}),
    },
  ];
  for (const intent of intents) {
    for (const slots of slotVariants(intent, types)) {
      const slotIds = Object.fromEntries(Object.entries(slots).map(([name, input]) => [name, input.id]));
      requests.push({
        label: `${intent.name} ${JSON.stringify(slots)}`,
        request: intentRequest(intent.name, slots, locale),
        expected: expectedAnswer('IntentRequest', intent.name, slotIds),
      });
    }
  }
  return requests;
}

/** The form of a response: valid, short SSML, and an open session asks and reprompts. */
async function problems(response: ResponseEnvelope): Promise<string[]> {
  const found: string[] = [];
  const ssml = speechOf(response);
  if (ssml === '') return ['no speech'];
  found.push(...(await ssmlErrors(ssml)));
  if (ssml.length > MAX_SSML_CHARS) found.push(`ssml is ${ssml.length} characters`);
  if (wordCount(ssml) > MAX_WORDS) found.push(`${wordCount(ssml)} words`);
  if (response.response.shouldEndSession === false) {
    if (!spokenText(ssml).endsWith('?')) found.push('open session does not end with a question');
    const reprompt = repromptOf(response);
    if (reprompt === '') found.push('open session has no reprompt');
    else found.push(...(await ssmlErrors(reprompt)));
    if (reprompt !== '' && spokenText(ssml).endsWith(spokenText(reprompt)))
      found.push('reprompt only repeats the question');
  }
  return found;
}

const faults = new FaultWatch();
let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(faults.sink);
});
afterAll(() => restoreLogs());

const cases = walkedLocales.flatMap((locale) =>
  states.map((state): [string, string, Record<string, unknown>] => [locale, ...Object.entries(state)[0]]),
);

it('walks a locale of every language in content/locales.json', () => {
  expect(
    contentLanguages.filter((language) => !walkedLocales.some((locale) => localeLayers[locale][0] === language)),
  ).toEqual([]);
});

type Send = (request: Request, attributes: Record<string, unknown>) => Promise<ResponseEnvelope>;

/** Every request of a locale in one state, sent with `send`: what is wrong with each answer. */
async function walkFailures(
  locale: string,
  attributes: Record<string, unknown>,
  send: Send,
  watch: FaultWatch,
): Promise<{ failures: string[]; checked: number; sent: number }> {
  const requests = requestsFor(locale);
  const failures: string[] = [];
  let checked = 0;
  for (const { label, request, expected } of requests) {
    const response = await send(request, attributes);
    const found = [...watch.take(), ...(await problems(response))];
    if (expected !== undefined) {
      found.push(...meaningProblems(locale, expected, answerOf(response)));
      checked += 1;
    }
    if (found.length > 0) failures.push(`${label}: ${found.join('; ')}`);
  }
  return { failures, checked, sent: requests.length };
}

describe.each(cases)('in %s, in state "%s"', (locale, _name, attributes) => {
  it('every request gets valid, short speech that means what it should; open sessions ask and reprompt', async () => {
    const { failures, checked, sent } = await walkFailures(
      locale,
      attributes,
      (request, given) => invoke(request, { attributes: given }),
      faults,
    );
    expect(failures).toEqual([]);
    // Most of what the walk sends has one right answer: the meaning is checked, not only the form.
    expect(checked).toBeGreaterThan(sent / 2);
  });
});

describe('the walk catches a misspelt content key', () => {
  it.each(misspelt.map(({ language, key }): [string, string] => [key, language]))(
    '%s, misspelt in %s, fails the requests that say it',
    async (key, language) => {
      const broken = await loadMisspeltSkill();
      const handler = broken.skill.lambdaHandler(
        broken.skill.createSkill(new broken.memory.MemoryPersistenceAdapter({ secret: 'walk' })),
      );
      const locale = walkedLocales.find((candidate) => localeLayers[candidate][0] === language);
      if (locale === undefined) throw new Error(`no walked locale speaks ${language}`);
      const { failures } = await walkFailures(
        locale,
        {},
        (request, given) => handler(envelope(request, { attributes: given })),
        broken.faults,
      );
      const sayers = requestsFor(locale).filter(({ expected }) => expected?.key === key);
      expect(sayers.length).toBeGreaterThan(0);
      // English, the fallback language, has every key: a key missing in another language is spoken in English
      // instead, which only the check on the words catches. In English itself, the error handler answers.
      const caught =
        language === defaultLanguage
          ? 'answered by the error handler or the last resort: handler_error (MissingContentError)'
          : `does not speak the words of ${key}`;
      for (const { label } of sayers)
        expect(failures.find((failure) => failure.startsWith(`${label}: `))).toContain(caught);
    },
  );
});

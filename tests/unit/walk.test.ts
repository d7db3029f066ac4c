/**
 * Walks every handler in each conversational state: every intent in the model, with and without
 * slots, from a fresh session and after each kind of offer. Every response must be valid Alexa SSML
 * under 8,000 characters and at most 90 words, and an open one must end with a question and carry a
 * reprompt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, ResponseEnvelope } from 'ask-sdk-model';
import { registry } from '../../lambda/src/content';
import { setLogSink } from '../../lambda/src/log';
import { intentRequest, invoke, launchRequest, repromptOf, speechOf, type SlotInput } from '../helpers/envelopes';
import { MAX_SSML_CHARS, MAX_WORDS, spokenText, ssmlErrors, wordCount } from '../helpers/speech';

interface ModelIntent {
  name: string;
  slots?: { name: string; type: string }[];
}
interface ModelType {
  name: string;
  values: { id: string; name: { value: string } }[];
}

/** One locale per language and region of content: the others share these models and texts. */
const walkedLocales = ['en-US', 'en-GB', 'es-US', 'es-ES'];

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
  ...registry.sections.map((section) => ({ [`offered ${section.id} part 1`]: { topic: section.id, offer: { kind: 'part', section: section.id, part: 1 } } })),
  { 'offered next section': { topic: 'what', offer: { kind: 'section', section: 'prep' } } },
  { 'offered disclaimer part': { topic: 'disclaimer', offer: { kind: 'disclaimer', part: 1 } } },
  { 'mid-tour': { topic: 'prep', offer: { kind: 'tour', section: 'prep', part: 0 }, place: { section: 'prep', part: -1 } } },
  { 'offered the rest of the menu': { topic: 'menu', offer: { kind: 'menu', page: 1 } } },
  { 'after one miss, slow speech': { topic: 'fallback', misses: 1, rate: 70 } },
  { 'fast speech, after a definition': { topic: 'glossary', rate: 130 } },
  { 'after an emergency': { topic: 'emergency', said: 'emergency' } },
  { 'corrupt attributes': { topic: ['x'], offer: 'yes', place: 7, said: { lines: 'no' }, rate: 'fast', misses: -4 } },
];

function requestsFor(locale: string): [string, Request][] {
  const { intents, types } = modelOf(locale);
  const requests: [string, Request][] = [['LaunchRequest', launchRequest(locale)]];
  for (const intent of intents) {
    for (const slots of slotVariants(intent, types)) requests.push([`${intent.name} ${JSON.stringify(slots)}`, intentRequest(intent.name, slots, locale)]);
  }
  return requests;
}

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
    if (reprompt !== '' && spokenText(ssml).endsWith(spokenText(reprompt))) found.push('reprompt only repeats the question');
  }
  return found;
}

let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(() => undefined);
});
afterAll(() => restoreLogs());

const cases = walkedLocales.flatMap((locale) => states.map((state): [string, string, Record<string, unknown>] => [locale, ...Object.entries(state)[0]]));

describe.each(cases)('in %s, in state "%s"', (locale, _name, attributes) => {
  const requests = requestsFor(locale);
  it('every request gets valid, short speech; open sessions ask and reprompt', async () => {
    const failures: string[] = [];
    for (const [label, request] of requests) {
      const found = await problems(await invoke(request, { attributes }));
      if (found.length > 0) failures.push(`${label}: ${found.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });
});

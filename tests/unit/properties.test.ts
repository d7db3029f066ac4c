/**
 * Property-based tests over every request the skill can receive (fast-check). Each run generates
 * envelopes across request types, intents and slots, locales, conversational states, corrupt session
 * attributes and devices with and without screens, and checks the invariants below on the real
 * handler: the form of each answer, and its meaning (tests/helpers/meaning.ts): no generated request is
 * answered by the error handler or the last resort, and a launch, a section, a fact, a term, a symptom or a
 * move is answered with its own move and words. The seed is pinned, and fast-check prints it with the
 * failing case so it can be replayed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import fc from 'fast-check';
import { contentFor } from '../../tools/content';
import { emergencyNumbers, emergencyNumberFor } from '../../lambda/src/emergency/numbers';
import { policyTable } from '../../lambda/src/understanding/triage';
import { isSilentRequest } from '../../lambda/src/handlers/silent';
import { createSkill, lambdaHandler, OtherSkillError } from '../../lambda/src/skill';
import { MemoryPersistenceAdapter } from '../../lambda/src/persistence/memory';
import { isRecord } from '../../lambda/src/json';
import { setLogSink } from '../../lambda/src/log';
import { answerOf, expectedAnswer, FaultWatch, meaningProblems } from '../helpers/meaning';
import { loadMisspeltSkill, misspelt } from '../helpers/misspelt';
import { spokenText, ssmlErrors, MAX_SSML_CHARS } from '../helpers/speech';

const SEED = 20261125;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 10000);
const MAX_RESPONSE_BYTES = 24 * 1024;
const SKILL_ID = 'amzn1.ask.skill.properties';

interface ModelSlot {
  name: string;
  type: string;
}
interface ModelIntent {
  name: string;
  slots?: ModelSlot[];
}
interface ModelType {
  name: string;
  values: { id: string; name: { value: string } }[];
}
const model: { interactionModel: { languageModel: { intents: ModelIntent[]; types: ModelType[] } } } = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'skill-package', 'interactionModels', 'custom', 'en-US.json'), 'utf8'),
);
const { intents, types } = model.interactionModel.languageModel;

/** Lambda hands the skill parsed JSON: build the envelope the same way, from whatever was generated. */
function asEnvelope(json: string): RequestEnvelope {
  return JSON.parse(json);
}

const rareTypes = [
  'CanFulfillIntentRequest',
  'System.ExceptionEncountered',
  'Alexa.Presentation.APL.UserEvent',
  'Connections.Response',
  'Messaging.MessageReceived',
  'AudioPlayer.PlaybackStarted',
  'AudioPlayer.PlaybackFinished',
  'AudioPlayer.PlaybackStopped',
  'AudioPlayer.PlaybackNearlyFinished',
  'AudioPlayer.PlaybackFailed',
  'PlaybackController.PlayCommandIssued',
  'PlaybackController.NextCommandIssued',
  'AlexaSkillEvent.SkillDisabled',
  'AlexaSkillEvent.SkillEnabled',
  'SessionEndedRequest',
  'Some.Future.RequestType',
];

/** A token no content contains: if it shows up in a response, a slot value was echoed. */
const MARKER = 'qzxmarker';

const hostile = fc.constantFrom(
  "<audio src='x'/>",
  '&',
  ']]>',
  '"',
  "'",
  '<speak>',
  '</speak>',
  '&amp;',
  '<break time="10s"/>',
  '\u0000',
  '😀',
  'ﷺ',
  '\u202e',
);
const slotText = fc
  .oneof(
    fc.constant(''),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ minLength: 1000, maxLength: 3000 }),
    fc.array(hostile, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' ')),
  )
  .map((text) => `${text}${MARKER}`);

function valuesOf(type: string): ModelType['values'] {
  return types.find((candidate) => candidate.name === type)?.values ?? [];
}

const resolution = (slotName: string, type: string): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    fc
      .record({
        kind: fc.constant('match'),
        value: fc.constantFrom(
          ...(valuesOf(type).length > 0 ? valuesOf(type) : [{ id: 'none', name: { value: 'none' } }]),
        ),
      })
      .map(({ value }) => ({
        name: slotName,
        value: value.name.value,
        confirmationStatus: 'NONE',
        resolutions: {
          resolutionsPerAuthority: [
            {
              authority: `amzn1.er-authority.echo-sdk.${SKILL_ID}.${type}`,
              status: { code: 'ER_SUCCESS_MATCH' },
              values: [{ value: { name: value.name.value, id: value.id } }],
            },
          ],
        },
      })),
    slotText.map((value) => ({
      name: slotName,
      value,
      confirmationStatus: 'NONE',
      resolutions: {
        resolutionsPerAuthority: [
          { authority: `amzn1.er-authority.echo-sdk.${SKILL_ID}.${type}`, status: { code: 'ER_SUCCESS_NO_MATCH' } },
        ],
      },
    })),
    slotText.map((value) => ({ name: slotName, value })),
    fc.constant({ name: slotName }),
    fc.constant({ name: slotName, value: '' }),
  );

const intentArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .constantFrom<ModelIntent>(...intents, { name: 'RetiredIntent' }, { name: 'AMAZON.PauseIntent' })
  .chain((intent) =>
    fc
      .tuple(...(intent.slots ?? []).map((slot) => fc.option(resolution(slot.name, slot.type), { nil: undefined })))
      .map((slots) => ({
        name: intent.name,
        confirmationStatus: 'NONE',
        slots: Object.fromEntries(
          (intent.slots ?? []).map((slot, index) => [slot.name, slots[index]]).filter(([, slot]) => slot !== undefined),
        ),
      })),
  );

/** A red-flag symptom slipped into any intent at all. */
const emergencySlotIntent = fc
  .tuple(
    fc.constantFrom(...intents.map((intent) => intent.name)),
    fc.constantFrom(...[...policyTable].filter(([, entry]) => entry.grade === 'emergency').map(([id]) => id)),
  )
  .map(([name, id]) => ({
    name,
    confirmationStatus: 'NONE',
    slots: {
      symptom: {
        name: 'symptom',
        value: `symptom ${MARKER}`,
        resolutions: {
          resolutionsPerAuthority: [
            {
              authority: `amzn1.er-authority.echo-sdk.${SKILL_ID}.SYMPTOM`,
              status: { code: 'ER_SUCCESS_MATCH' },
              values: [{ value: { name: id, id } }],
            },
          ],
        },
      },
    },
  }));

const sections = ['what', 'prep', 'process', 'risks'];
const stateArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant({}),
  fc.record(
    {
      topic: fc.constantFrom(
        'welcome',
        'what',
        'prep',
        'process',
        'risks',
        'disclaimer',
        'help',
        'fallback',
        'glossary',
        'rate',
        'menu',
        'emergency',
        'symptom',
      ),
      offer: fc.oneof(
        fc.record({
          kind: fc.constant('part'),
          section: fc.constantFrom(...sections),
          part: fc.integer({ min: 0, max: 3 }),
        }),
        fc.record({ kind: fc.constant('section'), section: fc.constantFrom(...sections) }),
        fc.record({ kind: fc.constant('disclaimer'), part: fc.integer({ min: 0, max: 3 }) }),
        fc.record({
          kind: fc.constant('tour'),
          section: fc.constantFrom(...sections),
          part: fc.integer({ min: -1, max: 3 }),
        }),
        fc.record({ kind: fc.constant('menu'), page: fc.integer({ min: 0, max: 2 }) }),
      ),
      place: fc.record({ section: fc.constantFrom(...sections), part: fc.integer({ min: -1, max: 3 }) }),
      rate: fc.constantFrom(70, 85, 100, 115, 130),
      misses: fc.integer({ min: 0, max: 3 }),
      said: fc.constantFrom('emergency', {
        topic: 'what',
        title: { key: 'skill.name' },
        lines: [{ key: 'sections.what.summary' }],
      }),
      preferences: fc.constantFrom('loaded', 'failed'),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(
    fc.constantFrom('topic', 'offer', 'place', 'said', 'rate', 'misses', 'saved', 'returning', 'preferences', 'extra'),
    fc.anything(),
  ),
);

const locales = [...Object.keys(emergencyNumbers), 'xx-XX', ''];

type Handler = (event: RequestEnvelope) => Promise<ResponseEnvelope>;

/** The skill as deployed: with its skill ID set. */
const handler: Handler = lambdaHandler(createSkill(new MemoryPersistenceAdapter({ secret: 'properties' })), SKILL_ID);

interface Case {
  wrongSkill: boolean;
  type: string;
  intent: Record<string, unknown> | undefined;
  locale: string;
  attributes: unknown;
  apl: boolean;
  newSession: boolean;
  emergencySlot: boolean;
}

const caseArbitrary: fc.Arbitrary<Case> = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        type: fc.constant('IntentRequest'),
        intent: intentArbitrary,
        emergencySlot: fc.constant(false),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('IntentRequest'),
        intent: emergencySlotIntent,
        emergencySlot: fc.constant(true),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('LaunchRequest'),
        intent: fc.constant(undefined),
        emergencySlot: fc.constant(false),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constantFrom(...rareTypes),
        intent: fc.constant(undefined),
        emergencySlot: fc.constant(false),
      }),
    },
  )
  .chain((base) =>
    fc.record({
      type: fc.constant(base.type),
      intent: fc.constant(base.intent),
      emergencySlot: fc.constant(base.emergencySlot),
      locale: fc.constantFrom(...locales),
      attributes: stateArbitrary,
      apl: fc.boolean(),
      newSession: fc.boolean(),
      wrongSkill: fc.integer({ min: 0, max: 19 }).map((draw) => draw === 0),
    }),
  );

function build(generated: Case): RequestEnvelope {
  const application = { applicationId: generated.wrongSkill ? 'amzn1.ask.skill.someone-else' : SKILL_ID };
  const user = { userId: 'amzn1.ask.account.properties' };
  const request: Record<string, unknown> = {
    type: generated.type,
    requestId: 'amzn1.echo-api.request.properties',
    timestamp: '2026-11-25T12:00:00Z',
    locale: generated.locale,
  };
  if (generated.intent !== undefined) request.intent = generated.intent;
  if (generated.type === 'SessionEndedRequest') request.reason = 'USER_INITIATED';
  if (generated.type === 'System.ExceptionEncountered')
    request.error = { type: 'INVALID_RESPONSE', message: `bad ${MARKER}` };
  const session =
    generated.attributes === undefined && generated.newSession
      ? undefined
      : { new: generated.newSession, sessionId: 's', application, user, attributes: generated.attributes };
  const envelope = {
    version: '1.0',
    session,
    context: {
      System: {
        application,
        user,
        device: {
          deviceId: 'd',
          supportedInterfaces: generated.apl ? { 'Alexa.Presentation.APL': { runtime: { maxVersion: '2023.3' } } } : {},
        },
        apiEndpoint: 'https://api.amazonalexa.com',
      },
    },
    request,
  };
  return asEnvelope(JSON.stringify(envelope));
}

/** The id each slot that carries words resolved to (undefined for words the model did not list). */
function slotIdsOf(intent: Record<string, unknown> | undefined): Record<string, string | undefined> {
  const ids: Record<string, string | undefined> = {};
  const slots = intent?.slots;
  if (!isRecord(slots)) return ids;
  for (const [name, slot] of Object.entries(slots)) {
    if (!isRecord(slot) || typeof slot.value !== 'string' || slot.value === '') continue;
    const authorities = isRecord(slot.resolutions) ? slot.resolutions.resolutionsPerAuthority : undefined;
    const first: unknown = Array.isArray(authorities) ? authorities[0] : undefined;
    const matched =
      isRecord(first) &&
      isRecord(first.status) &&
      first.status.code === 'ER_SUCCESS_MATCH' &&
      Array.isArray(first.values);
    const value: unknown = matched && Array.isArray(first.values) ? first.values[0] : undefined;
    ids[name] =
      isRecord(value) && isRecord(value.value) && typeof value.value.id === 'string' ? value.value.id : undefined;
  }
  return ids;
}

/** How many answers had their meaning checked, not only their form. */
let meaningChecked = 0;

async function violations(generated: Case, response: ResponseEnvelope): Promise<string[]> {
  const found: string[] = [];
  const body = response.response;
  const speech = body.outputSpeech;
  const ssml = speech?.type === 'SSML' ? speech.ssml : '';
  const everything = JSON.stringify(response);
  if (Buffer.byteLength(everything) > MAX_RESPONSE_BYTES)
    found.push(`response is ${Buffer.byteLength(everything)} bytes`);
  if (everything.includes(MARKER)) found.push('a slot value was echoed back');
  if (isSilentRequest(generated.type)) {
    if (speech !== undefined || body.reprompt !== undefined || body.card !== undefined)
      found.push(`${generated.type} was answered with speech`);
    return found;
  }
  if (generated.type === 'CanFulfillIntentRequest') {
    if (speech !== undefined) found.push('CanFulfillIntentRequest was answered with speech');
    return found;
  }
  if (ssml === '') return [...found, 'no speech'];
  found.push(...(await ssmlErrors(ssml)));
  if (ssml.length > MAX_SSML_CHARS) found.push(`ssml is ${ssml.length} characters`);
  if (body.shouldEndSession === false && body.reprompt === undefined) found.push('open session without a reprompt');
  if (generated.emergencySlot) {
    const number = emergencyNumberFor(generated.locale);
    const callNow = contentFor(generated.locale).emergency.callNow.replace('{{number}}', number);
    if (!spokenText(ssml).startsWith(callNow)) found.push('an emergency slot did not get the emergency answer');
  } else {
    const name = generated.intent?.name;
    const expected = expectedAnswer(
      generated.type,
      typeof name === 'string' ? name : undefined,
      slotIdsOf(generated.intent),
    );
    if (expected !== undefined) {
      meaningChecked += 1;
      found.push(...meaningProblems(generated.locale, expected, answerOf(response)));
    }
  }
  return found;
}

/** Holds when every generated request gets an answer of the right form and meaning from `target`. */
function everyInvariant(target: Handler, faults: FaultWatch): fc.IAsyncProperty<[Case]> {
  return fc.asyncProperty(caseArbitrary, async (generated) => {
    if (generated.wrongSkill) {
      await target(build(generated)).then(
        () => Promise.reject(new Error('a request for another skill was answered')),
        // The misspelt skill's OtherSkillError is a class of its own module registry: its name says what it is.
        (error: unknown) => {
          if (!(error instanceof Error && error.name === OtherSkillError.name)) throw error;
        },
      );
      faults.take();
      return;
    }
    const response = await target(build(generated));
    const found = [...faults.take(), ...(await violations(generated, response))];
    if (found.length > 0) throw new Error(found.join('; '));
  });
}

const faults = new FaultWatch();
let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(faults.sink);
});
afterAll(() => restoreLogs());

it(`holds every invariant over ${RUNS} generated requests (seed ${SEED})`, async () => {
  const started = Date.now();
  await fc.assert(everyInvariant(handler, faults), { seed: SEED, numRuns: RUNS, endOnFailure: true });
  // Most generated requests have one right answer (an intent of the model, a launch): their meaning was checked.
  expect(meaningChecked).toBeGreaterThan(RUNS / 2);
  console.log(`property suite: ${RUNS} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}`);
}, 120_000);

it(`fails on a skill with ${misspelt.map(({ key, language }) => `${key} misspelt in ${language}`).join(' and ')}`, async () => {
  const broken = await loadMisspeltSkill();
  const target: Handler = broken.skill.lambdaHandler(
    broken.skill.createSkill(new broken.memory.MemoryPersistenceAdapter({ secret: 'properties' })),
    SKILL_ID,
  );
  const details = await fc.check(everyInvariant(target, broken.faults), {
    seed: SEED,
    numRuns: RUNS,
    endOnFailure: true,
  });
  expect(details.failed).toBe(true);
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  expect(cause).toMatch(/answered by the error handler or the last resort|does not speak the words of/);
}, 120_000);

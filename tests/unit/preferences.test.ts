/**
 * Preferences that outlive the session: what is remembered, the welcome back, "forget my settings",
 * storage faults, and the redacted log.
 */
import { storedText, toStored } from '../../lambda/src/preferences';
import { RATES } from '../../lambda/src/speech/rate';
import { contentFor } from '../../tools/content';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { Request, RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { createSkill, lambdaHandler } from '../../lambda/src/skill';
import { setLogSink } from '../../lambda/src/log';
import { DynamoDbPersistenceAdapter, dynamoDbClientFromEnv } from '../../lambda/src/persistence/dynamodb';
import { userKey } from '../../lambda/src/persistence/key';
import { MemoryPersistenceAdapter } from '../../lambda/src/persistence/memory';
import { localDynamo, slowNetwork, type LocalDynamo } from '../helpers/dynalite';
import {
  envelope,
  intentRequest,
  launchRequest,
  repromptOf,
  speechOf,
  topicOf,
  type EnvelopeOptions,
} from '../helpers/envelopes';
import { spokenText } from '../helpers/speech';

const SECRET = 'preferences-test-secret';
const USER = 'amzn1.ask.account.preferences-listener';

const logged: string[] = [];
let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink((line) => logged.push(line));
});
afterAll(() => restoreLogs());
beforeEach(() => {
  logged.length = 0;
});

/** A listener talking to one skill across several sessions, carrying session attributes like Alexa does. */
class Listener {
  private attributes: Record<string, unknown> = {};
  private readonly handler: (event: RequestEnvelope) => Promise<ResponseEnvelope>;

  constructor(
    readonly store: PersistenceAdapter,
    private readonly options: EnvelopeOptions = {},
  ) {
    this.handler = lambdaHandler(createSkill(store));
  }

  async open(): Promise<ResponseEnvelope> {
    this.attributes = {};
    return this.send(launchRequest(), true);
  }

  async say(intent: string, slots: Parameters<typeof intentRequest>[1] = {}): Promise<ResponseEnvelope> {
    return this.send(intentRequest(intent, slots), false);
  }

  private async send(request: Request, newSession: boolean): Promise<ResponseEnvelope> {
    const response = await this.handler(
      envelope(request, { userId: USER, ...this.options, attributes: this.attributes, newSession }),
    );
    this.attributes = response.sessionAttributes ?? {};
    return response;
  }
}

function rateOf(ssml: string): number {
  const match = /<prosody rate="(\d+)%">/.exec(ssml);
  return match === null ? 100 : Number(match[1]);
}

async function stored(store: PersistenceAdapter): Promise<Record<string, unknown>> {
  return store.getAttributes(envelope(launchRequest(), { userId: USER }));
}

describe('what is remembered', () => {
  it('a slower rate is heard at once in the next session, reprompt included', async () => {
    const listener = new Listener(new MemoryPersistenceAdapter({ secret: SECRET }));
    await listener.open();
    await listener.say('SlowerIntent');
    await listener.say('AMAZON.StopIntent');
    const next = await listener.open();
    expect(rateOf(speechOf(next))).toBe(RATES[RATES.indexOf(100) - 1]);
    expect(rateOf(repromptOf(next))).toBe(RATES[RATES.indexOf(100) - 1]);
  });

  it('stores only the rate, the place, the disclaimer flag and the date of the visit', async () => {
    const store = new MemoryPersistenceAdapter({ secret: SECRET });
    const listener = new Listener(store);
    await listener.open();
    await listener.say('SymptomReportIntent', { symptom: { value: 'a sore back', id: 'soreness' } });
    await listener.say('PrepareIntent');
    await listener.say('DisclaimerIntent');
    await listener.say('AMAZON.YesIntent');
    await listener.say('AMAZON.YesIntent');
    const saved = await stored(store);
    expect(Object.keys(saved).sort()).toEqual([
      'fullDisclaimerHeard',
      'lastPart',
      'lastSection',
      'lastVisit',
      'rate',
      'version',
    ]);
    expect(saved.fullDisclaimerHeard).toBe(true);
    expect(saved.lastSection).toBe('prep');
    expect(saved.lastVisit).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(saved)).not.toMatch(/sore|soreness/);
  });
});

describe('welcome back', () => {
  it('offers to carry on where the listener stopped mid-way, and "yes" does', async () => {
    const listener = new Listener(new MemoryPersistenceAdapter({ secret: SECRET }));
    await listener.open();
    await listener.say('PrepareIntent');
    await listener.say('AMAZON.StopIntent');
    const back = await listener.open();
    const heard = spokenText(speechOf(back));
    expect(heard).toContain('Welcome back');
    expect(heard).toContain('not medical advice');
    expect(heard).toContain('Last time we talked about how to get ready. Shall we carry on, or hear the menu?');
    const carried = await listener.say('AMAZON.YesIntent');
    expect(topicOf(carried)).toBe('prep');
  });

  it('does not offer to carry on a section that was heard to the end', async () => {
    const listener = new Listener(new MemoryPersistenceAdapter({ secret: SECRET }));
    await listener.open();
    await listener.say('RisksIntent');
    const parts = contentFor('en-US').sections.risks.parts.length;
    for (let heard = 0; heard < parts; heard += 1) await listener.say('AMAZON.YesIntent');
    await listener.say('AMAZON.StopIntent');
    const heard = spokenText(speechOf(await listener.open()));
    expect(heard).toContain('Welcome back');
    expect(heard).not.toContain('Last time');
  });
});

describe('forget my settings', () => {
  it('deletes everything stored, says so, and the next visit is a first one', async () => {
    const store = new MemoryPersistenceAdapter({ secret: SECRET });
    const listener = new Listener(store);
    await listener.open();
    await listener.say('SlowerIntent');
    const forgot = await listener.say('ForgetSettingsIntent');
    expect(spokenText(speechOf(forgot))).toContain("I've forgotten your settings");
    expect(rateOf(speechOf(forgot))).toBe(100);
    expect(topicOf(forgot)).toBe('settings');
    expect(await stored(store)).toEqual({});
    await listener.say('AMAZON.StopIntent');
    const next = await listener.open();
    expect(spokenText(speechOf(next))).toContain('Welcome to Spine Care Guide');
    expect(rateOf(speechOf(next))).toBe(100);
  });
});

/** A store that fails in a chosen way, and counts the calls made to it. */
class FaultyStore implements PersistenceAdapter {
  calls = 0;
  constructor(
    private readonly fault: 'slow' | 'down' | 'throttled' | 'corrupt',
    private readonly inner = new MemoryPersistenceAdapter({ secret: SECRET }),
  ) {}

  async getAttributes(request: RequestEnvelope): Promise<Record<string, unknown>> {
    this.calls += 1;
    if (this.fault === 'slow') await new Promise((resolve) => setTimeout(resolve, 2000));
    if (this.fault === 'down')
      throw Object.assign(new Error('connect ECONNREFUSED stored-secret-rate-85'), { name: 'NetworkingError' });
    if (this.fault === 'throttled')
      throw Object.assign(new Error('Rate exceeded for stored-secret-rate-85'), { name: 'ThrottlingException' });
    if (this.fault === 'corrupt')
      return { rate: 'stored-secret-rate-85', lastSection: 42, fullDisclaimerHeard: 'yes', lastVisit: '<speak>' };
    return this.inner.getAttributes(request);
  }

  async saveAttributes(request: RequestEnvelope, attributes: Record<string, unknown>): Promise<void> {
    this.calls += 1;
    return this.inner.saveAttributes(request, attributes);
  }

  async deleteAttributes(request: RequestEnvelope): Promise<void> {
    this.calls += 1;
    return this.inner.deleteAttributes(request);
  }
}

describe.each(['slow', 'down', 'throttled', 'corrupt'] as const)('when storage is %s', (fault) => {
  it('the skill answers with defaults, logs one redacted warning, and never echoes stored content', async () => {
    const listener = new Listener(new FaultyStore(fault));
    const started = Date.now();
    const launch = await listener.open();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(spokenText(speechOf(launch))).toContain('Welcome to Spine Care Guide');
    expect(rateOf(speechOf(launch))).toBe(100);
    const warnings = logged.filter((line) => line.includes('"warn"'));
    expect(warnings).toHaveLength(1);
    expect(logged.join('\n')).not.toContain('stored-secret');
    expect(speechOf(launch)).not.toContain('stored-secret');
  });
});

describe('a session whose load failed never saves', () => {
  it('so a stored slower rate is not overwritten with the default', async () => {
    const inner = new MemoryPersistenceAdapter({ secret: SECRET });
    await inner.saveAttributes(envelope(launchRequest(), { userId: USER }), {
      version: 1,
      rate: 70,
      fullDisclaimerHeard: false,
    });
    const listener = new Listener(new FaultyStore('down', inner));
    await listener.open();
    await listener.say('FasterIntent');
    expect((await stored(inner)).rate).toBe(70);
  });
});

describe('the emergency answer never touches storage', () => {
  it('makes no call to the store, even mid-session', async () => {
    const store = new FaultyStore('slow');
    const handler = lambdaHandler(createSkill(store));
    const response = await handler(envelope(intentRequest('EmergencyIntent'), { userId: USER, newSession: true }));
    expect(spokenText(speechOf(response)).startsWith('Call 911 now.')).toBe(true);
    expect(store.calls).toBe(0);
  });
});

describe('on a real DynamoDB API (dynalite)', () => {
  const TABLE = 'preferences-skill';
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await localDynamo(TABLE);
  });
  afterAll(async () => dynamo.close());

  it('keeps the rate across sessions', async () => {
    const store = new DynamoDbPersistenceAdapter({ tableName: TABLE, client: dynamo.client, secret: SECRET });
    const listener = new Listener(store);
    await listener.open();
    await listener.say('SlowerIntent');
    expect(rateOf(speechOf(await listener.open()))).toBe(RATES[RATES.indexOf(100) - 1]);
  });

  it('a missing table gives defaults and one warning', async () => {
    const listener = new Listener(
      new DynamoDbPersistenceAdapter({ tableName: 'no-such-table', client: dynamo.client, secret: SECRET }),
    );
    const launch = await listener.open();
    expect(spokenText(speechOf(launch))).toContain('Welcome to Spine Care Guide');
    const warnings = logged.filter((line) => line.includes('preferences_load_failed'));
    expect(warnings).toHaveLength(1);
    // DynamoDB's own name for the fault, and nothing of the request.
    expect(JSON.parse(warnings[0])).toMatchObject({ level: 'warn', error: 'ResourceNotFoundException' });
  });

  it('a corrupt item gives defaults and one warning that does not echo it', async () => {
    const id = userKey(envelope(launchRequest(), { userId: USER }), 'corrupt-secret');
    await dynamo.putRaw(TABLE, { id: { S: id }, attributes: { S: 'stored-secret-garbage' } });
    const listener = new Listener(
      new DynamoDbPersistenceAdapter({ tableName: TABLE, client: dynamo.client, secret: 'corrupt-secret' }),
    );
    const launch = await listener.open();
    expect(rateOf(speechOf(launch))).toBe(100);
    expect(logged.filter((line) => line.includes('preferences_load_failed'))).toHaveLength(1);
    expect(logged.join('\n')).not.toContain('stored-secret');
  });

  it('"forget my settings" stays forgotten when the save of the turn before lands after it', async () => {
    const network = await slowNetwork(dynamo.endpoint);
    try {
      const client = dynamoDbClientFromEnv({ ...dynamo.env, AWS_ENDPOINT_URL_DYNAMODB: network.endpoint });
      const store = new DynamoDbPersistenceAdapter({ tableName: TABLE, client, secret: 'forget-late-save' });
      const listener = new Listener(store);
      await listener.open();
      const held = network.holdNext('PutItem');
      // The save of "slower" is held on the network past its budget; the turn answers without it.
      await listener.say('SlowerIntent');
      await held.arrived;
      expect(logged.filter((line) => line.includes('preferences_save_failed'))).toHaveLength(1);
      expect(spokenText(speechOf(await listener.say('ForgetSettingsIntent')))).toMatch(/forgotten/i);
      await held.release();
      await expect(stored(store)).resolves.toEqual({});
      expect(rateOf(speechOf(await listener.open()))).toBe(100);
    } finally {
      await network.close();
    }
  });

  it('the rate chosen last is the one kept when an older save lands after it (two steps down, not one)', async () => {
    const network = await slowNetwork(dynamo.endpoint);
    try {
      const client = dynamoDbClientFromEnv({ ...dynamo.env, AWS_ENDPOINT_URL_DYNAMODB: network.endpoint });
      const store = new DynamoDbPersistenceAdapter({ tableName: TABLE, client, secret: 'older-save-last' });
      const listener = new Listener(store);
      await listener.open();
      const held = network.holdNext('PutItem');
      await listener.say('SlowerIntent');
      await held.arrived;
      await listener.say('SlowerIntent');
      await held.release();
      const twoDown = RATES[RATES.indexOf(100) - 2];
      expect((await stored(store)).rate).toBe(twoDown);
      expect(rateOf(speechOf(await listener.open()))).toBe(twoDown);
    } finally {
      await network.close();
    }
  });

  it('two devices saving for the same user at once leave a valid item', async () => {
    const store = new DynamoDbPersistenceAdapter({ tableName: TABLE, client: dynamo.client, secret: 'two-devices' });
    const kitchen = new Listener(store);
    const bedroom = new Listener(store);
    await Promise.all([kitchen.open(), bedroom.open()]);
    await Promise.all([kitchen.say('SlowerIntent'), bedroom.say('FasterIntent')]);
    const saved = await store.getAttributes(envelope(launchRequest(), { userId: USER }));
    expect([RATES[RATES.indexOf(100) - 1], RATES[RATES.indexOf(100) + 1]]).toContain(saved.rate);
    expect(saved.version).toBe(1);
  });
});

describe('the log carries no user ID, device ID, token or slot value', () => {
  it('finds none of the sentinels in anything logged', async () => {
    const sentinels = [
      'SENTINEL-USER-7f3a',
      'SENTINEL-DEVICE-91bc',
      'SENTINEL-TOKEN-55d0',
      'SENTINEL-SLOT-2e8f',
      'SENTINEL-SESSION-c4a1',
    ];
    const store = new FaultyStore('down');
    const handler = lambdaHandler(createSkill(store));
    const requests: Request[] = [
      launchRequest(),
      intentRequest('GlossaryIntent', { term: { value: sentinels[3] } }),
      intentRequest('SymptomReportIntent', { symptom: { value: sentinels[3] }, bodyPart: { value: sentinels[3] } }),
      intentRequest('EmergencyIntent', { bodyPart: { value: sentinels[3] } }),
      intentRequest('NoSuchIntent', { anything: { value: sentinels[3] } }),
    ];
    for (const request of requests) {
      const base = envelope(request, { userId: sentinels[0] });
      const event: RequestEnvelope = {
        ...base,
        session:
          base.session === undefined
            ? undefined
            : { ...base.session, sessionId: sentinels[4], user: { userId: sentinels[0], accessToken: sentinels[2] } },
        context: {
          ...base.context,
          System: {
            ...base.context.System,
            apiAccessToken: sentinels[2],
            user: { userId: sentinels[0], accessToken: sentinels[2] },
            device: { deviceId: sentinels[1], supportedInterfaces: {} },
          },
        },
      };
      await handler(event);
    }
    expect(logged.length).toBeGreaterThanOrEqual(requests.length);
    const everything = logged.join('\n');
    for (const sentinel of sentinels) expect([sentinel, everything.includes(sentinel)]).toEqual([sentinel, false]);
  });
});

describe("the session's note of what was saved", () => {
  it('is a different line for every stored form, so that any change is saved', () => {
    const forms = RATES.flatMap((rate) =>
      [undefined, 'soft', 'loud'].flatMap((volume) =>
        [
          undefined,
          { section: 'risks', part: -1 },
          { section: 'risks', part: 0 },
          { section: 'what', part: 0 },
        ].flatMap((last) =>
          [false, true].flatMap((fullDisclaimerHeard) =>
            [undefined, '2026-12-06', '2026-12-07'].map((lastVisit) =>
              toStored({ rate, volume, last, fullDisclaimerHeard, lastVisit }),
            ),
          ),
        ),
      ),
    );
    const lines = new Set(forms.map(storedText));
    expect(new Set(forms.map((form) => JSON.stringify(form))).size).toBe(forms.length);
    expect(lines.size).toBe(forms.length);
  });
});

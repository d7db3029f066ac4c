/**
 * The skill on the server's SQLite store, as two workers run it: each with its own connection to one
 * file. A turn that changes none of the listener's preferences (the launch of a listener who was here
 * earlier today, "help") writes nothing. Under load that is most turns, so no write is waited for on
 * them; and it is what the stamped store needs: the skill saves the whole of what it loaded, so an
 * unchanged save, stamped newer, would land over a change made meanwhile on another worker (or
 * another device) and undo it, or bring back preferences the listener had just asked to forget.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Request, RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { createSkill, lambdaHandler } from '../../lambda/src/skill';
import { setLogSink } from '../../lambda/src/log';
import { SqlitePersistenceAdapter } from '../../server/sqlite';
import { envelope, intentRequest, launchRequest } from '../helpers/envelopes';

const SECRET = 'server-preferences-test-secret';
const USER = 'amzn1.ask.account.server-preferences';

let dir: string;
let file: string;
let workers: SqlitePersistenceAdapter[];
let restoreLogs: () => void;
/** Stamps from one counter shared by both workers: every write has its own, later than the one before. */
let clock: number;

beforeEach(() => {
  // The skill stores the day of the last visit: a fixed day, so the test cannot cross midnight.
  jest.useFakeTimers({
    now: new Date('2026-03-02T12:00:00Z'),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  restoreLogs = setLogSink(() => undefined);
  dir = mkdtempSync(join(tmpdir(), 'server-preferences-'));
  file = join(dir, 'preferences.sqlite');
  clock = 1_000;
  const now = (): number => (clock += 1);
  workers = [
    new SqlitePersistenceAdapter({ file, secret: SECRET, now }),
    new SqlitePersistenceAdapter({ file, secret: SECRET, now }),
  ];
});

afterEach(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  rmSync(dir, { recursive: true, force: true });
  restoreLogs();
  jest.useRealTimers();
});

/** A session on one worker, carrying its session attributes as Alexa does. */
class Session {
  private attributes: Record<string, unknown> = {};
  private readonly handler: (event: RequestEnvelope) => Promise<ResponseEnvelope>;

  constructor(worker: SqlitePersistenceAdapter) {
    this.handler = lambdaHandler(createSkill(worker), undefined);
  }

  open(): Promise<ResponseEnvelope> {
    return this.send(launchRequest(), true);
  }

  say(intent: string): Promise<ResponseEnvelope> {
    return this.send(intentRequest(intent), false);
  }

  private async send(request: Request, newSession: boolean): Promise<ResponseEnvelope> {
    const response = await this.handler(envelope(request, { userId: USER, attributes: this.attributes, newSession }));
    this.attributes = response.sessionAttributes ?? {};
    return response;
  }
}

/** The listener's one row, as the file holds it. */
function row(): { attributes: string; stamp: number } {
  const db = new Database(file, { readonly: true });
  try {
    const found = db
      .prepare<[], { attributes: string; stamp: number }>('SELECT attributes, stamp FROM preferences')
      .all();
    expect(found).toHaveLength(1);
    return found[0];
  } finally {
    db.close();
  }
}

function rateOf(response: ResponseEnvelope): number {
  const ssml = response.response.outputSpeech?.type === 'SSML' ? response.response.outputSpeech.ssml : '';
  const match = /<prosody rate="(\d+)%">/.exec(ssml);
  return match === null ? 100 : Number(match[1]);
}

it('saves a first visit, and writes nothing for a launch later the same day, on either worker', async () => {
  const [one, two] = workers;
  await new Session(one).open();
  const first = row();
  expect(JSON.parse(first.attributes)).toMatchObject({ rate: 100, lastVisit: '2026-03-02' });
  await new Session(one).open();
  await new Session(two).open();
  const again = new Session(two);
  await again.open();
  await again.say('AMAZON.HelpIntent');
  expect(row()).toEqual(first);
});

it('keeps a slower rate chosen on one worker while a session on the other, opened before it, changes nothing', async () => {
  const [one, two] = workers;
  await new Session(one).open();
  const earlier = new Session(one);
  expect(rateOf(await earlier.open())).toBe(100);
  const slower = new Session(two);
  await slower.open();
  await slower.say('SlowerIntent');
  const chosen = row();
  expect(JSON.parse(chosen.attributes)).toMatchObject({ rate: 90 });
  await earlier.say('AMAZON.HelpIntent');
  expect(row()).toEqual(chosen);
  expect(rateOf(await new Session(one).open())).toBe(90);
});

it('keeps preferences forgotten on one worker while a session on the other, opened before, changes nothing', async () => {
  const [one, two] = workers;
  const slower = new Session(one);
  await slower.open();
  await slower.say('SlowerIntent');
  const earlier = new Session(one);
  expect(rateOf(await earlier.open())).toBe(90);
  const forgetting = new Session(two);
  await forgetting.open();
  await forgetting.say('ForgetSettingsIntent');
  const forgotten = row();
  expect(JSON.parse(forgotten.attributes)).toEqual({});
  await earlier.say('AMAZON.HelpIntent');
  expect(row()).toEqual(forgotten);
});

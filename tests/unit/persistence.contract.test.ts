/**
 * One contract for every preference store: memory, SQLite (a temp file) and DynamoDB (dynalite, an
 * in-process DynamoDB on loopback). No mocks: each adapter talks to the real thing. Every test uses
 * users of its own, so the stores are shared across tests without cleanup between them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import Database from 'better-sqlite3';
import {
  DynamoDbPersistenceAdapter,
  dynamoDbAdapterFromEnv,
  dynamoDbClientFromEnv,
} from '../../lambda/src/persistence/dynamodb';
import { CorruptPreferencesError, MissingSecretError, userKey, type Clock } from '../../lambda/src/persistence/key';
import { MemoryPersistenceAdapter } from '../../lambda/src/persistence/memory';
import { SqlitePersistenceAdapter } from '../../server/sqlite';
import { localDynamo, slowNetwork, type LocalDynamo } from '../helpers/dynalite';
import { EVERY_TYPE, SAVED, TOMBSTONE } from '../helpers/storedByAwsLite';
import { envelope, launchRequest } from '../helpers/envelopes';

const SECRET = 'contract-secret';
const TABLE = 'preferences';

let users = 0;

/** A launch envelope for a user no other test uses; the userId is in both the context and the session. */
function newUser(): { userId: string; request: RequestEnvelope } {
  users += 1;
  const userId = `amzn1.ask.account.contract-user-${users}`;
  const base = envelope(launchRequest(), { userId: 'amzn1.ask.account.test' });
  const user = { userId };
  const { session } = base;
  return {
    userId,
    request: {
      ...base,
      context: { ...base.context, System: { ...base.context.System, user } },
      ...(session === undefined ? {} : { session: { ...session, user } }),
    },
  };
}

let dynamo: LocalDynamo;
let directory: string;
let sqliteFile: string;
let sqlite: SqlitePersistenceAdapter;

beforeAll(async () => {
  dynamo = await localDynamo(TABLE);

  directory = mkdtempSync(join(tmpdir(), 'preferences-contract-'));
  sqliteFile = join(directory, 'preferences.sqlite');
  sqlite = new SqlitePersistenceAdapter({ file: sqliteFile, secret: SECRET });
});

afterAll(async () => {
  await sqlite?.close();
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  await dynamo?.close();
});

interface Store {
  adapter: PersistenceAdapter;
  /** Every stored row or item as text, read past the adapter. */
  storedText: () => Promise<string>;
}

const memory = new MemoryPersistenceAdapter({ secret: SECRET });

const stores: [string, () => PersistenceAdapter][] = [
  ['memory', () => memory],
  ['SQLite', () => sqlite],
  ['DynamoDB', () => new DynamoDbPersistenceAdapter({ tableName: TABLE, client: dynamo.client, secret: SECRET })],
];

/**
 * Each store again, with a clock the test sets: what a write is stamped with. Two adapters on one
 * SQLite file are two processes sharing it; memory has one adapter per test.
 */
const clockedStores: [string, (now: Clock) => PersistenceAdapter & { close?: () => void }][] = [
  ['memory', (now) => new MemoryPersistenceAdapter({ secret: SECRET, now })],
  ['SQLite', (now) => new SqlitePersistenceAdapter({ file: sqliteFile, secret: SECRET, now })],
  [
    'DynamoDB',
    (now) => new DynamoDbPersistenceAdapter({ tableName: TABLE, client: dynamo.client, secret: SECRET, now }),
  ],
];

const durableStores: [string, () => Store][] = [
  [
    'SQLite',
    () => ({
      adapter: sqlite,
      storedText: async () => {
        const reader = new Database(sqliteFile, { readonly: true });
        try {
          return JSON.stringify(reader.prepare('SELECT * FROM preferences').all());
        } finally {
          reader.close();
        }
      },
    }),
  ],
  [
    'DynamoDB',
    () => ({
      adapter: new DynamoDbPersistenceAdapter({ tableName: TABLE, client: dynamo.client, secret: SECRET }),
      storedText: async () => JSON.stringify(await dynamo.scan(TABLE)),
    }),
  ],
];

const preferences = {
  version: 1,
  rate: 85,
  fullDisclaimerHeard: true,
  lastSection: 'prep',
  lastPart: 0,
  negative: -1.5,
  empty: '',
  nested: { place: { section: 'risks', part: -1 }, flags: [true, false], label: 'two words' },
};

describe.each(stores)('the %s preference store', (_, make) => {
  let adapter: PersistenceAdapter;
  beforeAll(() => {
    adapter = make();
  });

  it('returns {} for a user with nothing stored', async () => {
    await expect(adapter.getAttributes(newUser().request)).resolves.toEqual({});
  });

  it('round-trips numbers, booleans, strings and nested objects', async () => {
    const { request } = newUser();
    await adapter.saveAttributes(request, preferences);
    await expect(adapter.getAttributes(request)).resolves.toEqual(preferences);
  });

  it('returns a copy, not the saved object', async () => {
    const { request } = newUser();
    const saved = { rate: 100, nested: { part: 1 } };
    await adapter.saveAttributes(request, saved);
    saved.nested.part = 2;
    const loaded = await adapter.getAttributes(request);
    loaded.rate = 0;
    await expect(adapter.getAttributes(request)).resolves.toEqual({ rate: 100, nested: { part: 1 } });
  });

  it('overwrites on a second save, keeping nothing of the first', async () => {
    const { request } = newUser();
    await adapter.saveAttributes(request, preferences);
    await adapter.saveAttributes(request, { rate: 100 });
    await expect(adapter.getAttributes(request)).resolves.toEqual({ rate: 100 });
  });

  it('deletes, after which a get returns {}', async () => {
    const { request } = newUser();
    await adapter.saveAttributes(request, preferences);
    await adapter.deleteAttributes?.(request);
    await expect(adapter.getAttributes(request)).resolves.toEqual({});
  });

  it('keeps two users apart', async () => {
    const first = newUser().request;
    const second = newUser().request;
    await adapter.saveAttributes(first, { rate: 70 });
    await adapter.saveAttributes(second, { rate: 115 });
    await adapter.deleteAttributes?.(first);
    await expect(adapter.getAttributes(first)).resolves.toEqual({});
    await expect(adapter.getAttributes(second)).resolves.toEqual({ rate: 115 });
  });

  it('leaves one valid value after 20 concurrent saves for the same user', async () => {
    const { request } = newUser();
    const values = Array.from({ length: 20 }, (__, index) => ({
      rate: 70 + index,
      lastPart: index,
      nested: { index },
    }));
    await Promise.all(values.map((value) => adapter.saveAttributes(request, value)));
    expect(values).toContainEqual(await adapter.getAttributes(request));
  });
});

describe.each(clockedStores)('writes to the %s store cannot go backwards', (_, make) => {
  let now = 0;
  let adapter: PersistenceAdapter & { close?: () => void };
  beforeEach(() => {
    adapter = make(() => now);
  });
  afterEach(() => adapter.close?.());

  it('keeps the newer save when an older one arrives after it', async () => {
    const { request } = newUser();
    now = 2_000;
    await adapter.saveAttributes(request, { rate: 70 });
    now = 1_000;
    await adapter.saveAttributes(request, { rate: 85 });
    await expect(adapter.getAttributes(request)).resolves.toEqual({ rate: 70 });
  });

  it('keeps the newest of 20 concurrent saves, whatever order they land in', async () => {
    const { request } = newUser();
    const values = Array.from({ length: 20 }, (__, index) => ({ rate: 70 + index, lastPart: index }));
    // The newest is started first, so on a store that lets the last arrival win it would be overwritten.
    await Promise.all(
      values.map((value, index) => {
        now = 10_000 - index;
        return adapter.saveAttributes(request, value);
      }),
    );
    await expect(adapter.getAttributes(request)).resolves.toEqual(values[0]);
  });

  it('keeps a forget when a save made before it arrives after it', async () => {
    const { request } = newUser();
    now = 1_000;
    await adapter.saveAttributes(request, { rate: 115 });
    now = 3_000;
    await adapter.deleteAttributes?.(request);
    now = 2_000;
    await adapter.saveAttributes(request, { rate: 85 });
    await expect(adapter.getAttributes(request)).resolves.toEqual({});
  });

  it('forgets even preferences stamped later than the forget', async () => {
    const { request } = newUser();
    now = 5_000;
    await adapter.saveAttributes(request, { rate: 115 });
    now = 4_000;
    await adapter.deleteAttributes?.(request);
    await expect(adapter.getAttributes(request)).resolves.toEqual({});
  });

  it('saves what is set after a forget', async () => {
    const { request } = newUser();
    now = 1_000;
    await adapter.deleteAttributes?.(request);
    now = 2_000;
    await adapter.saveAttributes(request, { rate: 130 });
    await expect(adapter.getAttributes(request)).resolves.toEqual({ rate: 130 });
  });
});

/** Resolves after `ms`, so that two writes in a test are made in different milliseconds. */
const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the DynamoDB store, when a write is held up on the network', () => {
  it('does not let an older save that lands last overwrite a newer one (the listener chose 70, 85 stayed)', async () => {
    const network = await slowNetwork(dynamo.endpoint);
    try {
      const adapter = new DynamoDbPersistenceAdapter({
        tableName: TABLE,
        client: dynamoDbClientFromEnv({ ...dynamo.env, AWS_ENDPOINT_URL_DYNAMODB: network.endpoint }),
        secret: SECRET,
      });
      const { request } = newUser();
      const held = network.holdNext('PutItem');
      const slow = adapter.saveAttributes(request, { rate: 85 });
      await held.arrived;
      await later(5);
      await adapter.saveAttributes(request, { rate: 70 });
      await held.release();
      await slow;
      await expect(adapter.getAttributes(request)).resolves.toEqual({ rate: 70 });
    } finally {
      await network.close();
    }
  });

  it('does not let a save that lands after "forget my settings" bring the settings back', async () => {
    const network = await slowNetwork(dynamo.endpoint);
    try {
      const adapter = new DynamoDbPersistenceAdapter({
        tableName: TABLE,
        client: dynamoDbClientFromEnv({ ...dynamo.env, AWS_ENDPOINT_URL_DYNAMODB: network.endpoint }),
        secret: SECRET,
      });
      const { request } = newUser();
      await adapter.saveAttributes(request, { rate: 100 });
      const held = network.holdNext('PutItem');
      const slow = adapter.saveAttributes(request, { rate: 85 });
      await held.arrived;
      await later(5);
      await adapter.deleteAttributes(request);
      await held.release();
      await slow;
      await expect(adapter.getAttributes(request)).resolves.toEqual({});
    } finally {
      await network.close();
    }
  });

  it('replaces an item written before stamps existed', async () => {
    const { request } = newUser();
    await dynamo.putRaw(TABLE, {
      id: { S: userKey(request, SECRET) },
      attributes: { M: { rate: { N: '70' } } },
      updatedAt: { S: '2026-01-01T00:00:00.000Z' },
    });
    const adapter = new DynamoDbPersistenceAdapter({ tableName: TABLE, client: dynamo.client, secret: SECRET });
    await expect(adapter.getAttributes(request)).resolves.toEqual({ rate: 70 });
    await adapter.saveAttributes(request, { rate: 85 });
    await expect(adapter.getAttributes(request)).resolves.toEqual({ rate: 85 });
  });
});

describe('the DynamoDB store, on items its aws-lite client wrote', () => {
  const adapter = (now?: Clock): DynamoDbPersistenceAdapter =>
    new DynamoDbPersistenceAdapter({ tableName: TABLE, client: dynamo.client, secret: SECRET, now });

  /** The fixture's item, keyed for a new user, written as aws-lite wrote it. */
  async function storedByAwsLite(typed: Record<string, unknown>): Promise<RequestEnvelope> {
    const { request } = newUser();
    await dynamo.putRaw(TABLE, { ...typed, id: { S: userKey(request, SECRET) } });
    return request;
  }

  it.each([
    ['saved preferences', SAVED],
    ['every JSON type', EVERY_TYPE],
  ])('reads %s back as they were saved', async (_, { plain, typed }) => {
    const request = await storedByAwsLite(typed);
    await expect(adapter().getAttributes(request)).resolves.toEqual(plain.attributes);
  });

  it('reads a tombstone as nothing stored, and keeps it over an older save', async () => {
    const request = await storedByAwsLite(TOMBSTONE.typed);
    await expect(adapter().getAttributes(request)).resolves.toEqual({});
    await adapter(() => TOMBSTONE.plain.stamp - 1).saveAttributes(request, { rate: 85 });
    await expect(adapter().getAttributes(request)).resolves.toEqual({});
  });

  it('keeps a stamped item over an older save, and takes a newer one', async () => {
    const request = await storedByAwsLite(SAVED.typed);
    await adapter(() => SAVED.plain.stamp - 1).saveAttributes(request, { rate: 70 });
    await expect(adapter().getAttributes(request)).resolves.toEqual(SAVED.plain.attributes);
    await adapter(() => SAVED.plain.stamp + 1).saveAttributes(request, { rate: 70 });
    await expect(adapter().getAttributes(request)).resolves.toEqual({ rate: 70 });
  });

  it('writes an item as aws-lite wrote it', async () => {
    const { request } = newUser();
    const id = userKey(request, SECRET);
    await adapter(() => SAVED.plain.stamp).saveAttributes(request, SAVED.plain.attributes);
    const items = await dynamo.scan(TABLE);
    expect(items).toContainEqual({ ...SAVED.typed, id: { S: id } });
  });
});

describe('a SQLite file made before stamps existed', () => {
  it('keeps its rows readable, and takes new saves over them', async () => {
    const file = join(directory, 'before-stamps.sqlite');
    const { request } = newUser();
    const old = new Database(file);
    old.exec('CREATE TABLE preferences (id TEXT PRIMARY KEY, attributes TEXT NOT NULL, updated_at TEXT NOT NULL)');
    old
      .prepare('INSERT INTO preferences VALUES (?, ?, ?)')
      .run(userKey(request, SECRET), '{"rate":70}', '2026-01-01T00:00:00.000Z');
    old.close();
    const adapter = new SqlitePersistenceAdapter({ file, secret: SECRET });
    try {
      await expect(adapter.getAttributes(request)).resolves.toEqual({ rate: 70 });
      await adapter.saveAttributes(request, { rate: 85 });
      await expect(adapter.getAttributes(request)).resolves.toEqual({ rate: 85 });
    } finally {
      await adapter.close();
    }
  });
});

describe.each(durableStores)('what the %s store writes', (_, make) => {
  it('is keyed by userKey and never contains the raw userId', async () => {
    const { adapter, storedText } = make();
    const { userId, request } = newUser();
    await adapter.saveAttributes(request, preferences);
    const text = await storedText();
    expect(text).toContain(userKey(request, SECRET));
    expect(text).not.toContain(userId);
    expect(text).not.toContain('amzn1.ask.account');
  });
});

describe('the DynamoDB store with a missing table', () => {
  const adapter = (): PersistenceAdapter =>
    new DynamoDbPersistenceAdapter({ tableName: 'no-such-table', client: dynamo.client, secret: SECRET });

  it('rejects a get', async () => {
    await expect(adapter().getAttributes(newUser().request)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('rejects a save', async () => {
    await expect(adapter().saveAttributes(newUser().request, { rate: 100 })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

/** What a rejected get rejected with. */
async function rejectionOf(adapter: PersistenceAdapter, request: RequestEnvelope): Promise<unknown> {
  return adapter.getAttributes(request).then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
}

describe('the DynamoDB store with a corrupt item', () => {
  it('rejects a get with CorruptPreferencesError when attributes is not a map, without repeating it', async () => {
    const { request } = newUser();
    const garbage = 'secret-garbage-4410';
    await dynamo.putRaw(TABLE, { id: { S: userKey(request, SECRET) }, attributes: { S: garbage } });
    const error = await rejectionOf(
      new DynamoDbPersistenceAdapter({ tableName: TABLE, client: dynamo.client, secret: SECRET }),
      request,
    );
    expect(error).toBeInstanceOf(CorruptPreferencesError);
    expect(inspect(error)).not.toContain(garbage);
  });
});

describe('dynamoDbAdapterFromEnv', () => {
  it('returns undefined when PREFERENCES_TABLE is unset', () => {
    expect(dynamoDbAdapterFromEnv({ PREFERENCES_HMAC_KEY: SECRET })).toBeUndefined();
  });

  it('throws MissingSecretError when the table is set but PREFERENCES_HMAC_KEY is not', () => {
    expect(() => dynamoDbAdapterFromEnv({ PREFERENCES_TABLE: TABLE, AWS_REGION: 'us-east-1' })).toThrow(
      MissingSecretError,
    );
  });

  it('builds an adapter from PREFERENCES_TABLE, AWS_REGION and PREFERENCES_HMAC_KEY', () => {
    const env = {
      PREFERENCES_TABLE: TABLE,
      AWS_REGION: 'us-east-1',
      PREFERENCES_HMAC_KEY: SECRET,
      AWS_ACCESS_KEY_ID: 'a',
      AWS_SECRET_ACCESS_KEY: 'b',
    };
    expect(dynamoDbAdapterFromEnv(env)).toBeInstanceOf(DynamoDbPersistenceAdapter);
  });

  it("signs with Lambda's region and role credentials, session token included, at AWS_ENDPOINT_URL_DYNAMODB", async () => {
    const network = await slowNetwork(dynamo.endpoint);
    try {
      const adapter = dynamoDbAdapterFromEnv({
        PREFERENCES_TABLE: TABLE,
        PREFERENCES_HMAC_KEY: SECRET,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEROLEKEY',
        AWS_SECRET_ACCESS_KEY: 'example-role-secret',
        AWS_SESSION_TOKEN: 'example-session-token',
        AWS_ENDPOINT_URL_DYNAMODB: network.endpoint,
      });
      const { request } = newUser();
      await adapter?.saveAttributes(request, { rate: 85 });
      await expect(adapter?.getAttributes(request)).resolves.toEqual({ rate: 85 });
      expect(network.seen).toHaveLength(2);
      for (const headers of network.seen) {
        expect(headers.authorization).toMatch(
          /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEROLEKEY\/\d{8}\/eu-west-1\/dynamodb\/aws4_request,/,
        );
        expect(headers['x-amz-security-token']).toBe('example-session-token');
      }
    } finally {
      await network.close();
    }
  });

  it.each([
    ['no region', { AWS_REGION: '' }],
    ['no credentials', { AWS_SECRET_ACCESS_KEY: '' }],
    ['an endpoint that is not a URL', { AWS_ENDPOINT_URL_DYNAMODB: 'not a url' }],
  ])('builds, and fails each call with DynamoDbConfigError, given %s', async (_, change) => {
    const adapter = dynamoDbAdapterFromEnv({
      ...dynamo.env,
      PREFERENCES_TABLE: TABLE,
      PREFERENCES_HMAC_KEY: SECRET,
      ...change,
    });
    const { request } = newUser();
    await expect(adapter?.getAttributes(request)).rejects.toMatchObject({ name: 'DynamoDbConfigError' });
    await expect(adapter?.saveAttributes(request, { rate: 85 })).rejects.toMatchObject({
      name: 'DynamoDbConfigError',
    });
  });
});

describe('the SQLite store with a corrupt row', () => {
  /** Writes `stored` over the user's attributes with a connection of its own, past the adapter. */
  async function corrupt(stored: string | Buffer): Promise<RequestEnvelope> {
    const { request } = newUser();
    await sqlite.saveAttributes(request, { rate: 100 });
    const writer = new Database(sqliteFile);
    try {
      writer.prepare('UPDATE preferences SET attributes = ? WHERE id = ?').run(stored, userKey(request, SECRET));
    } finally {
      writer.close();
    }
    return request;
  }

  it.each([
    // Short, because Node's JSON.parse message quotes only the first ten characters of its input.
    ['text that is not JSON', 'leak-7731'],
    ['JSON that is not an object', '["leak-7731"]'],
    ['JSON null', 'null'],
  ])('rejects a get with CorruptPreferencesError for %s, without repeating it', async (__, garbage) => {
    const error = await rejectionOf(sqlite, await corrupt(garbage));
    expect(error).toBeInstanceOf(CorruptPreferencesError);
    expect(inspect(error)).not.toContain(garbage);
    expect(inspect(error)).not.toContain('leak-7731');
  });

  it('rejects a get with CorruptPreferencesError for a blob instead of text', async () => {
    const garbage = 'secret-garbage-9902';
    const error = await rejectionOf(sqlite, await corrupt(Buffer.from(garbage)));
    expect(error).toBeInstanceOf(CorruptPreferencesError);
    expect(inspect(error)).not.toContain(garbage);
  });
});

/**
 * One contract for every preference store: memory, SQLite (a temp file) and DynamoDB (dynalite, an
 * in-process DynamoDB on loopback). No mocks: each adapter talks to the real thing. Every test uses
 * users of its own, so the stores are shared across tests without cleanup between them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import Database from 'better-sqlite3';
import { DynamoDbPersistenceAdapter, dynamoDbAdapterFromEnv } from '../../lambda/src/persistence/dynamodb';
import { CorruptPreferencesError, MissingSecretError, userKey } from '../../lambda/src/persistence/key';
import { MemoryPersistenceAdapter } from '../../lambda/src/persistence/memory';
import { SqlitePersistenceAdapter } from '../../lambda/src/persistence/sqlite';
import { localDynamo, type LocalDynamo } from '../helpers/dynalite';
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
let raw: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let directory: string;
let sqliteFile: string;
let sqlite: SqlitePersistenceAdapter;

beforeAll(async () => {
  dynamo = await localDynamo(TABLE);
  raw = dynamo.raw;
  documents = dynamo.documents;

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

const stores: Array<[string, () => PersistenceAdapter]> = [
  ['memory', () => memory],
  ['SQLite', () => sqlite],
  ['DynamoDB', () => new DynamoDbPersistenceAdapter({ tableName: TABLE, client: documents, secret: SECRET })],
];

const durableStores: Array<[string, () => Store]> = [
  ['SQLite', () => ({
    adapter: sqlite,
    storedText: async () => {
      const reader = new Database(sqliteFile, { readonly: true });
      try {
        return JSON.stringify(reader.prepare('SELECT * FROM preferences').all());
      } finally {
        reader.close();
      }
    },
  })],
  ['DynamoDB', () => ({
    adapter: new DynamoDbPersistenceAdapter({ tableName: TABLE, client: documents, secret: SECRET }),
    storedText: async () => JSON.stringify((await raw.send(new ScanCommand({ TableName: TABLE, ConsistentRead: true }))).Items),
  })],
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
    const values = Array.from({ length: 20 }, (__, index) => ({ rate: 70 + index, lastPart: index, nested: { index } }));
    await Promise.all(values.map((value) => adapter.saveAttributes(request, value)));
    expect(values).toContainEqual(await adapter.getAttributes(request));
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
  const adapter = (): PersistenceAdapter => new DynamoDbPersistenceAdapter({ tableName: 'no-such-table', client: documents, secret: SECRET });

  it('rejects a get', async () => {
    await expect(adapter().getAttributes(newUser().request)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('rejects a save', async () => {
    await expect(adapter().saveAttributes(newUser().request, { rate: 100 })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

/** What a rejected get rejected with. */
async function rejectionOf(adapter: PersistenceAdapter, request: RequestEnvelope): Promise<unknown> {
  return adapter.getAttributes(request).then(() => undefined, (rejection: unknown) => rejection);
}

describe('the DynamoDB store with a corrupt item', () => {
  it('rejects a get with CorruptPreferencesError when attributes is not a map, without repeating it', async () => {
    const { request } = newUser();
    const garbage = 'secret-garbage-4410';
    await raw.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: userKey(request, SECRET) }, attributes: { S: garbage } } }));
    const error = await rejectionOf(new DynamoDbPersistenceAdapter({ tableName: TABLE, client: documents, secret: SECRET }), request);
    expect(error).toBeInstanceOf(CorruptPreferencesError);
    expect(inspect(error)).not.toContain(garbage);
  });
});

describe('dynamoDbAdapterFromEnv', () => {
  it('returns undefined when PREFERENCES_TABLE is unset', () => {
    expect(dynamoDbAdapterFromEnv({ PREFERENCES_HMAC_KEY: SECRET })).toBeUndefined();
  });

  it('throws MissingSecretError when the table is set but PREFERENCES_HMAC_KEY is not', () => {
    expect(() => dynamoDbAdapterFromEnv({ PREFERENCES_TABLE: TABLE, AWS_REGION: 'us-east-1' })).toThrow(MissingSecretError);
  });

  it('builds an adapter from PREFERENCES_TABLE, AWS_REGION and PREFERENCES_HMAC_KEY', () => {
    expect(dynamoDbAdapterFromEnv({ PREFERENCES_TABLE: TABLE, AWS_REGION: 'us-east-1', PREFERENCES_HMAC_KEY: SECRET }))
      .toBeInstanceOf(DynamoDbPersistenceAdapter);
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

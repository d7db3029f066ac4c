/**
 * Preferences in a DynamoDB table (partition key `id`, a string), through aws-lite (@aws-lite/client),
 * which does the same signed JSON requests as the AWS SDK v3 in a small part of its size and load
 * time. One item per listener, keyed by userKey: `{ id, attributes, stamp, updatedAt }`.
 *
 * Writes cannot go backwards. Every save and every forget carries a stamp, the time it was made
 * (milliseconds), and a save is a conditional put that lands only on an item no newer than itself.
 * So a save that ran past its budget and arrives late cannot overwrite a newer one, and cannot bring
 * back preferences that were forgotten: "forget" writes a tombstone (the key and the stamp, nothing
 * else) rather than deleting the item, and a tombstone reads as nothing stored.
 */
import awsLite from '@aws-lite/client';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { isRecord } from '../json';
import { CorruptPreferencesError, jsonCopy, secretFromEnv, userKey, type Attributes, type Clock } from './key';

/** The three DynamoDB operations the store uses, with aws-lite's plain-JSON items (it marshals them). */
export interface DynamoDbApi {
  GetItem(input: Record<string, unknown>): Promise<unknown>;
  PutItem(input: Record<string, unknown>): Promise<unknown>;
}

export interface DynamoDbPersistenceOptions {
  tableName: string;
  /** The client, or a promise of it: aws-lite's is created asynchronously. */
  client: DynamoDbApi | Promise<DynamoDbApi>;
  secret: string;
  /** Where stamps come from; Date.now by default. */
  now?: Clock;
}

/** Lands only where nothing newer is stored; items from before stamps existed count as older. */
const NOT_NEWER = {
  ConditionExpression: 'attribute_not_exists(#stamp) OR #stamp <= :stamp',
  ExpressionAttributeNames: { '#stamp': 'stamp' },
};

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

export class DynamoDbPersistenceAdapter implements PersistenceAdapter {
  private readonly tableName: string;
  private readonly client: Promise<DynamoDbApi>;
  private readonly secret: string;
  private readonly now: Clock;

  constructor({ tableName, client, secret, now = Date.now }: DynamoDbPersistenceOptions) {
    this.tableName = tableName;
    this.client = Promise.resolve(client);
    // A client that failed to start rejects each call; until then nothing is waiting on it.
    this.client.catch(() => undefined);
    this.secret = secret;
    this.now = now;
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Attributes> {
    const id = userKey(envelope, this.secret);
    const client = await this.client;
    const output = await client.GetItem({ TableName: this.tableName, Key: { id }, ConsistentRead: true });
    const item = isRecord(output) ? output.Item : undefined;
    if (item === undefined) return {};
    if (!isRecord(item)) throw new CorruptPreferencesError();
    const stored: unknown = item.attributes;
    // A tombstone: the listener asked to forget, and nothing has been saved since.
    if (stored === undefined && typeof item.stamp === 'number') return {};
    if (!isRecord(stored)) throw new CorruptPreferencesError();
    return stored;
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Attributes): Promise<void> {
    const stamp = this.now();
    const id = userKey(envelope, this.secret);
    const item = { id, attributes: jsonCopy(attributes), stamp, updatedAt: new Date(stamp).toISOString() };
    const client = await this.client;
    try {
      await client.PutItem({
        TableName: this.tableName,
        Item: item,
        ...NOT_NEWER,
        ExpressionAttributeValues: { ':stamp': stamp },
      });
    } catch (error) {
      // Something newer is stored: this save is the stale one, and is rightly dropped.
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * Forgets everything, whatever is stored: a tombstone, written unconditionally, that is newer than
   * every save already made, so none of them can land over it.
   */
  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    const stamp = this.now();
    const id = userKey(envelope, this.secret);
    const client = await this.client;
    await client.PutItem({ TableName: this.tableName, Item: { id, stamp, updatedAt: new Date(stamp).toISOString() } });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** DynamoDB's name for an error (`com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException`), as its `name`. */
function namedError(params: unknown): unknown {
  const error = isRecord(params) ? params.error : undefined;
  const type = isRecord(error) ? error.__type : undefined;
  const name = typeof type === 'string' ? type.split('#')[1] : undefined;
  if (isRecord(error) && name !== undefined && name !== '') {
    error.name = name;
    error.code = name;
  }
  return params;
}

function operation(name: string, marshalled: readonly string[]): Record<string, unknown> {
  return {
    request: async (payload: unknown) => ({
      awsjson: ['ExpressionAttributeValues', 'Item', 'Key'],
      headers: { 'X-Amz-Target': `DynamoDB_20120810.${name}`, 'content-type': 'application/x-amz-json-1.0' },
      payload,
    }),
    response: async ({ payload }: { payload: unknown }) => ({
      awsjson: marshalled,
      ...(isRecord(payload) ? payload : {}),
    }),
    error: namedError,
  };
}

/**
 * The two DynamoDB operations the store makes, as an aws-lite plugin, written the way @aws-lite/dynamodb
 * writes them (the same target headers, AWS-JSON keys and error names). That plugin is not used because it
 * carries all of DynamoDB's 53 operations with their validation tables: 28 KiB of the Lambda bundle for
 * the two used here. persistence.contract.test.ts runs the store through this plugin against dynalite.
 */
const dynamodbPlugin = {
  name: 'spine-care-guide/dynamodb',
  service: 'dynamodb',
  property: 'DynamoDB',
  methods: { GetItem: operation('GetItem', ['Item']), PutItem: operation('PutItem', ['Attributes']) },
};

/** The plugin's method `name`, checked at run time: the client is typed without its plugins. */
function method(service: unknown, name: string): (input: Record<string, unknown>) => Promise<unknown> {
  const found = isRecord(service) ? service[name] : undefined;
  if (typeof found !== 'function') throw new Error(`the DynamoDB plugin has no ${name}`);
  return async (input) => {
    const output: unknown = await found.call(service, input);
    return output;
  };
}

/**
 * An aws-lite DynamoDB client configured as Lambda configures a function: the region from
 * AWS_REGION, the execution role's credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, and the standard endpoint override AWS_ENDPOINT_URL_DYNAMODB (or
 * AWS_ENDPOINT_URL) for a local DynamoDB. Two retries, as the AWS SDK's standard mode makes.
 */
export async function dynamoDbClientFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<DynamoDbApi> {
  const endpoint = nonEmpty(env.AWS_ENDPOINT_URL_DYNAMODB) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
  const client = await awsLite({
    region: nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(accessKeyId === undefined || secretAccessKey === undefined
      ? {}
      : { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) }),
    plugins: [dynamodbPlugin],
    retries: 2,
  });
  const service: unknown = Reflect.get(client, 'DynamoDB');
  return { GetItem: method(service, 'GetItem'), PutItem: method(service, 'PutItem') };
}

/**
 * The adapter for PREFERENCES_TABLE, keyed with PREFERENCES_HMAC_KEY; undefined when
 * PREFERENCES_TABLE is unset. Throws MissingSecretError when the table is set but the secret is not.
 * The client starts in the background; a client that cannot start fails each load and save instead.
 */
export function dynamoDbAdapterFromEnv(env: NodeJS.ProcessEnv = process.env): DynamoDbPersistenceAdapter | undefined {
  const tableName = env.PREFERENCES_TABLE;
  if (tableName === undefined || tableName === '') return undefined;
  const secret = secretFromEnv(env);
  return new DynamoDbPersistenceAdapter({ tableName, client: dynamoDbClientFromEnv(env), secret });
}

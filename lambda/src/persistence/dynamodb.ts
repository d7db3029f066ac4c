/**
 * Preferences in a DynamoDB table (partition key `id`, a string), through the store's own two-operation
 * client (dynamodbClient.ts). One item per listener, keyed by userKey: `{ id, attributes, stamp, updatedAt }`.
 *
 * Writes cannot go backwards. Every save and every forget carries a stamp, the time it was made
 * (milliseconds), and a save is a conditional put that lands only on an item no newer than itself.
 * So a save that ran past its budget and arrives late cannot overwrite a newer one, and cannot bring
 * back preferences that were forgotten: "forget" writes a tombstone (the key and the stamp, nothing
 * else) rather than deleting the item, and a tombstone reads as nothing stored.
 */
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { isRecord } from '../json';
import { dynamoDbClient, dynamoDbConfigFromEnv, type DynamoDbApi, type DynamoDbConfig } from './dynamodbClient';
import { CorruptPreferencesError, jsonCopy, secretFromEnv, userKey, type Attributes, type Clock } from './key';

export type { DynamoDbApi } from './dynamodbClient';

export interface DynamoDbPersistenceOptions {
  tableName: string;
  client: DynamoDbApi;
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
  private readonly client: DynamoDbApi;
  private readonly secret: string;
  private readonly now: Clock;

  constructor({ tableName, client, secret, now = Date.now }: DynamoDbPersistenceOptions) {
    this.tableName = tableName;
    this.client = client;
    this.secret = secret;
    this.now = now;
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Attributes> {
    const id = userKey(envelope, this.secret);
    const output = await this.client.GetItem({ TableName: this.tableName, Key: { id }, ConsistentRead: true });
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
    try {
      await this.client.PutItem({
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
    await this.client.PutItem({
      TableName: this.tableName,
      Item: { id, stamp, updatedAt: new Date(stamp).toISOString() },
    });
  }
}

/**
 * The store's client, configured as Lambda configures a function (see dynamoDbConfigFromEnv). A
 * configuration it cannot work with (no region, no credentials, an endpoint that is not a URL) fails each
 * call with a DynamoDbConfigError, rather than the module that builds it: the emergency answer must load.
 */
export function dynamoDbClientFromEnv(env: NodeJS.ProcessEnv = process.env): DynamoDbApi {
  let config: DynamoDbConfig;
  try {
    config = dynamoDbConfigFromEnv(env);
  } catch (error) {
    const fail = async (): Promise<never> => {
      throw error;
    };
    return { GetItem: fail, PutItem: fail };
  }
  return dynamoDbClient(config);
}

/**
 * The adapter for PREFERENCES_TABLE, keyed with PREFERENCES_HMAC_KEY; undefined when
 * PREFERENCES_TABLE is unset. Throws MissingSecretError when the table is set but the secret is not.
 */
export function dynamoDbAdapterFromEnv(env: NodeJS.ProcessEnv = process.env): DynamoDbPersistenceAdapter | undefined {
  const tableName = env.PREFERENCES_TABLE;
  if (tableName === undefined || tableName === '') return undefined;
  const secret = secretFromEnv(env);
  return new DynamoDbPersistenceAdapter({ tableName, client: dynamoDbClientFromEnv(env), secret });
}

/**
 * Preferences in a DynamoDB table (partition key `id`, a string), through the AWS SDK v3 document
 * client. One item per listener, keyed by userKey: `{ id, attributes, updatedAt }`. A save is a
 * whole-item put, so two devices saving at once leave one complete item, the last one written.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { isRecord } from '../json';
import { CorruptPreferencesError, jsonCopy, secretFromEnv, userKey, type Attributes } from './key';

export interface DynamoDbPersistenceOptions {
  tableName: string;
  client: DynamoDBDocumentClient;
  secret: string;
}

export class DynamoDbPersistenceAdapter implements PersistenceAdapter {
  private readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly secret: string;

  constructor({ tableName, client, secret }: DynamoDbPersistenceOptions) {
    this.tableName = tableName;
    this.client = client;
    this.secret = secret;
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Attributes> {
    const { Item } = await this.client.send(new GetCommand({
      TableName: this.tableName,
      Key: { id: userKey(envelope, this.secret) },
      ConsistentRead: true,
    }));
    if (Item === undefined) return {};
    const stored: unknown = Item.attributes;
    if (!isRecord(stored)) throw new CorruptPreferencesError();
    return stored;
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Attributes): Promise<void> {
    await this.client.send(new PutCommand({
      TableName: this.tableName,
      Item: { id: userKey(envelope, this.secret), attributes: jsonCopy(attributes), updatedAt: new Date().toISOString() },
    }));
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { id: userKey(envelope, this.secret) } }));
  }
}

/**
 * The adapter for PREFERENCES_TABLE in AWS_REGION, keyed with PREFERENCES_HMAC_KEY; undefined when
 * PREFERENCES_TABLE is unset. Throws MissingSecretError when the table is set but the secret is not.
 */
export function dynamoDbAdapterFromEnv(env: NodeJS.ProcessEnv = process.env): DynamoDbPersistenceAdapter | undefined {
  const tableName = env.PREFERENCES_TABLE;
  if (tableName === undefined || tableName === '') return undefined;
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: env.AWS_REGION }));
  return new DynamoDbPersistenceAdapter({ tableName, client, secret: secretFromEnv(env) });
}

/** dynalite, an in-process DynamoDB server, started on loopback for tests that need the real API. */
import { Server } from 'node:http';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** dynalite ships no types: check at run time that it is a function and that it returns an HTTP server. */
function isServerFactory(value: unknown): value is (options: { createTableMs: number }) => unknown {
  return typeof value === 'function';
}

async function startDynalite(): Promise<{ server: Server; port: number }> {
  const dynalite: unknown = require('dynalite');
  if (!isServerFactory(dynalite)) throw new Error('dynalite does not export a function');
  const server = dynalite({ createTableMs: 0 });
  if (!(server instanceof Server)) throw new Error('dynalite did not return an HTTP server');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('dynalite is not listening on a port');
  return { server, port: address.port };
}


export interface LocalDynamo {
  /** Where the server listens, and the (fake) credentials its client uses. */
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  raw: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  close(): Promise<void>;
}

/** dynalite on loopback, with a preferences table (partition key `id`) already created. */
export async function localDynamo(table: string): Promise<LocalDynamo> {
  const { server, port } = await startDynalite();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'fake', secretAccessKey: 'fake' };
  const raw = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
  await raw.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client: raw, maxWaitTime: 5, minDelay: 1 }, { TableName: table });
  return {
    endpoint,
    credentials,
    raw,
    documents: DynamoDBDocumentClient.from(raw),
    // The client must go first: dynalite's close waits for open connections.
    close: async () => {
      raw.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * dynalite, an in-process DynamoDB server, started on loopback for tests that need the real API, and
 * a proxy in front of it that can hold a request back: a write that is slow on the network.
 */
import { createServer, request as httpRequest, Server, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dynamoDbClientFromEnv, type DynamoDbApi } from '../../lambda/src/persistence/dynamodb';
import { dynamoDbConfigFromEnv, dynamoDbRequest } from '../../lambda/src/persistence/dynamodbClient';

/** dynalite ships no types: check at run time that it is a function and that it returns an HTTP server. */
function isServerFactory(value: unknown): value is (options: { createTableMs: number }) => unknown {
  return typeof value === 'function';
}

function portOf(server: Server): number {
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a port');
  return address.port;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return portOf(server);
}

async function shut(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

async function startDynalite(): Promise<{ server: Server; port: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dynalite has no types: it is loaded as unknown and checked
  const dynalite: unknown = require('dynalite');
  if (!isServerFactory(dynalite)) throw new Error('dynalite does not export a function');
  const server = dynalite({ createTableMs: 0 });
  if (!(server instanceof Server)) throw new Error('dynalite did not return an HTTP server');
  return { server, port: await listen(server) };
}

/** Time enough for any call a test makes past the store, on a busy machine. */
const ADMIN_BUDGET_MS = 10_000;

export interface LocalDynamo {
  /** Where the server listens, and the (fake) credentials its clients use. */
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The environment that points the skill's client here, as the stack's environment does on Lambda. */
  env: Record<string, string>;
  /** The store's own client, built from `env` the way the skill builds it. */
  client: DynamoDbApi;
  /** Every item of a table, read past the store, in DynamoDB's typed JSON as it is stored. */
  scan(table: string): Promise<unknown[]>;
  /** Writes an item given in DynamoDB's typed JSON (`{ id: { S: '…' } }`), past the store. */
  putRaw(table: string, item: Record<string, unknown>): Promise<void>;
  createTable(table: string): Promise<void>;
  close(): Promise<void>;
}

/** dynalite on loopback, with a preferences table (partition key `id`) already created. */
export async function localDynamo(table: string): Promise<LocalDynamo> {
  const { server, port } = await startDynalite();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'fake', secretAccessKey: 'fake' };
  const env = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
  };
  const config = dynamoDbConfigFromEnv(env);
  const admin = (operation: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> =>
    dynamoDbRequest(config, operation, payload, ADMIN_BUDGET_MS);
  const createTable = async (name: string): Promise<void> => {
    await admin('CreateTable', {
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  };
  await createTable(table);
  return {
    endpoint,
    credentials,
    env,
    client: dynamoDbClientFromEnv(env),
    scan: async (name) => {
      const { Items } = await admin('Scan', { TableName: name, ConsistentRead: true });
      return Array.isArray(Items) ? Items : [];
    },
    putRaw: async (name, item) => {
      await admin('PutItem', { TableName: name, Item: item });
    },
    createTable,
    close: () => shut(server),
  };
}

export interface Held {
  /** Resolves when the held request has reached the proxy. */
  arrived: Promise<void>;
  /** Sends it on; resolves when its answer has gone back to the client. */
  release(): Promise<void>;
}

export interface SlowNetwork {
  endpoint: string;
  /** The headers of every request that passed, in order. */
  seen: IncomingHttpHeaders[];
  /** Holds back the next request for `operation` (for example "PutItem") until it is released. */
  holdNext(operation: string): Held;
  close(): Promise<void>;
}

/** An HTTP proxy to `target` on loopback that passes every request on, unless told to hold one. */
export async function slowNetwork(target: string): Promise<SlowNetwork> {
  const upstream = new URL(target);
  const holds = new Map<string, { arrive: () => void; go: Promise<void>; done: () => void }>();
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((incoming, outgoing) => {
    seen.push(incoming.headers);
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const operation =
        String(incoming.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      const hold = holds.get(operation);
      holds.delete(operation);
      hold?.arrive();
      const forward = (): void => {
        const proxied = httpRequest(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: incoming.method,
            path: incoming.url,
            headers: incoming.headers,
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
            answer.on('end', () => hold?.done());
          },
        );
        proxied.end(Buffer.concat(chunks));
      };
      if (hold === undefined) forward();
      else void hold.go.then(forward);
    });
  });
  const port = await listen(server);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    holdNext: (operation) => {
      let arrive = (): void => undefined;
      let go = (): void => undefined;
      let done = (): void => undefined;
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      const released = new Promise<void>((resolve) => {
        go = resolve;
      });
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      holds.set(operation, { arrive, go: released, done });
      return {
        arrived,
        release: async () => {
          go();
          await finished;
        },
      };
    },
    close: () => shut(server),
  };
}

/**
 * The store's DynamoDB client on its own: where it sends (region and endpoint from the environment, as Lambda
 * sets it), how it signs (checked against SigV4 worked out again in tests/helpers/sigv4.ts), and what its
 * errors are called, against a stand-in DynamoDB on loopback that answers as it is told.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  DynamoDbConfigError,
  dynamoDbClient,
  dynamoDbConfigFromEnv,
  MAX_ATTEMPTS,
  MIN_ATTEMPT_MS,
  signedRequest,
  type DynamoDbConfig,
} from '../../lambda/src/persistence/dynamodbClient';
import { expectedSignature, parseAuthorization } from '../helpers/sigv4';

const KEYS = { AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEKEY', AWS_SECRET_ACCESS_KEY: 'example-secret-key' };

describe('where the client sends, from the environment', () => {
  const endpointOf = (env: NodeJS.ProcessEnv): string => dynamoDbConfigFromEnv({ ...KEYS, ...env }).endpoint.href;

  it('takes the region from AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(dynamoDbConfigFromEnv({ ...KEYS, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' }).region).toBe(
      'eu-west-1',
    );
    expect(dynamoDbConfigFromEnv({ ...KEYS, AWS_DEFAULT_REGION: 'us-west-2' }).region).toBe('us-west-2');
    expect(dynamoDbConfigFromEnv({ ...KEYS, AWS_REGION: '', AWS_DEFAULT_REGION: 'us-west-2' }).region).toBe(
      'us-west-2',
    );
  });

  it('fails without a region, or with one that is not a region name', () => {
    expect(() => dynamoDbConfigFromEnv({ ...KEYS })).toThrow(DynamoDbConfigError);
    expect(() => dynamoDbConfigFromEnv({ ...KEYS, AWS_REGION: 'eu-west-1.example.com/x' })).toThrow(
      DynamoDbConfigError,
    );
  });

  it("sends to DynamoDB's own https endpoint for the region", () => {
    expect(endpointOf({ AWS_REGION: 'eu-west-1' })).toBe('https://dynamodb.eu-west-1.amazonaws.com/');
    expect(endpointOf({ AWS_REGION: 'cn-north-1' })).toBe('https://dynamodb.cn-north-1.amazonaws.com.cn/');
  });

  it('takes AWS_ENDPOINT_URL_DYNAMODB, the standard variable, before AWS_ENDPOINT_URL', () => {
    expect(
      endpointOf({
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9000',
      }),
    ).toBe('http://127.0.0.1:8000/');
    expect(endpointOf({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'http://localhost:9000' })).toBe(
      'http://localhost:9000/',
    );
    expect(
      endpointOf({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_DYNAMODB: '', AWS_ENDPOINT_URL: 'http://localhost:9000' }),
    ).toBe('http://localhost:9000/');
  });

  it('keeps http for a local endpoint, but never sends to AWS in clear text', () => {
    expect(endpointOf({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_DYNAMODB: 'http://dynamodb-local:8000' })).toBe(
      'http://dynamodb-local:8000/',
    );
    expect(
      endpointOf({ AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_DYNAMODB: 'http://dynamodb.eu-west-1.amazonaws.com' }),
    ).toBe('https://dynamodb.eu-west-1.amazonaws.com/');
  });

  it.each([
    ['not a URL', 'leaked value'],
    ['another protocol', 'ftp://leaked.example/'],
  ])('fails on an endpoint that is %s, naming the variable but not its value', (_, value) => {
    expect(() => dynamoDbConfigFromEnv({ ...KEYS, AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_DYNAMODB: value })).toThrow(
      /^AWS_ENDPOINT_URL_DYNAMODB [^]*$/,
    );
    expect(() =>
      dynamoDbConfigFromEnv({ ...KEYS, AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_DYNAMODB: value }),
    ).not.toThrow(/leaked/);
  });

  it("takes the role's credentials, with a session token where there is one", () => {
    expect(dynamoDbConfigFromEnv({ ...KEYS, AWS_REGION: 'eu-west-1' }).credentials).toEqual({
      accessKeyId: 'ASIAEXAMPLEKEY',
      secretAccessKey: 'example-secret-key',
    });
    expect(
      dynamoDbConfigFromEnv({ ...KEYS, AWS_REGION: 'eu-west-1', AWS_SESSION_TOKEN: 'example-token' }).credentials,
    ).toEqual({ accessKeyId: 'ASIAEXAMPLEKEY', secretAccessKey: 'example-secret-key', sessionToken: 'example-token' });
  });

  it.each(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'])('fails without %s, repeating neither key', (missing) => {
    const env = { ...KEYS, AWS_REGION: 'eu-west-1', [missing]: '' };
    expect(() => dynamoDbConfigFromEnv(env)).toThrow(DynamoDbConfigError);
    expect(() => dynamoDbConfigFromEnv(env)).not.toThrow(/ASIAEXAMPLEKEY|example-secret-key/);
  });
});

const AT = new Date('2026-01-02T03:04:05.678Z');

function config(endpoint: string, sessionToken?: string): DynamoDbConfig {
  return dynamoDbConfigFromEnv({
    ...KEYS,
    AWS_REGION: 'eu-west-1',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    ...(sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: sessionToken }),
  });
}

/** A signed request's headers, as node:http sends them: names in lower case, values as text. */
function sent(headers: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

describe('a signed request', () => {
  const body = '{"TableName":"preferences","Key":{"id":{"S":"k"}}}';

  it('carries the SigV4 headers for DynamoDB in the region, with the session token signed', () => {
    const aws = dynamoDbConfigFromEnv({ ...KEYS, AWS_REGION: 'eu-west-1', AWS_SESSION_TOKEN: 'example-token' });
    const { path, headers } = signedRequest(aws, 'GetItem', body, AT);
    const received = sent(headers);
    expect(path).toBe('/');
    expect(received).toMatchObject({
      host: 'dynamodb.eu-west-1.amazonaws.com',
      'x-amz-date': '20260102T030405Z',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(Buffer.byteLength(body)),
      'x-amz-security-token': 'example-token',
    });
    const authorization = parseAuthorization(received.authorization);
    expect(authorization).toMatchObject({
      accessKeyId: 'ASIAEXAMPLEKEY',
      scope: '20260102/eu-west-1/dynamodb/aws4_request',
      signedHeaders: ['content-length', 'content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-amz-target'],
    });
    expect(authorization.signature).toBe(
      expectedSignature({ method: 'POST', path, headers: received, body }, 'example-secret-key'),
    );
  });

  it('has no session token header without a session token', () => {
    const received = sent(signedRequest(config('http://127.0.0.1:8000'), 'PutItem', body, AT).headers);
    expect(received['x-amz-security-token']).toBeUndefined();
    expect(received['x-amz-target']).toBe('DynamoDB_20120810.PutItem');
    expect(parseAuthorization(received.authorization).signedHeaders).toEqual([
      'content-length',
      'content-type',
      'host',
      'x-amz-date',
      'x-amz-target',
    ]);
  });

  it("names a local endpoint's port in the host it signs", () => {
    expect(sent(signedRequest(config('http://127.0.0.1:8000'), 'GetItem', body, AT).headers).host).toBe(
      '127.0.0.1:8000',
    );
  });

  it('changes its signature with the secret key, the time and the body', () => {
    const signature = (aws: DynamoDbConfig, text: string, at: Date): string =>
      parseAuthorization(sent(signedRequest(aws, 'GetItem', text, at).headers).authorization).signature;
    const base = signature(config('http://127.0.0.1:8000'), body, AT);
    const otherKey = dynamoDbConfigFromEnv({
      ...KEYS,
      AWS_SECRET_ACCESS_KEY: 'another-secret',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
    });
    expect(signature(otherKey, body, AT)).not.toBe(base);
    expect(signature(config('http://127.0.0.1:8000'), body, new Date(AT.getTime() + 1000))).not.toBe(base);
    expect(signature(config('http://127.0.0.1:8000'), `${body} `, AT)).not.toBe(base);
  });
});

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Reply = (response: ServerResponse) => void;

const answer =
  (status: number, payload: unknown): Reply =>
  (response) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
  };

const typedError = (status: number, name: string, message = 'from the stand-in'): Reply =>
  answer(status, { __type: `com.amazonaws.dynamodb.v20120810#${name}`, message });

interface StandIn {
  endpoint: string;
  seen: Seen[];
  /** Connections opened so far. */
  connections: () => number;
  /** Resolves when every connection opened so far has closed. */
  allClosed: () => Promise<void>;
  close(): Promise<void>;
}

/** A DynamoDB stand-in that answers the nth request with replies[n] (the last reply again after the end). */
async function standIn(replies: Reply[]): Promise<StandIn> {
  const seen: Seen[] = [];
  const sockets: Socket[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      replies[Math.min(seen.length, replies.length) - 1](response);
    });
  });
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('the stand-in is not listening on a port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    seen,
    connections: () => sockets.length,
    allClosed: async () => {
      const open = sockets.filter((socket) => !socket.destroyed);
      await Promise.all(open.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()))));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let server: StandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(replies: Reply[], budgets = { GetItem: 1000, PutItem: 1000 }) {
  server = await standIn(replies);
  return { client: dynamoDbClient(config(server.endpoint, 'example-token'), budgets), stand: server };
}

/** What a call rejected with (undefined if it resolved). */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('a request as it reaches DynamoDB', () => {
  it('is a signed JSON-1.0 POST with the key typed, that the signature covers', async () => {
    const { client, stand } = await clientFor([answer(200, { Item: { id: { S: 'k' }, stamp: { N: '5' } } })]);
    await expect(client.GetItem({ TableName: 'preferences', Key: { id: 'k' }, ConsistentRead: true })).resolves.toEqual(
      {
        Item: { id: 'k', stamp: 5 },
      },
    );
    const [request] = stand.seen;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/',
      headers: {
        host: new URL(stand.endpoint).host,
        'x-amz-target': 'DynamoDB_20120810.GetItem',
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-security-token': 'example-token',
      },
    });
    expect(JSON.parse(request.body)).toEqual({
      TableName: 'preferences',
      Key: { id: { S: 'k' } },
      ConsistentRead: true,
    });
    expect(parseAuthorization(String(request.headers.authorization)).signature).toBe(
      expectedSignature(request, 'example-secret-key'),
    );
  });

  it('types the item and the expression values of a PutItem', async () => {
    const { client, stand } = await clientFor([answer(200, {})]);
    await client.PutItem({
      TableName: 'preferences',
      Item: { id: 'k', attributes: { rate: 85 }, stamp: 5 },
      ConditionExpression: '#stamp <= :stamp',
      ExpressionAttributeNames: { '#stamp': 'stamp' },
      ExpressionAttributeValues: { ':stamp': 5 },
    });
    expect(JSON.parse(stand.seen[0].body)).toEqual({
      TableName: 'preferences',
      Item: { id: { S: 'k' }, attributes: { M: { rate: { N: '85' } } }, stamp: { N: '5' } },
      ConditionExpression: '#stamp <= :stamp',
      ExpressionAttributeNames: { '#stamp': 'stamp' },
      ExpressionAttributeValues: { ':stamp': { N: '5' } },
    });
  });

  it('goes over the connection the call before left open', async () => {
    const { client, stand } = await clientFor([answer(200, {})]);
    await client.GetItem({ TableName: 'preferences', Key: { id: 'a' } });
    await client.PutItem({ TableName: 'preferences', Item: { id: 'a' } });
    await client.GetItem({ TableName: 'preferences', Key: { id: 'a' } });
    expect(stand.seen).toHaveLength(3);
    expect(stand.connections()).toBe(1);
  });
});

describe('what a failed call is called', () => {
  it("takes DynamoDB's error type as its name, and repeats no key, item, credential or message", async () => {
    const { client, stand } = await clientFor([typedError(400, 'ConditionalCheckFailedException', 'leaked-message')]);
    const error = await failure(
      client.PutItem({ TableName: 'preferences', Item: { id: 'leaked-user-key', attributes: { rate: 85 } } }),
    );
    expect(error).toMatchObject({ name: 'ConditionalCheckFailedException', operation: 'PutItem' });
    expect(error).toBeInstanceOf(Error);
    for (const secret of ['leaked-user-key', 'leaked-message', 'ASIAEXAMPLEKEY', 'example-secret-key', 'example-token'])
      expect(inspect(error)).not.toContain(secret);
    expect(stand.seen).toHaveLength(1);
  });

  it(`retries throttling, ${MAX_ATTEMPTS} attempts in all, then fails with DynamoDB's name`, async () => {
    const { client, stand } = await clientFor([typedError(400, 'ProvisionedThroughputExceededException')]);
    await expect(client.GetItem({ TableName: 'preferences', Key: { id: 'k' } })).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
    });
    expect(stand.seen).toHaveLength(MAX_ATTEMPTS);
    // Each attempt freshly signed: the same request, sent again.
    expect(new Set(stand.seen.map((request) => request.body)).size).toBe(1);
  });

  it('succeeds when a retry after a 500 does', async () => {
    const { client, stand } = await clientFor([typedError(500, 'InternalServerError'), answer(200, {})]);
    await expect(client.GetItem({ TableName: 'preferences', Key: { id: 'k' } })).resolves.toEqual({});
    expect(stand.seen).toHaveLength(2);
  });

  it('retries a 5xx that carries no DynamoDB error type, such as a load balancer sends', async () => {
    const { client, stand } = await clientFor([answer(503, '<html>Service Unavailable</html>'), answer(200, {})]);
    await expect(client.GetItem({ TableName: 'preferences', Key: { id: 'k' } })).resolves.toEqual({});
    expect(stand.seen).toHaveLength(2);
  });

  it('retries once a connection is reset under it, as a kept-alive one the server had closed is', async () => {
    const reset: Reply = (response) => response.socket?.destroy();
    const { client, stand } = await clientFor([reset, answer(200, {})]);
    await expect(client.GetItem({ TableName: 'preferences', Key: { id: 'k' } })).resolves.toEqual({});
    expect(stand.seen).toHaveLength(2);
  });

  it('does not retry when what is left of the budget would not fit another attempt', async () => {
    const late: Reply = (response) => setTimeout(() => typedError(500, 'InternalServerError')(response), 30);
    const { client, stand } = await clientFor([late, answer(200, {})], { GetItem: MIN_ATTEMPT_MS + 20, PutItem: 1000 });
    await expect(client.GetItem({ TableName: 'preferences', Key: { id: 'k' } })).rejects.toMatchObject({
      name: 'InternalServerError',
    });
    expect(stand.seen).toHaveLength(1);
  });

  it('is DynamoDbHttpError for an error status without a DynamoDB error type', async () => {
    const { client } = await clientFor([answer(403, '<html>leaked-page</html>')]);
    const error = await failure(client.GetItem({ TableName: 'preferences', Key: { id: 'k' } }));
    expect(error).toMatchObject({
      name: 'DynamoDbHttpError',
      message: 'DynamoDB GetItem: DynamoDbHttpError (HTTP 403)',
    });
  });

  it('is DynamoDbBadAnswer for a 200 that is not a JSON object', async () => {
    const { client } = await clientFor([answer(200, 'leaked-page')]);
    await expect(client.GetItem({ TableName: 'preferences', Key: { id: 'k' } })).rejects.toMatchObject({
      name: 'DynamoDbBadAnswer',
    });
  });

  it('is DynamoDbTimeout when no answer comes within the budget, and the connection is closed', async () => {
    const never: Reply = () => undefined;
    const { client, stand } = await clientFor([never], { GetItem: 100, PutItem: 1000 });
    await expect(client.GetItem({ TableName: 'preferences', Key: { id: 'k' } })).rejects.toMatchObject({
      name: 'DynamoDbTimeout',
    });
    expect(stand.connections()).toBe(1);
    await stand.allClosed();
  });

  it('is DynamoDbNetworkError when nothing listens at the endpoint', async () => {
    const { stand } = await clientFor([answer(200, {})]);
    const { endpoint } = stand;
    await stand.close();
    server = undefined;
    const client = dynamoDbClient(config(endpoint));
    await expect(client.GetItem({ TableName: 'preferences', Key: { id: 'k' } })).rejects.toMatchObject({
      name: 'DynamoDbNetworkError',
      message: 'DynamoDB GetItem: DynamoDbNetworkError (ECONNREFUSED)',
    });
  });
});

/** A key and a certificate for 127.0.0.1 that no CA vouches for, made with the openssl command line. */
function selfSigned(): { key: string; cert: string } {
  const folder = mkdtempSync(join(tmpdir(), 'dynamodb-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(folder, 'key.pem'),
        '-out',
        join(folder, 'cert.pem'),
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-days',
        '1',
      ],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(join(folder, 'key.pem'), 'utf8'), cert: readFileSync(join(folder, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('an https endpoint', () => {
  it('is spoken to over TLS, and a certificate that no CA vouches for is refused before anything is sent', async () => {
    let requests = 0;
    let connections = 0;
    const tls = createTlsServer(selfSigned(), (_, response) => {
      requests += 1;
      answer(200, {})(response);
    });
    tls.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const address: AddressInfo | string | null = tls.address();
      if (address === null || typeof address === 'string') throw new Error('not listening on a port');
      const client = dynamoDbClient(config(`https://127.0.0.1:${address.port}`));
      const error = await failure(client.GetItem({ TableName: 'preferences', Key: { id: 'k' } }));
      expect(error).toMatchObject({ name: 'DynamoDbNetworkError', message: expect.stringMatching(/SELF_SIGNED/) });
      expect(connections).toBe(1);
      expect(requests).toBe(0);
    } finally {
      tls.closeAllConnections();
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
});

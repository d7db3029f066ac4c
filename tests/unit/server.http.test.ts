/**
 * The real HTTP server on loopback, with verification on (the test PKI's root trusted, its chain
 * served by an injected fetcher) and the skill on SQLite in a temp directory: end to end, a signed
 * LaunchRequest is answered, and the same request with its body altered is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { createSkill, lambdaHandler } from '../../lambda/src/skill';
import { isRecord } from '../../lambda/src/json';
import { setLogSink } from '../../lambda/src/log';
import { SqlitePersistenceAdapter } from '../../server/sqlite';
import { createAlexaServer, MAX_BODY_BYTES, type AlexaServer, type SkillHandler } from '../../server/http';
import { createUnverified, createVerifier, type Verifier } from '../../server/verifier';
import { PKI_TIMEOUT_MS, testPki, signBody, type TestPki } from '../helpers/certificates';
import { envelope, launchRequest } from '../helpers/envelopes';

const SKILL_ID = 'amzn1.ask.skill.test';
const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem';
const USER_ID = 'amzn1.ask.account.http-test-user';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Sending {
  method?: string;
  path?: string;
  headers?: OutgoingHttpHeaders;
  /** Sent in these pieces, `pauseMs` apart, so each arrives in its own TCP segment. */
  pieces?: Buffer[];
  pauseMs?: number;
}

let pki: TestPki;
let dir: string;
let preferences: SqlitePersistenceAdapter;
let logged: string[];
let restoreLogs: () => void;
const running: AlexaServer[] = [];

beforeAll(() => {
  pki = testPki();
  dir = mkdtempSync(join(tmpdir(), 'alexa-server-'));
  preferences = new SqlitePersistenceAdapter({ file: join(dir, 'preferences.sqlite'), secret: 'http-test-secret' });
}, PKI_TIMEOUT_MS);

afterAll(async () => {
  await preferences.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  logged = [];
  restoreLogs = setLogSink((line) => logged.push(line));
});

afterEach(async () => {
  restoreLogs();
  await Promise.all(running.splice(0).map((alexa) => alexa.close(0)));
});

function verifier(): Verifier {
  return createVerifier({ skillId: SKILL_ID, trustStore: [pki.root.pem], fetchCertificate: async () => pki.chain });
}

const skill: SkillHandler = lambdaHandler(
  createSkill({
    getAttributes: (request) => preferences.getAttributes(request),
    saveAttributes: (request, attributes) => preferences.saveAttributes(request, attributes),
    deleteAttributes: (request) => preferences.deleteAttributes(request),
  }),
);

async function start(
  handler: SkillHandler = skill,
  gate: Verifier = verifier(),
  maxBodyBytes?: number,
): Promise<{ alexa: AlexaServer; port: number }> {
  const alexa = createAlexaServer({ handler, verifier: gate, maxBodyBytes });
  running.push(alexa);
  await new Promise<void>((resolve) => alexa.server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = alexa.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { alexa, port: address.port };
}

function send(
  port: number,
  { method = 'POST', path = '/', headers = {}, pieces = [], pauseMs = 0 }: Sending = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.on('error', reject);
    request.setNoDelay(true);
    const write = async (): Promise<void> => {
      for (const [index, piece] of pieces.entries()) {
        if (index > 0 && pauseMs > 0) await new Promise((wait) => setTimeout(wait, pauseMs));
        request.write(piece);
      }
      request.end();
    };
    void write();
  });
}

function launchEnvelope(attributes: Record<string, unknown> = {}): RequestEnvelope {
  return envelope({ ...launchRequest(), timestamp: new Date().toISOString() }, { userId: USER_ID, attributes });
}

function signed(body: Buffer): OutgoingHttpHeaders {
  return {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
    signaturecertchainurl: CERT_URL,
    'signature-256': signBody(body, pki.leaf.key),
  };
}

function parsed(text: string): unknown {
  return JSON.parse(text);
}

function entriesFor(event: string): unknown[] {
  return logged
    .map(parsed)
    .filter((entry) => typeof entry === 'object' && entry !== null && 'event' in entry && entry.event === event);
}

describe('end to end, with verification on', () => {
  it('answers a signed LaunchRequest, and refuses the same request with one byte of its body changed', async () => {
    const { port } = await start();
    const body = Buffer.from(JSON.stringify(launchEnvelope()));
    const head = signed(body);

    const answered = await send(port, { headers: head, pieces: [body] });
    expect(answered.status).toBe(200);
    expect(answered.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(parsed(answered.body)).toMatchObject({
      version: '1.0',
      response: { outputSpeech: { type: 'SSML', ssml: expect.stringContaining('<speak>') } },
    });

    const altered = Buffer.from(body);
    // Still JSON and still an envelope, so only the signature can catch it.
    altered[altered.indexOf('LaunchRequest')] ^= 0x20;
    const refused = await send(port, { headers: head, pieces: [altered] });
    expect(refused.status).toBe(400);
    expect(parsed(refused.body)).toEqual({ error: 'bad_request' });
    expect(entriesFor('request_refused')).toEqual([{ level: 'warn', event: 'request_refused', check: 'signature' }]);
  });

  it('logs no user ID, device ID or certificate URL', async () => {
    const { port } = await start();
    const body = Buffer.from(JSON.stringify(launchEnvelope()));
    await send(port, { headers: signed(body), pieces: [body] });
    await send(port, {
      headers: { ...signed(body), 'signature-256': signBody('other', pki.leaf.key) },
      pieces: [body],
    });
    expect(logged.length).toBeGreaterThanOrEqual(2);
    for (const line of logged) {
      expect(line).not.toContain(USER_ID);
      expect(line).not.toContain('amzn1.ask.device');
      expect(line).not.toContain('s3.amazonaws.com');
    }
  });

  it('verifies a multi-byte UTF-8 body that arrives split inside a character, across TCP chunks', async () => {
    const note = 'vértebra 🦴 cemento ósseo';
    let seen: unknown;
    const { alexa, port } = await start(async (request) => {
      const attributes: Record<string, unknown> | undefined = request.session?.attributes;
      seen = attributes?.note;
      return skill(request);
    });
    let chunks = 0;
    alexa.server.prependListener('request', (request) =>
      request.on('data', () => {
        chunks += 1;
      }),
    );
    const body = Buffer.from(JSON.stringify(launchEnvelope({ note })));
    const bone = body.indexOf(Buffer.from('🦴'));
    const pieces = [body.subarray(0, bone + 2), body.subarray(bone + 2)];
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(pieces[0])).toThrow();

    const reply = await send(port, { headers: signed(body), pieces, pauseMs: 50 });
    expect(reply.status).toBe(200);
    expect(chunks).toBeGreaterThanOrEqual(2);
    expect(seen).toBe(note);
  });

  it('refuses an unsigned request with 400 and the same generic body', async () => {
    const { port } = await start();
    const body = Buffer.from(JSON.stringify(launchEnvelope()));
    const reply = await send(port, { headers: { 'content-length': body.length }, pieces: [body] });
    expect(reply.status).toBe(400);
    expect(parsed(reply.body)).toEqual({ error: 'bad_request' });
    expect(entriesFor('request_refused')).toEqual([
      { level: 'warn', event: 'request_refused', check: 'signature_missing' },
    ]);
  });
});

describe('body size', () => {
  it('answers 413 to a declared length over 128 KB', async () => {
    const { port } = await start();
    const body = Buffer.alloc(MAX_BODY_BYTES + 1, ' ');
    const reply = await send(port, { headers: { 'content-length': body.length }, pieces: [body] });
    expect(reply.status).toBe(413);
    expect(parsed(reply.body)).toEqual({ error: 'payload_too_large' });
    expect(entriesFor('request_refused')).toEqual([
      { level: 'warn', event: 'request_refused', check: 'body_too_large' },
    ]);
  });

  it('answers 413 to a declared length over 128 KB at once, without waiting for the body', async () => {
    const { port } = await start();
    const started = Date.now();
    const reply = await send(port, {
      headers: { 'content-length': 10 * 1024 * 1024 },
      pieces: [Buffer.alloc(1024, ' ')],
    }).catch((error: unknown) => (isRecord(error) ? error.code : error));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(reply).toMatchObject({ status: 413 });
  });

  it('answers 413 to a chunked body that grows past 128 KB', async () => {
    const { port } = await start();
    const piece = Buffer.alloc(32 * 1024, ' ');
    const reply = await send(port, {
      headers: { 'transfer-encoding': 'chunked' },
      pieces: Array.from({ length: 6 }, () => piece),
      pauseMs: 5,
    });
    expect(reply.status).toBe(413);
  });

  it('reads a body of exactly 128 KB (and then refuses it for what it is, not for its size)', async () => {
    const { port } = await start();
    const body = Buffer.alloc(MAX_BODY_BYTES, ' ');
    const reply = await send(port, { headers: { 'content-length': body.length }, pieces: [body] });
    expect(reply.status).toBe(400);
    expect(entriesFor('request_refused')).toEqual([
      { level: 'warn', event: 'request_refused', check: 'signature_missing' },
    ]);
  });
});

describe('routes', () => {
  it('answers GET /healthz without touching storage or the skill', async () => {
    const calls: string[] = [];
    const spy: PersistenceAdapter = {
      getAttributes: async () => {
        calls.push('get');
        return {};
      },
      saveAttributes: async () => {
        calls.push('save');
      },
    };
    const handler = lambdaHandler(createSkill(spy));
    const { port } = await start(async (request) => {
      calls.push('skill');
      return handler(request);
    });
    const reply = await send(port, { method: 'GET', path: '/healthz' });
    expect(reply.status).toBe(200);
    expect(parsed(reply.body)).toEqual({ status: 'ok' });
    expect(calls).toEqual([]);

    const body = Buffer.from(JSON.stringify(launchEnvelope()));
    expect((await send(port, { headers: signed(body), pieces: [body] })).status).toBe(200);
    expect(calls.slice(0, 2)).toEqual(['skill', 'get']);
  });

  it('answers 404 elsewhere and 405 to the wrong method', async () => {
    const { port } = await start();
    expect((await send(port, { method: 'GET', path: '/other' })).status).toBe(404);
    const wrong = await send(port, { method: 'GET', path: '/' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect((await send(port, { method: 'POST', path: '/healthz' })).status).toBe(405);
  });

  it('answers 500, and logs only the error class, when the handler fails', async () => {
    const { port } = await start(async () => {
      throw new TypeError(`failed for ${USER_ID}`);
    }, createUnverified(SKILL_ID));
    const reply = await send(port, { pieces: [Buffer.from(JSON.stringify(launchEnvelope()))] });
    expect(reply.status).toBe(500);
    expect(parsed(reply.body)).toEqual({ error: 'internal_error' });
    expect(entriesFor('server_failed')).toEqual([{ level: 'error', event: 'server_failed', error: 'TypeError' }]);
    expect(logged.join('\n')).not.toContain(USER_ID);
  });
});

describe('with verification off', () => {
  it('answers an unsigned request and warns each time', async () => {
    const { port } = await start(skill, createUnverified(SKILL_ID));
    for (let i = 0; i < 2; i += 1) {
      const reply = await send(port, { pieces: [Buffer.from(JSON.stringify(launchEnvelope()))] });
      expect(reply.status).toBe(200);
    }
    expect(entriesFor('verification_disabled')).toEqual([
      { level: 'warn', event: 'verification_disabled' },
      { level: 'warn', event: 'verification_disabled' },
    ]);
  });

  it('still answers 400 to a body that is not JSON or not a request envelope', async () => {
    const { port } = await start(skill, createUnverified(SKILL_ID));
    expect((await send(port, { pieces: [Buffer.from('not json')] })).status).toBe(400);
    expect((await send(port, { pieces: [Buffer.from('{"version":"1.0"}')] })).status).toBe(400);
    expect(entriesFor('request_refused')).toEqual([
      { level: 'warn', event: 'request_refused', check: 'body_json' },
      { level: 'warn', event: 'request_refused', check: 'body_shape' },
    ]);
  });
});

describe('graceful shutdown', () => {
  it('lets a request in flight finish, and takes no new connections', async () => {
    let release: () => void = () => undefined;
    let arrived: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const { alexa, port } = await start(async (request) => {
      arrived();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return skill(request);
    }, createUnverified(SKILL_ID));

    const inFlight = send(port, { pieces: [Buffer.from(JSON.stringify(launchEnvelope()))] });
    await inHandler;
    let closed = false;
    const closing = alexa.close(5000).then(() => {
      closed = true;
    });
    await expect(
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => reject(error));
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closed).toBe(false);

    release();
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.headers.connection).toBe('close');
    await closing;
    expect(closed).toBe(true);
  });

  it('stops waiting for a request that never finishes once the grace period is over', async () => {
    const { alexa, port } = await start(
      () => new Promise<ResponseEnvelope>(() => undefined),
      createUnverified(SKILL_ID),
    );
    const inFlight = send(port, { pieces: [Buffer.from(JSON.stringify(launchEnvelope()))] }).catch((error: unknown) =>
      isRecord(error) ? error.code : error,
    );
    await new Promise((wait) => setTimeout(wait, 50));
    const started = Date.now();
    await alexa.close(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await inFlight).toBe('ECONNRESET');
  });
});

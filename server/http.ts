/**
 * The HTTP side: node:http on loopback, meant to sit behind a TLS-terminating proxy.
 * `POST /` takes Alexa requests, `GET /healthz` answers without touching storage. A body is read
 * whole, as bytes, before anything looks at it (the signature covers the bytes, and a multi-byte
 * character may be split across TCP chunks), and reading stops at the size limit.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { errorName, log } from '../lambda/src/log';
import { Refusal, statusFor } from './refusal';
import type { Verifier } from './verifier';

export const MAX_BODY_BYTES = 128 * 1024;

export type SkillHandler = (envelope: RequestEnvelope) => Promise<ResponseEnvelope>;

/**
 * How long a connection may stay silent or slow, and how many may be open at once. Alexa sends a
 * small request and waits at most 8 seconds for the answer; the proxy in front keeps a few idle
 * connections for 4 seconds. A socket that sends nothing, trickles its headers or its body, or idles
 * past these is closed within about a second of its limit, so silent sockets cannot use up the
 * file limit, and past `maxConnections` new sockets are closed at once rather than queued.
 */
export interface ServerLimits {
  /** From the first byte (or the connection) to the end of the headers. */
  headersTimeoutMs: number;
  /** From the connection to the end of the body. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection between requests; longer than the proxy's own (4 s in the README). */
  keepAliveTimeoutMs: number;
  /** Any socket with no traffic either way, for example a client that stops reading its answer. */
  idleTimeoutMs: number;
  /** How often Node checks the header and request timeouts (30 s by default, which let them fire late). */
  checkIntervalMs: number;
  maxConnections: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 10_000,
  checkIntervalMs: 1_000,
  maxConnections: 256,
};

export interface AlexaServerOptions {
  handler: SkillHandler;
  verifier: Verifier;
  maxBodyBytes?: number;
  limits?: Partial<ServerLimits>;
}

export interface AlexaServer {
  server: Server;
  /** Stops accepting connections and resolves once requests in flight have been answered (or `graceMs` has passed). */
  close(graceMs: number): Promise<void>;
}

/** The client went away before its body arrived: there is no one to answer. */
class ClientGone extends Error {
  override name = 'ClientGone';
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new Refusal('body_too_large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };
    request.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) settle(() => reject(new Refusal('body_too_large')));
      else chunks.push(chunk);
    });
    request.on('end', () => settle(() => resolve(Buffer.concat(chunks, size))));
    request.on('error', () => settle(() => reject(new ClientGone())));
    request.on('close', () => settle(() => reject(new ClientGone())));
  });
}

const REFUSED = { 400: JSON.stringify({ error: 'bad_request' }), 413: JSON.stringify({ error: 'payload_too_large' }) };

export function createAlexaServer({
  handler,
  verifier,
  maxBodyBytes = MAX_BODY_BYTES,
  limits = {},
}: AlexaServerOptions): AlexaServer {
  const limit: ServerLimits = { ...DEFAULT_LIMITS, ...limits };
  let closing = false;

  function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    if (response.headersSent || response.destroyed) return;
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body, 'utf8')),
      'cache-control': 'no-store',
      ...headers,
      ...(closing ? { connection: 'close' } : {}),
    });
    response.end(body);
  }

  async function alexa(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const body = await readBody(request, maxBodyBytes);
      const envelope = await verifier.verify(request.headers, body);
      send(response, 200, JSON.stringify(await handler(envelope)));
    } catch (error) {
      if (error instanceof Refusal) {
        log('warn', { event: 'request_refused', check: error.check });
        const status = statusFor(error.check);
        // A body over the limit is not read to its end: close the connection rather than drain it.
        send(response, status, REFUSED[status], status === 413 ? { connection: 'close' } : {});
      } else if (!(error instanceof ClientGone)) {
        log('error', { event: 'server_failed', error: errorName(error) });
        send(response, 500, JSON.stringify({ error: 'internal_error' }));
      }
    }
  }

  function route(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '').split('?')[0];
    if (path === '/healthz') {
      if (request.method === 'GET' || request.method === 'HEAD') send(response, 200, JSON.stringify({ status: 'ok' }));
      else send(response, 405, JSON.stringify({ error: 'method_not_allowed' }), { allow: 'GET, HEAD' });
    } else if (path === '/') {
      if (request.method === 'POST') void alexa(request, response);
      else send(response, 405, JSON.stringify({ error: 'method_not_allowed' }), { allow: 'POST' });
    } else {
      send(response, 404, JSON.stringify({ error: 'not_found' }));
    }
  }

  const server = createServer(
    {
      headersTimeout: limit.headersTimeoutMs,
      requestTimeout: limit.requestTimeoutMs,
      keepAliveTimeout: limit.keepAliveTimeoutMs,
      connectionsCheckingInterval: limit.checkIntervalMs,
    },
    route,
  );
  server.maxConnections = limit.maxConnections;
  server.setTimeout(limit.idleTimeoutMs, (socket) => socket.destroy());

  function close(graceMs: number): Promise<void> {
    closing = true;
    return new Promise((resolve) => {
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      server.close(() => {
        clearTimeout(deadline);
        resolve();
      });
      server.closeIdleConnections();
    });
  }

  return { server, close };
}

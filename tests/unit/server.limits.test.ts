/**
 * Issue 18, findings 4 and 5: silent, slow and idle sockets are closed within seconds, with the
 * server's real limits, and past the connection limit new sockets are closed at once, so they can
 * never lock real requests out. The bounds below are the limit plus two check intervals and a margin
 * for a busy machine; before the fix a silent socket stayed open for up to 40 seconds.
 */
import { request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { setLogSink } from '../../lambda/src/log';
import { createAlexaServer, DEFAULT_LIMITS, type AlexaServer, type ServerLimits } from '../../server/http';
import { createUnverified } from '../../server/verifier';

const running: AlexaServer[] = [];
const sockets: Socket[] = [];
let restoreLogs: () => void;

beforeEach(() => {
  restoreLogs = setLogSink(() => undefined);
});

afterEach(async () => {
  restoreLogs();
  sockets.splice(0).forEach((socket) => socket.destroy());
  await Promise.all(running.splice(0).map((alexa) => alexa.close(0)));
});

async function start(limits?: Partial<ServerLimits>): Promise<number> {
  const alexa = createAlexaServer({
    handler: async () => ({ version: '1.0', response: {} }),
    verifier: createUnverified(undefined),
    limits,
  });
  running.push(alexa);
  await new Promise<void>((resolve) => alexa.server.listen(0, '127.0.0.1', resolve));
  const address = alexa.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return (address satisfies AddressInfo).port;
}

/** Opens a socket that reads (and drops) whatever arrives; resolves with how long it stayed open. */
function open(
  port: number,
  write?: (socket: Socket) => void,
): { opened: Promise<void>; closedAfterMs: Promise<number> } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => undefined);
  socket.resume();
  const started = Date.now();
  const opened = new Promise<void>((resolve) =>
    socket.once('connect', () => {
      write?.(socket);
      resolve();
    }),
  );
  const closedAfterMs = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  return { opened, closedAfterMs };
}

/** Writes a piece every `everyMs` until the socket closes. */
function trickle(pieces: () => string, everyMs: number): (socket: Socket) => void {
  return (socket) => {
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write(pieces());
    }, everyMs);
    socket.once('close', () => clearInterval(timer));
  };
}

function healthz(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

const margin = 2 * DEFAULT_LIMITS.checkIntervalMs + 2_000;

describe('the default limits', () => {
  it('are seconds, checked every second, with a connection cap', () => {
    expect(DEFAULT_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(5_000);
    expect(DEFAULT_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_LIMITS.checkIntervalMs).toBeLessThanOrEqual(1_000);
    // Longer than the proxy's idle keep-alive (4 s in the README), so the proxy closes first.
    expect(DEFAULT_LIMITS.keepAliveTimeoutMs).toBeGreaterThan(4_000);
    expect(DEFAULT_LIMITS.maxConnections).toBeLessThan(1_000);
  });
});

describe('sockets that are silent, slow or idle are closed within seconds', () => {
  it('silent, trickled headers, trickled body and idle keep-alive, all at once', async () => {
    const port = await start();
    const silent = open(port);
    const slowHeaders = open(port, (socket) => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\n');
      let n = 0;
      trickle(() => `X-Slow-${(n += 1)}: y\r\n`, 500)(socket);
    });
    const slowBody = open(port, (socket) => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n');
      trickle(() => ' ', 500)(socket);
    });
    const idle = open(port, (socket) => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
    const [silentMs, headersMs, bodyMs, idleMs] = await Promise.all(
      [silent, slowHeaders, slowBody, idle].map((s) => s.closedAfterMs),
    );
    expect(silentMs).toBeLessThan(DEFAULT_LIMITS.headersTimeoutMs + margin);
    expect(headersMs).toBeLessThan(DEFAULT_LIMITS.headersTimeoutMs + margin);
    expect(bodyMs).toBeLessThan(DEFAULT_LIMITS.requestTimeoutMs + margin);
    expect(idleMs).toBeLessThan(DEFAULT_LIMITS.keepAliveTimeoutMs + margin);
  }, 30_000);
});

describe('past the connection limit', () => {
  it('new sockets are closed at once, and real requests are answered again once silent ones time out', async () => {
    const port = await start({ maxConnections: 20, headersTimeoutMs: 1_000, checkIntervalMs: 200 });
    const silent = Array.from({ length: 20 }, () => open(port));
    await Promise.all(silent.map((s) => s.opened));
    const extra = open(port);
    expect(await extra.closedAfterMs).toBeLessThan(1_000);
    await Promise.all(silent.map((s) => s.closedAfterMs));
    expect(await healthz(port)).toBe(200);
  }, 20_000);
});

/**
 * Issue 18, finding 1: while another process holds the SQLite write lock, the event loop is never
 * blocked for long, /healthz answers at once, a launch answers within the save budget, and the
 * save still lands, in order, once the lock is released. Before the fix each save blocked the event
 * loop for better-sqlite3's 5-second busy timeout (a launch took 5.1 s, /healthz 4.6 s).
 * The bounds are the budgets plus a wide margin for a busy machine, far below the 5 s they guard.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createSkill, lambdaHandler } from '../../lambda/src/skill';
import { setLogSink } from '../../lambda/src/log';
import { userKey } from '../../lambda/src/persistence/key';
import { SqlitePersistenceAdapter } from '../../server/sqlite';
import { createAlexaServer, type AlexaServer } from '../../server/http';
import { createUnverified } from '../../server/verifier';
import { envelope, launchRequest } from '../helpers/envelopes';

const SECRET = 'sqlite-lock-test-secret';
const HOLD_MS = 3000;

let dir: string;
let file: string;
let adapter: SqlitePersistenceAdapter;
let alexa: AlexaServer;
let port: number;
let holder: ChildProcessWithoutNullStreams | undefined;
let restoreLogs: () => void;

beforeEach(async () => {
  restoreLogs = setLogSink(() => undefined);
  dir = mkdtempSync(join(tmpdir(), 'sqlite-lock-'));
  file = join(dir, 'preferences.sqlite');
  adapter = new SqlitePersistenceAdapter({ file, secret: SECRET });
  alexa = createAlexaServer({
    handler: lambdaHandler(createSkill(adapter), undefined),
    verifier: createUnverified(undefined),
  });
  await new Promise<void>((resolve) => alexa.server.listen(0, '127.0.0.1', resolve));
  const address = alexa.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  port = address.port;
});

afterEach(async () => {
  holder?.kill();
  holder = undefined;
  await alexa.close(0);
  await adapter.close();
  rmSync(dir, { recursive: true, force: true });
  restoreLogs();
});

/** Another process takes the write lock (BEGIN IMMEDIATE) and keeps it for `ms`; resolves once it holds it. */
function holdWriteLock(ms: number): Promise<void> {
  const script = `
    const Database = require(process.argv[1]);
    const db = new Database(process.argv[2]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); }, Number(process.argv[3]));
  `;
  const child = spawn(process.execPath, ['-e', script, require.resolve('better-sqlite3'), file, String(ms)]);
  holder = child;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${String(code)}`)));
  });
}

function timed(
  method: 'GET' | 'POST',
  path: string,
  body?: string,
): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: false,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ms: Date.now() - started,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function storedRow(userId: string): unknown {
  const reader = new Database(file, { readonly: true });
  try {
    return reader
      .prepare('SELECT attributes FROM preferences WHERE id = ?')
      .get(userKey(envelope(launchRequest(), { userId }), SECRET));
  } finally {
    reader.close();
  }
}

async function eventually(check: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('another process holds the SQLite write lock', () => {
  it('neither /healthz nor a launch waits for it, the event loop keeps turning, and the save lands afterwards', async () => {
    await holdWriteLock(HOLD_MS);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const userId = 'amzn1.ask.account.sqlite-lock-user';
    const [launch, health] = await Promise.all([
      timed('POST', '/', JSON.stringify(envelope(launchRequest(), { userId }))),
      timed('GET', '/healthz'),
    ]);
    const laterHealth = await timed('GET', '/healthz');
    delay.disable();

    expect(launch.status).toBe(200);
    expect(launch.body).toContain('<speak>');
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(1000);
    expect(laterHealth.ms).toBeLessThan(1000);
    // The save budget is 1 s: the listener waits for it, never for the lock.
    expect(launch.ms).toBeLessThan(2500);
    expect(delay.max / 1e6).toBeLessThan(500);
    expect(storedRow(userId)).toBeUndefined();

    // Nothing is lost: once the lock is released, the save that outlived its budget lands.
    expect(await eventually(() => storedRow(userId) !== undefined, HOLD_MS + 3000)).toBe(true);
  }, 20_000);

  it('a save and then a delete asked for while it is held land in that order: the delete wins', async () => {
    await holdWriteLock(1500);
    const request = envelope(launchRequest(), { userId: 'amzn1.ask.account.sqlite-order-user' });
    const saved = adapter.saveAttributes(request, { version: 1, rate: 70 });
    const deleted = adapter.deleteAttributes(request);
    await Promise.all([saved, deleted]);
    expect(await adapter.getAttributes(request)).toEqual({});
    // A forget leaves an empty row with its stamp (so a late save cannot bring the record back), not no row.
    expect(storedRow('amzn1.ask.account.sqlite-order-user')).toEqual({ attributes: '{}' });
  }, 20_000);

  it('reads are answered while the lock is held', async () => {
    const request = envelope(launchRequest(), { userId: 'amzn1.ask.account.sqlite-read-user' });
    await adapter.saveAttributes(request, { version: 1, rate: 85 });
    await holdWriteLock(2000);
    const started = Date.now();
    expect(await adapter.getAttributes(request)).toEqual({ version: 1, rate: 85 });
    expect(Date.now() - started).toBeLessThan(300);
  }, 20_000);
});

describe('a lock held longer than the busy timeout', () => {
  it('fails the write with SQLITE_BUSY, off the event loop, and the next write succeeds', async () => {
    const quick = new SqlitePersistenceAdapter({ file, secret: SECRET, busyTimeoutMs: 200 });
    try {
      await holdWriteLock(1500);
      const request = envelope(launchRequest(), { userId: 'amzn1.ask.account.sqlite-busy-user' });
      await expect(quick.saveAttributes(request, { version: 1, rate: 70 })).rejects.toMatchObject({
        name: 'SqliteWriteError',
        code: 'SQLITE_BUSY',
      });
      await new Promise((resolve) => setTimeout(resolve, 1600));
      await quick.saveAttributes(request, { version: 1, rate: 70 });
      expect(await quick.getAttributes(request)).toEqual({ version: 1, rate: 70 });
    } finally {
      await quick.close();
    }
  }, 20_000);
});

describe('closing', () => {
  it('lets a write asked for before close land, refuses writes after it, and can be called twice', async () => {
    const own = new SqlitePersistenceAdapter({ file, secret: SECRET });
    const request = envelope(launchRequest(), { userId: 'amzn1.ask.account.sqlite-close-user' });
    const saving = own.saveAttributes(request, { version: 1, rate: 115 });
    await own.close();
    await saving;
    expect(storedRow('amzn1.ask.account.sqlite-close-user')).toEqual({
      attributes: JSON.stringify({ version: 1, rate: 115 }),
    });
    await expect(own.saveAttributes(request, { version: 1, rate: 70 })).rejects.toMatchObject({
      name: 'SqliteUnavailableError',
    });
    await expect(own.close()).resolves.toBeUndefined();
  });
});

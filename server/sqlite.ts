/**
 * Preferences in a local SQLite file, with better-sqlite3 (a native module: for local runs and
 * self-hosting, not the Lambda bundle). WAL with synchronous FULL, and each save is one upsert
 * statement, so a crash mid-write leaves either the old row or the new one, never half of either.
 * As in every store, each write carries a stamp (when it was made): a save lands only over a row no
 * newer than itself, and "forget" leaves a row with nothing in it but the key and the stamp, so a
 * save from another process that arrives late cannot bring forgotten preferences back.
 *
 * better-sqlite3 is synchronous, and a write can wait: for another process that holds the write
 * lock (up to the busy timeout), and for the disk (the fsync of synchronous FULL took up to 130 ms
 * on this project's shared machine). So writes run on a thread of their own, one after another in
 * the order they were asked for, and the event loop only posts a message and waits for the reply. A
 * save that outlives its caller's budget still lands in order, before any later save or delete.
 * Reads stay on the main thread: in WAL mode a reader never waits for a writer, and a read is a few
 * microseconds. A read that is refused as busy (only while another process recovers the file) is
 * retried off the event loop, then given up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { isRecord } from '../lambda/src/json';
import {
  CorruptPreferencesError,
  decodeAttributes,
  encodeAttributes,
  userKey,
  type Attributes,
  type Clock,
} from '../lambda/src/persistence/key';

export interface SqlitePersistenceOptions {
  file: string;
  secret: string;
  /** Where stamps come from; Date.now by default. */
  now?: Clock;
  /** How long the writer thread waits for another process's write lock before a write fails. */
  busyTimeoutMs?: number;
  /** How long a busy read is retried, off the event loop, before it fails. */
  readRetryMs?: number;
}

/** SQLite's own default in better-sqlite3; it blocks only the writer thread. */
const BUSY_TIMEOUT_MS = 5000;
/** Shorter than the load budget (300 ms), so a busy read fails in time for the skill to use defaults. */
const READ_RETRY_MS = 250;
/** Writes waiting at once; past it a save fails at once rather than queue without end behind a held lock. */
const MAX_PENDING_WRITES = 1000;

const SCHEMA =
  'CREATE TABLE IF NOT EXISTS preferences (id TEXT PRIMARY KEY, attributes TEXT NOT NULL, updated_at TEXT NOT NULL, stamp INTEGER NOT NULL DEFAULT 0)';

const INSERT =
  'INSERT INTO preferences (id, attributes, updated_at, stamp) VALUES (?, ?, ?, ?) ' +
  'ON CONFLICT(id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at, stamp = excluded.stamp';

/** A save lands only over a row no newer than itself; a forget always lands, as an empty stamped row. */
const WRITES = {
  upsert: `${INSERT} WHERE excluded.stamp >= preferences.stamp`,
  forget: INSERT,
};

const FORGOTTEN = encodeAttributes({});

type WriteName = keyof typeof WRITES;
type Params = readonly (string | number)[];

/**
 * The writer thread. It is source text, run with `eval`, because the same code must run under
 * ts-jest (which cannot load a TypeScript worker file) and from the esbuild bundle (which would need
 * a second entry point and a path to it). It knows nothing of preferences: it opens the file, prepares
 * the statements it is given, and runs each message's statement, answering with the outcome.
 */
const WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const statements = new Map(Object.entries(workerData.statements).map(([name, sql]) => [name, db.prepare(sql)]));
parentPort.on('message', ({ id, name, params }) => {
  if (name === 'close') {
    db.close();
    parentPort.postMessage({ id, ok: true });
    parentPort.close();
    return;
  }
  try {
    statements.get(name).run(...params);
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    const code = error !== null && typeof error === 'object' && typeof error.code === 'string' ? error.code : 'unknown';
    parentPort.postMessage({ id, ok: false, code });
  }
});
`;

/** A write SQLite refused, with its result code (SQLITE_BUSY when another process held the lock). */
export class SqliteWriteError extends Error {
  override name = 'SqliteWriteError';

  constructor(readonly code: string) {
    super(`SQLite write failed: ${code}`);
  }
}

/** More writes are waiting than MAX_PENDING_WRITES, or the store is closed. */
export class SqliteUnavailableError extends Error {
  override name = 'SqliteUnavailableError';
}

/** A read that stayed busy for its whole retry time. */
export class SqliteBusyError extends Error {
  override name = 'SqliteBusyError';
}

interface Waiting {
  resolve: () => void;
  reject: (error: Error) => void;
}

function isBusy(error: unknown): boolean {
  return isRecord(error) && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED');
}

export class SqlitePersistenceAdapter implements PersistenceAdapter {
  private readonly reader: Database.Database;
  private readonly secret: string;
  private readonly select: Database.Statement<[string], { attributes: unknown }>;
  private readonly writer: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private readonly readRetryMs: number;
  private readonly now: Clock;
  private nextId = 0;
  /** close() was called: no new writes. */
  private closing = false;
  /** The writer thread has stopped (closed, or failed): nothing more can be posted to it. */
  private stopped = false;

  constructor({
    file,
    secret,
    now = Date.now,
    busyTimeoutMs = BUSY_TIMEOUT_MS,
    readRetryMs = READ_RETRY_MS,
  }: SqlitePersistenceOptions) {
    this.secret = secret;
    this.now = now;
    this.readRetryMs = readRetryMs;
    // The schema is made here, once, before anything is served; the reader never waits for a lock.
    this.reader = new Database(file, { timeout: busyTimeoutMs });
    this.reader.pragma('journal_mode = WAL');
    this.reader.exec(SCHEMA);
    // A file made before stamps existed: its rows count as older than any new write.
    const columns = this.reader
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('preferences')")
      .all();
    if (!columns.some((column) => column.name === 'stamp'))
      this.reader.exec('ALTER TABLE preferences ADD COLUMN stamp INTEGER NOT NULL DEFAULT 0');
    this.reader.pragma('busy_timeout = 0');
    this.select = this.reader.prepare<[string], { attributes: unknown }>(
      'SELECT attributes FROM preferences WHERE id = ?',
    );
    this.writer = new Worker(WRITER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file, busyTimeoutMs, statements: WRITES },
    });
    this.writer.on('message', (reply: unknown) => this.settle(reply));
    this.writer.on('error', () => this.stop());
    this.writer.on('exit', () => this.stop());
    // An idle writer does not keep the process alive; one with writes to finish does.
    this.writer.unref();
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Attributes> {
    const key = userKey(envelope, this.secret);
    const row = await this.read(key);
    if (row === undefined) return {};
    if (typeof row.attributes !== 'string') throw new CorruptPreferencesError();
    return decodeAttributes(row.attributes);
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Attributes): Promise<void> {
    const stamp = this.now();
    await this.write('upsert', [
      userKey(envelope, this.secret),
      encodeAttributes(attributes),
      new Date(stamp).toISOString(),
      stamp,
    ]);
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    const stamp = this.now();
    await this.write('forget', [userKey(envelope, this.secret), FORGOTTEN, new Date(stamp).toISOString(), stamp]);
  }

  /** Writes asked for before close still land; then the file is closed. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    try {
      if (!this.stopped) await this.post('close', []);
    } finally {
      this.reader.close();
    }
  }

  private async read(key: string): Promise<{ attributes: unknown } | undefined> {
    const deadline = Date.now() + this.readRetryMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 50)) {
      try {
        return this.select.get(key);
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() + pause > deadline) throw new SqliteBusyError();
      }
      await sleep(pause);
    }
  }

  private write(name: WriteName, params: Params): Promise<void> {
    if (this.closing || this.stopped || this.waiting.size >= MAX_PENDING_WRITES)
      return Promise.reject(new SqliteUnavailableError());
    return this.post(name, params);
  }

  private post(name: WriteName | 'close', params: Params): Promise<void> {
    const id = (this.nextId += 1);
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) this.writer.ref();
      this.writer.postMessage({ id, name, params });
    });
  }

  private settle(reply: unknown): void {
    if (!isRecord(reply) || typeof reply.id !== 'number') return;
    const waiting = this.waiting.get(reply.id);
    if (waiting === undefined) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.writer.unref();
    if (reply.ok === true) waiting.resolve();
    else waiting.reject(new SqliteWriteError(typeof reply.code === 'string' ? reply.code : 'unknown'));
  }

  private stop(): void {
    this.stopped = true;
    for (const waiting of this.waiting.values()) waiting.reject(new SqliteUnavailableError());
    this.waiting.clear();
  }
}

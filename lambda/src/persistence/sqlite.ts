/**
 * Preferences in a local SQLite file, with better-sqlite3 (a native module: for local runs and
 * self-hosting, not the Lambda bundle). WAL with synchronous FULL, and each save is one upsert
 * statement, so a crash mid-write leaves either the old row or the new one, never half of either.
 * As in every store, each write carries a stamp (when it was made): a save lands only over a row no
 * newer than itself, and "forget" leaves a row with nothing in it but the key and the stamp, so a
 * save from another process that arrives late cannot bring forgotten preferences back.
 */
import Database from 'better-sqlite3';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { CorruptPreferencesError, decodeAttributes, encodeAttributes, userKey, type Attributes, type Clock } from './key';

export interface SqlitePersistenceOptions {
  file: string;
  secret: string;
  /** Where stamps come from; Date.now by default. */
  now?: Clock;
}

const FORGOTTEN = encodeAttributes({});

export class SqlitePersistenceAdapter implements PersistenceAdapter {
  private readonly db: Database.Database;
  private readonly secret: string;
  private readonly select: Database.Statement<[string], { attributes: unknown }>;
  private readonly upsert: Database.Statement<[string, string, string, number], unknown>;
  private readonly forget: Database.Statement<[string, string, string, number], unknown>;
  private readonly now: Clock;

  constructor({ file, secret, now = Date.now }: SqlitePersistenceOptions) {
    this.secret = secret;
    this.now = now;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec('CREATE TABLE IF NOT EXISTS preferences (id TEXT PRIMARY KEY, attributes TEXT NOT NULL, updated_at TEXT NOT NULL, stamp INTEGER NOT NULL DEFAULT 0)');
    // A file made before stamps existed: its rows count as older than any new write.
    const columns = this.db.prepare<[], { name: string }>('SELECT name FROM pragma_table_info(\'preferences\')').all();
    if (!columns.some((column) => column.name === 'stamp')) this.db.exec('ALTER TABLE preferences ADD COLUMN stamp INTEGER NOT NULL DEFAULT 0');
    this.select = this.db.prepare<[string], { attributes: unknown }>('SELECT attributes FROM preferences WHERE id = ?');
    const insert = 'INSERT INTO preferences (id, attributes, updated_at, stamp) VALUES (?, ?, ?, ?) '
      + 'ON CONFLICT(id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at, stamp = excluded.stamp';
    this.upsert = this.db.prepare<[string, string, string, number], unknown>(`${insert} WHERE excluded.stamp >= preferences.stamp`);
    this.forget = this.db.prepare<[string, string, string, number], unknown>(insert);
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Attributes> {
    const row = this.select.get(userKey(envelope, this.secret));
    if (row === undefined) return {};
    if (typeof row.attributes !== 'string') throw new CorruptPreferencesError();
    return decodeAttributes(row.attributes);
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Attributes): Promise<void> {
    const stamp = this.now();
    this.upsert.run(userKey(envelope, this.secret), encodeAttributes(attributes), new Date(stamp).toISOString(), stamp);
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    const stamp = this.now();
    this.forget.run(userKey(envelope, this.secret), FORGOTTEN, new Date(stamp).toISOString(), stamp);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Preferences in a local SQLite file, with better-sqlite3 (a native module: for local runs and
 * self-hosting, not the Lambda bundle). WAL with synchronous FULL, and each save is one upsert
 * statement, so a crash mid-write leaves either the old row or the new one, never half of either.
 */
import Database from 'better-sqlite3';
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { CorruptPreferencesError, decodeAttributes, encodeAttributes, userKey, type Attributes } from './key';

export interface SqlitePersistenceOptions {
  file: string;
  secret: string;
}

export class SqlitePersistenceAdapter implements PersistenceAdapter {
  private readonly db: Database.Database;
  private readonly secret: string;
  private readonly select: Database.Statement<[string], { attributes: unknown }>;
  private readonly upsert: Database.Statement<[string, string, string], unknown>;
  private readonly remove: Database.Statement<[string], unknown>;

  constructor({ file, secret }: SqlitePersistenceOptions) {
    this.secret = secret;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec('CREATE TABLE IF NOT EXISTS preferences (id TEXT PRIMARY KEY, attributes TEXT NOT NULL, updated_at TEXT NOT NULL)');
    this.select = this.db.prepare<[string], { attributes: unknown }>('SELECT attributes FROM preferences WHERE id = ?');
    this.upsert = this.db.prepare<[string, string, string], unknown>(
      'INSERT INTO preferences (id, attributes, updated_at) VALUES (?, ?, ?) '
      + 'ON CONFLICT(id) DO UPDATE SET attributes = excluded.attributes, updated_at = excluded.updated_at',
    );
    this.remove = this.db.prepare<[string], unknown>('DELETE FROM preferences WHERE id = ?');
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Attributes> {
    const row = this.select.get(userKey(envelope, this.secret));
    if (row === undefined) return {};
    if (typeof row.attributes !== 'string') throw new CorruptPreferencesError();
    return decodeAttributes(row.attributes);
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Attributes): Promise<void> {
    this.upsert.run(userKey(envelope, this.secret), encodeAttributes(attributes), new Date().toISOString());
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    this.remove.run(userKey(envelope, this.secret));
  }

  close(): void {
    this.db.close();
  }
}

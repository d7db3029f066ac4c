/**
 * Preferences in this process's memory, for local runs and tests. Each listener's attributes are kept
 * as JSON text under their userKey, so callers always get a copy and never share an object. As in
 * every store, a save lands only over something no newer than itself, and "forget" leaves a
 * tombstone (the key and the time) that no older save can land over.
 */
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { decodeAttributes, encodeAttributes, userKey, type Attributes, type Clock } from './key';

interface Row {
  stamp: number;
  /** Undefined for a tombstone. */
  text: string | undefined;
}

export class MemoryPersistenceAdapter implements PersistenceAdapter {
  private readonly rows = new Map<string, Row>();
  private readonly secret: string;
  private readonly now: Clock;

  constructor({ secret, now = Date.now }: { secret: string; now?: Clock }) {
    this.secret = secret;
    this.now = now;
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Attributes> {
    const stored = this.rows.get(userKey(envelope, this.secret))?.text;
    return stored === undefined ? {} : decodeAttributes(stored);
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Attributes): Promise<void> {
    const stamp = this.now();
    const id = userKey(envelope, this.secret);
    const existing = this.rows.get(id);
    if (existing !== undefined && existing.stamp > stamp) return;
    this.rows.set(id, { stamp, text: encodeAttributes(attributes) });
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    this.rows.set(userKey(envelope, this.secret), { stamp: this.now(), text: undefined });
  }
}

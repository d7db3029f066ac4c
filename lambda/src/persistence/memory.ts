/**
 * Preferences in this process's memory, for local runs and tests. Each listener's attributes are kept
 * as JSON text under their userKey, so callers always get a copy and never share an object.
 */
import type { PersistenceAdapter } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { decodeAttributes, encodeAttributes, userKey, type Attributes } from './key';

export class MemoryPersistenceAdapter implements PersistenceAdapter {
  private readonly rows = new Map<string, string>();
  private readonly secret: string;

  constructor({ secret }: { secret: string }) {
    this.secret = secret;
  }

  async getAttributes(envelope: RequestEnvelope): Promise<Attributes> {
    const stored = this.rows.get(userKey(envelope, this.secret));
    return stored === undefined ? {} : decodeAttributes(stored);
  }

  async saveAttributes(envelope: RequestEnvelope, attributes: Attributes): Promise<void> {
    this.rows.set(userKey(envelope, this.secret), encodeAttributes(attributes));
  }

  async deleteAttributes(envelope: RequestEnvelope): Promise<void> {
    this.rows.delete(userKey(envelope, this.secret));
  }
}

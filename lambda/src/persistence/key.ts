/**
 * What every preference store shares: the key a listener's row is stored under, and the one stored
 * form of their attributes. The key is an HMAC of the Alexa userId with a secret held outside the
 * store, so no raw Amazon identifier is ever written, and a copy of the table alone cannot be joined
 * back to Alexa accounts.
 */
import { createHmac } from 'node:crypto';
import type { RequestEnvelope } from 'ask-sdk-model';
import { isRecord } from '../json';

export class MissingUserError extends Error {
  override name = 'MissingUserError';

  constructor() {
    super('The request has no Alexa userId');
  }
}

export class MissingSecretError extends Error {
  override name = 'MissingSecretError';

  constructor() {
    super('PREFERENCES_HMAC_KEY is not set');
  }
}

/** Stored attributes that are not a JSON object. The message never repeats what was stored. */
export class CorruptPreferencesError extends Error {
  override name = 'CorruptPreferencesError';

  constructor() {
    super('The stored preferences are not a JSON object');
  }
}

export type Attributes = Record<string, unknown>;

/** Milliseconds since the epoch: when a write was made, which orders writes (Date.now unless a test sets it). */
export type Clock = () => number;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Keys already worked out in this process, by secret and then userId: a session's turns (the load and
 * each save) need the same key again. Memory only, never logged; the cap bounds it.
 */
const MAX_KEYS = 10_000;
const keys = new Map<string, Map<string, string>>();

/** The hex HMAC-SHA-256 of the listener's userId: 64 characters, the same for the same secret. */
export function userKey(envelope: RequestEnvelope, secret: string): string {
  if (secret === '') throw new MissingSecretError();
  const userId = nonEmpty(envelope.context?.System?.user?.userId) ?? nonEmpty(envelope.session?.user?.userId);
  if (userId === undefined) throw new MissingUserError();
  const bySecret = keys.get(secret) ?? new Map<string, string>();
  keys.set(secret, bySecret);
  const known = bySecret.get(userId);
  if (known !== undefined) return known;
  const key = createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
  if (bySecret.size >= MAX_KEYS) bySecret.clear();
  bySecret.set(userId, key);
  return key;
}

/** The HMAC secret from PREFERENCES_HMAC_KEY; throws MissingSecretError when it is unset or empty. */
export function secretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const secret = nonEmpty(env.PREFERENCES_HMAC_KEY);
  if (secret === undefined) throw new MissingSecretError();
  return secret;
}

/** A key too short or too plain to keep stored preferences unlinkable. The message never repeats the key. */
export class WeakSecretError extends Error {
  override name = 'WeakSecretError';

  constructor(reason: string) {
    super(
      `PREFERENCES_HMAC_KEY ${reason}. Use at least ${MIN_SECRET_BYTES} random bytes, for example the output of \`openssl rand -hex 32\`, and keep it: a new key makes every stored preference unreachable.`,
    );
  }
}

/** As long as the HMAC-SHA-256 output: a shorter key is easier to guess than the hash is to invert. */
export const MIN_SECRET_BYTES = 32;

/** Words that mark a value copied from documentation or an example rather than generated. */
const PLACEHOLDER = /[<>]|change.?me|replace|placeholder|example|secret|password|your.?key|todo|xxxx/i;

/** Random text of this length has far more distinct characters; "aaaa…" or "1212…" does not. */
const MIN_DISTINCT_CHARACTERS = 10;

/** Throws WeakSecretError for a key shorter than 32 bytes, an obvious placeholder, or one with few distinct characters. */
export function checkSecretStrength(secret: string): void {
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES)
    throw new WeakSecretError(`is shorter than ${MIN_SECRET_BYTES} bytes`);
  if (PLACEHOLDER.test(secret)) throw new WeakSecretError('looks like a placeholder');
  if (new Set(secret).size < MIN_DISTINCT_CHARACTERS)
    throw new WeakSecretError('repeats too few characters to be random');
}

/**
 * The HMAC secret for the self-hosted server: as secretFromEnv, and refused when it is weak. The
 * Lambda keeps secretFromEnv, whose key the stack generates (64 characters), so that a bad setting
 * there can never stop the emergency answer from loading.
 */
export function strongSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const secret = secretFromEnv(env);
  checkSecretStrength(secret);
  return secret;
}

/** The stored form: JSON text, so every store keeps exactly what JSON keeps (undefined values are dropped). */
export function encodeAttributes(attributes: Attributes): string {
  return JSON.stringify(attributes);
}

/** Parses a stored form; anything but a JSON object throws CorruptPreferencesError, without the text or a cause. */
export function decodeAttributes(text: string): Attributes {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CorruptPreferencesError();
  }
  if (!isRecord(value)) throw new CorruptPreferencesError();
  return value;
}

/** A deep copy with JSON's semantics, for stores that keep structured values rather than text. */
export function jsonCopy(attributes: Attributes): Attributes {
  return decodeAttributes(encodeAttributes(attributes));
}

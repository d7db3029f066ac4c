/** The key preferences are stored under: an HMAC of the Alexa userId, never the userId itself. */
import type { RequestEnvelope } from 'ask-sdk-model';
import {
  checkSecretStrength,
  MissingSecretError,
  MissingUserError,
  secretFromEnv,
  strongSecretFromEnv,
  userKey,
  WeakSecretError,
} from '../../lambda/src/persistence/key';
import { envelope, launchRequest } from '../helpers/envelopes';

const USER = 'amzn1.ask.account.test';
const SECRET = 'test-secret';

/** A launch envelope whose context and session carry the given userIds. */
function envelopeWith(contextUserId: string, sessionUserId: string): RequestEnvelope {
  const base = envelope(launchRequest(), { userId: 'amzn1.ask.account.test' });
  const { session } = base;
  return {
    ...base,
    context: { ...base.context, System: { ...base.context.System, user: { userId: contextUserId } } },
    ...(session === undefined ? {} : { session: { ...session, user: { userId: sessionUserId } } }),
  };
}

describe('userKey', () => {
  const key = userKey(envelope(launchRequest(), { userId: 'amzn1.ask.account.test' }), SECRET);

  it('is 64 lowercase hex characters', () => {
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same user and secret', () => {
    expect(userKey(envelope(launchRequest(), { userId: 'amzn1.ask.account.test' }), SECRET)).toBe(key);
  });

  it('is HMAC-SHA-256 of the userId, so stored rows stay reachable across releases', () => {
    expect(key).toBe('caaa9cd2675f6b3a72fde60f4df2f620d8a658482425ea9480e65e374f66fa48');
  });

  it('differs for another secret', () => {
    expect(userKey(envelope(launchRequest(), { userId: 'amzn1.ask.account.test' }), 'another-secret')).not.toBe(key);
  });

  it('differs for another user', () => {
    const other = 'amzn1.ask.account.other';
    expect(userKey(envelopeWith(other, other), SECRET)).not.toBe(key);
  });

  it('never contains the userId', () => {
    expect(key).not.toContain(USER);
    expect(key).not.toContain('amzn1');
  });

  it('uses context.System.user.userId before the session user', () => {
    expect(userKey(envelopeWith(USER, 'amzn1.ask.account.session-only'), SECRET)).toBe(key);
  });

  it('falls back to session.user.userId when the context has none', () => {
    expect(userKey(envelopeWith('', USER), SECRET)).toBe(key);
  });

  it('throws MissingUserError when there is no userId at all', () => {
    expect(() => userKey(envelopeWith('', ''), SECRET)).toThrow(MissingUserError);
  });

  it('throws MissingSecretError for an empty secret', () => {
    expect(() => userKey(envelope(launchRequest(), { userId: 'amzn1.ask.account.test' }), '')).toThrow(
      MissingSecretError,
    );
  });
});

describe('secretFromEnv', () => {
  it('reads PREFERENCES_HMAC_KEY', () => {
    expect(secretFromEnv({ PREFERENCES_HMAC_KEY: 'from-env' })).toBe('from-env');
  });

  it.each([
    ['unset', {}],
    ['empty', { PREFERENCES_HMAC_KEY: '' }],
  ])('throws MissingSecretError when it is %s', (_, env) => {
    expect(() => secretFromEnv(env)).toThrow(MissingSecretError);
  });
});

describe('the strength of the key (self-hosting, issue 18)', () => {
  it.each([
    ['31 bytes', '0123456789abcdef0123456789abcde'],
    ['placeholder brackets', '<your own long random key goes here please>'],
    ['a placeholder word', 'please-replace-this-with-a-real-key-0123'],
    ['two characters alternating', '12'.repeat(32)],
  ])('refuses %s', (_name, key) => {
    expect(() => checkSecretStrength(key)).toThrow(WeakSecretError);
    expect(() => strongSecretFromEnv({ PREFERENCES_HMAC_KEY: key })).toThrow(WeakSecretError);
  });

  it.each([
    ['64 hex characters', '5f0c9a3e7b21d846c0e5f9a2b7d4c1e83a6f0b9d2c5e8a1f4b7d0c3e6a9f2b5d'],
    ['32 bytes in base64', 'q8Vd1mZ0r7XcP2nLw5sB9tYh4kJf6gEa3uRy0oQiTzM='],
  ])('accepts %s', (_name, key) => {
    expect(() => checkSecretStrength(key)).not.toThrow();
    expect(strongSecretFromEnv({ PREFERENCES_HMAC_KEY: key })).toBe(key);
  });

  it('never repeats the key in its message', () => {
    const key = 'short-key-1234';
    expect(() => checkSecretStrength(key)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(key) }),
    );
  });

  it('still reports a missing key as missing', () => {
    expect(() => strongSecretFromEnv({})).toThrow(MissingSecretError);
  });
});

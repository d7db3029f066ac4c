/**
 * Alexa request verification, in the order Amazon documents it: the signature headers, the
 * certificate URL, the certificate chain (fetched once, cached until it expires), the Signature-256
 * RSA-SHA256 signature over the raw body bytes, and only then the body: its shape, its timestamp and
 * its skill ID. Each failure throws a Refusal naming the check.
 */
import { constants, verify as verifySignature } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestEnvelope } from 'ask-sdk-model';
import { errorName, log } from '../log';
import { certificateUrl } from './certificateUrl';
import { TrustStore, verifyChain, type VerifiedChain } from './chain';
import { checkSkillId, checkTimestamp, parseEnvelope } from './envelope';
import { CertificateFetchError, httpsFetcher, MAX_CHAIN_BYTES, type CertificateFetcher } from './fetcher';
import { Refusal } from './refusal';

export interface Verifier {
  /** The request envelope, once every check has passed; otherwise throws a Refusal. */
  verify(headers: IncomingHttpHeaders, body: Buffer): Promise<RequestEnvelope>;
}

export interface VerifierOptions {
  skillId: string;
  /** PEM certificates to trust; Node's bundled roots by default. */
  trustStore?: readonly string[];
  fetchCertificate?: CertificateFetcher;
  /** Epoch milliseconds; Date.now by default. */
  now?: () => number;
  fetchTimeoutMs?: number;
  maxChainBytes?: number;
}

const FETCH_TIMEOUT_MS = 2000;

/** Verified chains kept at once. Only Amazon's bucket can supply one, so this is a guard, not a tuning knob. */
const CACHE_LIMIT = 32;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

class CertificateFetchTimeout extends Error {
  override name = 'CertificateFetchTimeout';
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function signedBy(chain: VerifiedChain, body: Buffer, signature: string): boolean {
  if (chain.publicKey.asymmetricKeyType !== 'rsa') return false;
  if (signature.length % 4 !== 0 || !BASE64.test(signature)) return false;
  try {
    return verifySignature('sha256', body, { key: chain.publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function createVerifier(options: VerifierOptions): Verifier {
  const store = new TrustStore(options.trustStore);
  const fetchCertificate = options.fetchCertificate ?? httpsFetcher();
  const now = options.now ?? Date.now;
  const timeoutMs = options.fetchTimeoutMs ?? FETCH_TIMEOUT_MS;
  const maxChainBytes = options.maxChainBytes ?? MAX_CHAIN_BYTES;
  const cache = new Map<string, VerifiedChain>();
  const pending = new Map<string, Promise<VerifiedChain>>();

  async function fetchWithDeadline(url: URL): Promise<string> {
    const controller = new AbortController();
    const deadline = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(new CertificateFetchTimeout()), { once: true });
    });
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const pem = await Promise.race([fetchCertificate(url, controller.signal), deadline]);
      if (Buffer.byteLength(pem, 'utf8') > maxChainBytes) throw new CertificateFetchError('too large');
      return pem;
    } catch (error) {
      log('warn', { event: 'cert_fetch_failed', error: errorName(error) });
      throw new Refusal('cert_fetch');
    } finally {
      clearTimeout(timer);
    }
  }

  async function load(key: string, url: URL): Promise<VerifiedChain> {
    const chain = verifyChain(await fetchWithDeadline(url), store, now());
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(key, chain);
    return chain;
  }

  /** A cached chain while every certificate on its path is still valid; otherwise fetched and checked again. */
  function chainFor(url: URL): Promise<VerifiedChain> {
    const key = url.href;
    const cached = cache.get(key);
    const at = now();
    if (cached !== undefined && cached.notBefore <= at && at <= cached.notAfter) return Promise.resolve(cached);
    cache.delete(key);
    const inFlight = pending.get(key);
    if (inFlight !== undefined) return inFlight;
    const loading = load(key, url).finally(() => pending.delete(key));
    pending.set(key, loading);
    return loading;
  }

  return {
    async verify(headers, body) {
      const signature = header(headers, 'signature-256');
      if (signature === undefined) {
        throw new Refusal(header(headers, 'signature') === undefined ? 'signature_missing' : 'signature_sha1_only');
      }
      const url = certificateUrl(header(headers, 'signaturecertchainurl'));
      const chain = await chainFor(url);
      if (!signedBy(chain, body, signature)) throw new Refusal('signature');
      const envelope = parseEnvelope(body);
      checkTimestamp(envelope, now());
      checkSkillId(envelope, options.skillId);
      return envelope;
    },
  };
}

/**
 * For local testing only (--no-verify): the body must still be a request envelope, and for our skill
 * when a skill ID is configured, but nothing proves it came from Alexa. Warns on every request.
 */
export function createUnverified(skillId: string | undefined): Verifier {
  return {
    async verify(_headers, body) {
      log('warn', { event: 'verification_disabled' });
      const envelope = parseEnvelope(body);
      if (skillId !== undefined) checkSkillId(envelope, skillId);
      return envelope;
    },
  };
}

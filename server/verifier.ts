/**
 * Alexa request verification: every check Amazon documents, the cheap ones first, so that nothing
 * is fetched for a request that could be refused without it. First the signature headers (present,
 * and a Signature-256 that is base64 of a plausible RSA signature's length), the certificate URL,
 * and the body (its shape, its timestamp and its skill ID); only then the certificate chain (fetched
 * once, cached until it expires) and the RSA-SHA256 signature over the raw body bytes. A failed
 * fetch or chain is remembered for a short time, and only a few fetches run at once. Each failure
 * throws a Refusal naming the check.
 */
import { constants, verify as verifySignature } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestEnvelope } from 'ask-sdk-model';
import { errorName, log } from '../lambda/src/log';
import { certificateUrl } from './certificateUrl';
import { TrustStore, verifyChain, type VerifiedChain } from './chain';
import { checkSkillId, checkTimestamp, parseEnvelope } from './envelope';
import { CertificateFetchError, httpsFetcher, MAX_CHAIN_BYTES, type CertificateFetcher } from './fetcher';
import { Refusal, type Check } from './refusal';

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
  /** How long a URL whose chain could not be fetched or verified is refused without fetching again. */
  failureTtlMs?: number;
  /** Fetches of new URLs at once; past it, a request for yet another URL is refused without a fetch. */
  maxFetchesInFlight?: number;
}

const FETCH_TIMEOUT_MS = 2000;

/**
 * Short, so that a real outage of Amazon's bucket costs little once it is over, and long enough
 * that a flood of requests naming one bad URL costs one fetch every few seconds.
 */
const FAILURE_TTL_MS = 10_000;

/** Amazon serves one chain at a time (two while it rotates), so a handful is plenty. */
const MAX_FETCHES_IN_FLIGHT = 4;

/** Failures remembered at once; the oldest is forgotten first. */
const FAILURE_LIMIT = 256;

/** RSA signatures from 1,024 to 8,192 bits; Amazon's key is 2,048 (256 bytes). */
const MIN_SIGNATURE_BYTES = 128;
const MAX_SIGNATURE_BYTES = 1024;

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

/** The signature's bytes, if it is base64 of the length an RSA signature has; otherwise a Refusal. */
function signatureBytes(signature: string): Buffer {
  if (signature.length % 4 !== 0 || signature.length > (MAX_SIGNATURE_BYTES * 4) / 3 + 4 || !BASE64.test(signature)) {
    throw new Refusal('signature');
  }
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length < MIN_SIGNATURE_BYTES || bytes.length > MAX_SIGNATURE_BYTES) throw new Refusal('signature');
  return bytes;
}

function signedBy(chain: VerifiedChain, body: Buffer, signature: Buffer): boolean {
  if (chain.publicKey.asymmetricKeyType !== 'rsa') return false;
  try {
    return verifySignature('sha256', body, { key: chain.publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
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
  const failureTtlMs = options.failureTtlMs ?? FAILURE_TTL_MS;
  const maxInFlight = options.maxFetchesInFlight ?? MAX_FETCHES_IN_FLIGHT;
  const cache = new Map<string, VerifiedChain>();
  const pending = new Map<string, Promise<VerifiedChain>>();
  const failures = new Map<string, { check: Check; until: number }>();
  /** URLs whose chain has verified before: their fetch never waits behind a flood of strangers. */
  const known = new Set<string>();
  /**
   * Accepted SignatureCertChainUrl headers, by their exact text, normalised: Alexa sends the same one
   * with every request, and parsing it again was a tenth of the checks' cost besides the signature.
   * A URL that is refused is not kept, so it is checked (and refused) again each time.
   */
  const hrefs = new Map<string, string>();

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

  function remember<T>(map: Map<string, T>, limit: number, key: string, value: T): void {
    if (map.size >= limit) {
      const oldest = map.keys().next();
      if (oldest.done !== true) map.delete(oldest.value);
    }
    map.set(key, value);
  }

  async function load(key: string): Promise<VerifiedChain> {
    try {
      const chain = verifyChain(await fetchWithDeadline(new URL(key)), store, now());
      remember(cache, CACHE_LIMIT, key, chain);
      known.add(key);
      return chain;
    } catch (error) {
      if (error instanceof Refusal)
        remember(failures, FAILURE_LIMIT, key, { check: error.check, until: now() + failureTtlMs });
      throw error;
    }
  }

  /** The normalised URL of the certificate chain, as text (which, unlike a URL object, nothing can change). */
  function hrefOf(raw: string | undefined): string {
    const accepted = raw === undefined ? undefined : hrefs.get(raw);
    if (accepted !== undefined) return accepted;
    const { href } = certificateUrl(raw);
    if (raw !== undefined) remember(hrefs, CACHE_LIMIT, raw, href);
    return href;
  }

  /** A cached chain while every certificate on its path is still valid; otherwise fetched and checked again. */
  function chainFor(key: string): Promise<VerifiedChain> {
    const cached = cache.get(key);
    const at = now();
    if (cached !== undefined && cached.notBefore <= at && at <= cached.notAfter) return Promise.resolve(cached);
    cache.delete(key);
    const failed = failures.get(key);
    if (failed !== undefined && at < failed.until) return Promise.reject(new Refusal(failed.check));
    failures.delete(key);
    const inFlight = pending.get(key);
    if (inFlight !== undefined) return inFlight;
    if (pending.size >= maxInFlight && !known.has(key)) {
      log('warn', { event: 'cert_fetch_busy' });
      return Promise.reject(new Refusal('cert_fetch'));
    }
    const loading = load(key).finally(() => pending.delete(key));
    pending.set(key, loading);
    return loading;
  }

  return {
    async verify(headers, body) {
      const signature = header(headers, 'signature-256');
      if (signature === undefined) {
        throw new Refusal(header(headers, 'signature') === undefined ? 'signature_missing' : 'signature_sha1_only');
      }
      const bytes = signatureBytes(signature);
      const chainUrl = hrefOf(header(headers, 'signaturecertchainurl'));
      // Nothing in the body is trusted until the signature is checked; it is only read here, so that a
      // stale or misdirected request is refused without a fetch.
      const envelope = parseEnvelope(body);
      checkTimestamp(envelope, now());
      checkSkillId(envelope, options.skillId);
      const chain = await chainFor(chainUrl);
      if (!signedBy(chain, body, bytes)) throw new Refusal('signature');
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

/**
 * Alexa request verification, offline: a throw-away PKI made with openssl stands in for Amazon's,
 * and the trust store, the certificate fetcher and the clock are injected. Every refusal is checked
 * by the name of the check that failed, so a request refused for the wrong reason fails the test.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestEnvelope } from 'ask-sdk-model';
import { setLogSink } from '../../lambda/src/log';
import { certificateUrl } from '../../server/certificateUrl';
import type { CertificateFetcher } from '../../server/fetcher';
import { Refusal, type Check } from '../../server/refusal';
import { createUnverified, createVerifier, type Verifier, type VerifierOptions } from '../../server/verifier';
import { PKI_TIMEOUT_MS, testPki, signBody, type TestPki } from '../helpers/certificates';
import { envelope, launchRequest } from '../helpers/envelopes';

const SKILL_ID = 'amzn1.ask.skill.test';
const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem';

let pki: TestPki;
let clock: number;
let logged: string[];
let restoreLogs: () => void;

beforeAll(() => {
  pki = testPki();
}, PKI_TIMEOUT_MS);

beforeEach(() => {
  clock = Date.now();
  logged = [];
  restoreLogs = setLogSink((line) => logged.push(line));
});

afterEach(() => restoreLogs());

/** A fetcher that serves `pem` for any URL and records what it was asked for. */
function serving(pem: string): jest.Mock<Promise<string>, [URL, AbortSignal]> {
  return jest.fn(async (_url: URL, _signal: AbortSignal) => pem);
}

function verifier(overrides: Partial<VerifierOptions> = {}): Verifier {
  return createVerifier({
    skillId: SKILL_ID,
    trustStore: [pki.root.pem],
    fetchCertificate: serving(pki.chain),
    now: () => clock,
    ...overrides,
  });
}

/** A launch request body whose timestamp is `ageMs` before the test clock; `change` may edit it or return a replacement. */
function launchBody(ageMs = 0, change: (request: RequestEnvelope) => unknown = (request) => request): string {
  const request = envelope({ ...launchRequest(), timestamp: new Date(clock - ageMs).toISOString() });
  return JSON.stringify(change(request) ?? request);
}

function headers(body: Buffer | string, key: string = pki.leaf.key, url: string = CERT_URL): IncomingHttpHeaders {
  return { signaturecertchainurl: url, 'signature-256': signBody(body, key) };
}

async function refusal(attempt: Promise<unknown>): Promise<Check> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof Refusal) return error.check;
    throw error;
  }
  throw new Error('the request was accepted');
}

async function checkFor(
  body: Buffer | string,
  head: IncomingHttpHeaders = headers(body),
  gate: Verifier = verifier(),
): Promise<Check> {
  return refusal(gate.verify(head, Buffer.from(body)));
}

describe('a correctly signed request', () => {
  it('is accepted, and its envelope returned', async () => {
    const body = launchBody();
    const result = await verifier().verify(headers(body), Buffer.from(body));
    expect(result.request.type).toBe('LaunchRequest');
    expect(result.context.System.application.applicationId).toBe(SKILL_ID);
  });
});

describe('signature headers', () => {
  it('refuses a request with no signature headers', async () => {
    const body = launchBody();
    expect(await checkFor(body, {})).toBe('signature_missing');
  });

  it('refuses a request with only the SHA-1 Signature header, even a valid one', async () => {
    const body = launchBody();
    const sha1 = signBody(body, pki.leaf.key);
    expect(await checkFor(body, { signaturecertchainurl: CERT_URL, signature: sha1 })).toBe('signature_sha1_only');
  });

  it('refuses a request with no SignatureCertChainUrl', async () => {
    const body = launchBody();
    expect(await checkFor(body, { 'signature-256': signBody(body, pki.leaf.key) })).toBe('cert_url');
  });
});

describe('the certificate URL', () => {
  it.each([
    'http://s3.amazonaws.com/echo.api/x.pem',
    'https://notamazon.com/echo.api/x.pem',
    'https://s3.amazonaws.com:563/echo.api/x.pem',
    'https://s3.amazonaws.com/EcHo.aPi/x.pem',
    'https://s3.amazonaws.com/echo.api/../other/x.pem',
    'https://s3.amazonaws.com/echo.api/%2e%2e/other/x.pem',
    'https://s3.amazonaws.com/echo.api/..%2Fother/x.pem',
    'https://user@s3.amazonaws.com/echo.api/x.pem',
    'https://s3.amazonaws.com.evil.example/echo.api/x.pem',
    '/echo.api/x.pem',
  ])('rejects %s, without fetching it', async (url) => {
    const fetchCertificate = serving(pki.chain);
    const body = launchBody();
    expect(await checkFor(body, headers(body, pki.leaf.key, url), verifier({ fetchCertificate }))).toBe('cert_url');
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it.each([
    'HTTPS://S3.AMAZONAWS.COM/echo.api/x.pem',
    'https://s3.amazonaws.com:443/echo.api/x.pem',
    'https://s3.amazonaws.com/echo.api/../echo.api/x.pem',
  ])('accepts %s, and fetches its normalised form', async (url) => {
    const fetchCertificate = serving(pki.chain);
    const body = launchBody();
    await verifier({ fetchCertificate }).verify(headers(body, pki.leaf.key, url), Buffer.from(body));
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
    expect(fetchCertificate.mock.calls[0][0].href).toBe('https://s3.amazonaws.com/echo.api/x.pem');
  });

  it('is remembered only by its exact text once accepted: a refused URL is refused every time, after any other', async () => {
    const fetchCertificate = serving(pki.chain);
    const gate = verifier({ fetchCertificate });
    const body = launchBody();
    const refused = 'https://s3.amazonaws.com/echo.api/x.pem?again';
    expect(await checkFor(body, headers(body, pki.leaf.key, refused), gate)).toBe('cert_url');
    for (const url of ['https://s3.amazonaws.com/echo.api/x.pem', 'HTTPS://S3.AMAZONAWS.COM/echo.api/x.pem']) {
      await gate.verify(headers(body, pki.leaf.key, url), Buffer.from(body));
      await gate.verify(headers(body, pki.leaf.key, url), Buffer.from(body));
    }
    expect(await checkFor(body, headers(body, pki.leaf.key, refused), gate)).toBe('cert_url');
    // Both spellings are one URL, so one chain, fetched once.
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
  });

  it('is normalised before it is checked', () => {
    expect(certificateUrl('https://s3.amazonaws.com/echo.api/a/../b.pem').href).toBe(
      'https://s3.amazonaws.com/echo.api/b.pem',
    );
    expect(() => certificateUrl('https://s3.amazonaws.com/echo.api/../b.pem')).toThrow(Refusal);
  });
});

describe('the certificate chain', () => {
  it('refuses a leaf that has expired, while the CAs above it are still valid', async () => {
    clock = pki.leaf.notAfter + 1000;
    expect(clock).toBeLessThan(pki.intermediate.notAfter);
    expect(await checkFor(launchBody())).toBe('cert_validity');
  });

  it('refuses a leaf that is not yet valid, while the CAs above it are', async () => {
    clock = pki.leaf.notBefore - 1000;
    expect(clock).toBeGreaterThan(pki.intermediate.notBefore);
    expect(await checkFor(launchBody())).toBe('cert_validity');
  });

  it('accepts the leaf on the first and the last second of its validity', async () => {
    for (const at of [pki.leaf.notBefore, pki.leaf.notAfter]) {
      clock = at;
      const body = launchBody();
      await expect(verifier().verify(headers(body), Buffer.from(body))).resolves.toBeDefined();
    }
  });

  it.each([
    [
      'a leaf without the SAN echo-api.amazon.com (its CN and a wildcard SAN do not count)',
      'wrongSanChain',
      'wrongSanLeaf',
      'cert_san',
    ],
    ['a self-signed leaf with the right SAN', 'selfSignedChain', 'selfSignedLeaf', 'cert_chain'],
    [
      'an intermediate that has the right name but was signed by an untrusted root',
      'foreignIntermediateChain',
      'foreignLeaf',
      'cert_chain',
    ],
    ['an intermediate that is not a CA', 'notCaIntermediateChain', 'notCaLeaf', 'cert_chain'],
  ] as const)('refuses %s', async (_what, chain, leaf, check) => {
    const body = launchBody();
    const gate = verifier({ fetchCertificate: serving(pki[chain]) });
    expect(await checkFor(body, headers(body, pki[leaf].key), gate)).toBe(check);
  });

  it('refuses an intermediate whose signature was changed by one bit', async () => {
    const gate = verifier({ fetchCertificate: serving(pki.tamperedIntermediateChain) });
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_chain');
  });

  it('refuses a leaf served without its intermediate', async () => {
    const gate = verifier({ fetchCertificate: serving(pki.leaf.pem) });
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_chain');
  });

  it("refuses a chain that reaches no root in the trust store (Node's own, by default)", async () => {
    const body = launchBody();
    const gate = createVerifier({ skillId: SKILL_ID, fetchCertificate: serving(pki.chain), now: () => clock });
    expect(await checkFor(body, headers(body), gate)).toBe('cert_chain');
  });

  it('accepts a chain that includes the trusted root itself', async () => {
    const body = launchBody();
    const gate = verifier({ fetchCertificate: serving(pki.chainWithRoot) });
    await expect(gate.verify(headers(body), Buffer.from(body))).resolves.toBeDefined();
  });

  it('accepts a chain that stops at an intermediate the store holds', async () => {
    const body = launchBody();
    const gate = verifier({ trustStore: [pki.intermediate.pem] });
    await expect(gate.verify(headers(body), Buffer.from(body))).resolves.toBeDefined();
  });

  it("accepts a chain that ends in a cross-signed copy of a trusted root, as Amazon's does", async () => {
    const body = launchBody();
    const gate = verifier({ fetchCertificate: serving(pki.crossSignedChain) });
    await expect(gate.verify(headers(body), Buffer.from(body))).resolves.toBeDefined();
  });

  it('accepts that chain when only the older root that cross-signed it is trusted, until that root expires', async () => {
    const fetchCertificate = serving(pki.crossSignedChain);
    const gate = verifier({ fetchCertificate, trustStore: [pki.legacyRoot.pem] });
    const body = launchBody();
    await expect(gate.verify(headers(body), Buffer.from(body))).resolves.toBeDefined();
    clock = pki.legacyRoot.notAfter + 1000;
    expect(clock).toBeLessThan(pki.leaf.notAfter);
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_chain');
    expect(fetchCertificate).toHaveBeenCalledTimes(2);
  });

  it('refuses a valid leaf under an intermediate that has expired, even from the cache', async () => {
    const fetchCertificate = serving(pki.shortIntermediateChain);
    const gate = verifier({ fetchCertificate });
    const body = launchBody();
    await expect(gate.verify(headers(body, pki.shortIntermediateLeaf.key), Buffer.from(body))).resolves.toBeDefined();
    clock = pki.shortIntermediate.notAfter + 1000;
    expect(clock).toBeLessThan(pki.shortIntermediateLeaf.notAfter);
    const later = launchBody();
    expect(await checkFor(later, headers(later, pki.shortIntermediateLeaf.key), gate)).toBe('cert_validity');
    expect(fetchCertificate).toHaveBeenCalledTimes(2);
  });

  it('refuses what is not a PEM chain', async () => {
    const gate = verifier({ fetchCertificate: serving('<html>Access Denied</html>') });
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_parse');
  });
});

describe('fetching the chain', () => {
  it('gives up on a slow certificate host after 2 seconds, and aborts the fetch', async () => {
    let signal: AbortSignal | undefined;
    const hanging: CertificateFetcher = (_url, given) => {
      signal = given;
      return new Promise(() => undefined);
    };
    // The 2 seconds pass on a fake clock: only the verifier's own timer is faked, so the test does not wait.
    jest.useFakeTimers({ doNotFake: ['Date', 'nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const body = launchBody();
      let settled = false;
      const checked = checkFor(body, undefined, verifier({ fetchCertificate: hanging })).finally(() => {
        settled = true;
      });
      await jest.advanceTimersByTimeAsync(1_999);
      expect([settled, signal?.aborted]).toEqual([false, false]);
      await jest.advanceTimersByTimeAsync(1);
      expect(await checked).toBe('cert_fetch');
    } finally {
      jest.useRealTimers();
    }
    expect(signal?.aborted).toBe(true);
    expect(logged.map((line): unknown => JSON.parse(line))).toContainEqual({
      level: 'warn',
      event: 'cert_fetch_failed',
      error: 'CertificateFetchTimeout',
    });
  });

  it('refuses when the certificate host fails, and tries again once the failure has been remembered for 10 seconds', async () => {
    const fetchCertificate = jest
      .fn<Promise<string>, [URL, AbortSignal]>()
      .mockRejectedValueOnce(new Error('ECONNRESET'))
      .mockResolvedValue(pki.chain);
    const gate = verifier({ fetchCertificate });
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_fetch');
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_fetch');
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
    clock += 10_000;
    const body = launchBody();
    await expect(gate.verify(headers(body), Buffer.from(body))).resolves.toBeDefined();
    expect(fetchCertificate).toHaveBeenCalledTimes(2);
    expect(logged.map((line): unknown => JSON.parse(line))).toContainEqual({
      level: 'warn',
      event: 'cert_fetch_failed',
      error: 'Error',
    });
  });

  it('refuses a chain over the size cap', async () => {
    const gate = verifier({ fetchCertificate: serving(pki.chain), maxChainBytes: pki.chain.length - 1 });
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_fetch');
  });
});

describe('the certificate cache', () => {
  it('fetches a chain once, even for requests that arrive together', async () => {
    const fetchCertificate = serving(pki.chain);
    const gate = verifier({ fetchCertificate });
    const bodies = Array.from({ length: 5 }, () => launchBody());
    await Promise.all(bodies.map((body) => gate.verify(headers(body), Buffer.from(body))));
    const later = launchBody();
    await gate.verify(headers(later), Buffer.from(later));
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
  });

  it('does not serve a cached leaf after it has expired: it fetches again, and refuses', async () => {
    const fetchCertificate = serving(pki.chain);
    const gate = verifier({ fetchCertificate });
    const body = launchBody();
    await gate.verify(headers(body), Buffer.from(body));
    clock = pki.leaf.notAfter + 1000;
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_validity');
    expect(fetchCertificate).toHaveBeenCalledTimes(2);
  });
});

describe('the signature', () => {
  it('refuses a body changed by one byte', async () => {
    const body = launchBody();
    const head = headers(body);
    const changed = Buffer.from(body);
    changed[changed.indexOf('LaunchRequest')] ^= 0x20;
    expect(await checkFor(changed, head)).toBe('signature');
  });

  it('refuses a signature made with another key', async () => {
    const body = launchBody();
    expect(await checkFor(body, headers(body, pki.foreignLeaf.key))).toBe('signature');
  });

  it('refuses an ECDSA-SHA256 signature from a leaf with an elliptic-curve key: only RSA-SHA256 will do', async () => {
    const body = launchBody();
    const gate = verifier({ fetchCertificate: serving(pki.ecChain) });
    expect(await checkFor(body, headers(body, pki.ecLeaf.key), gate)).toBe('signature');
  });

  it('refuses a signature that is not base64', async () => {
    const body = launchBody();
    expect(await checkFor(body, { signaturecertchainurl: CERT_URL, 'signature-256': '***' })).toBe('signature');
  });
});

describe('the timestamp', () => {
  it('accepts a request 149 seconds old', async () => {
    const body = launchBody(149_000);
    await expect(verifier().verify(headers(body), Buffer.from(body))).resolves.toBeDefined();
  });

  it('refuses a request 151 seconds old', async () => {
    expect(await checkFor(launchBody(151_000))).toBe('timestamp');
  });

  it('refuses a request from 151 seconds in the future', async () => {
    expect(await checkFor(launchBody(-151_000))).toBe('timestamp');
  });

  it.each<[string, (now: number) => string]>([
    ['garbage', () => 'garbage'],
    ['empty', () => ''],
    ['epoch milliseconds', (now) => String(now)],
    ['a month 13', () => '2025-13-01T00:00:00Z'],
    // Date.parse reads these three as the current time: only the ISO 8601 format check refuses them.
    ['an RFC 1123 date', (now) => new Date(now).toUTCString()],
    ['ISO 8601 with a space for the T', (now) => new Date(now).toISOString().replace('T', ' ')],
    ['ISO 8601 without a time zone', (now) => new Date(now).toISOString().slice(0, 19)],
  ])('refuses a timestamp that is %s', async (_name, timestamp) => {
    const body = launchBody(0, (request) => {
      request.request.timestamp = timestamp(clock);
    });
    expect(await checkFor(body)).toBe('timestamp');
  });

  it('allows an AlexaSkillEvent up to an hour old, and no older', async () => {
    const skillEvent = (ageMs: number): string =>
      launchBody(0, (request) => {
        request.request = {
          type: 'AlexaSkillEvent.SkillEnabled',
          requestId: 'amzn1.echo-api.request.test',
          timestamp: new Date(clock - ageMs).toISOString(),
          eventCreationTime: '',
          eventPublishingTime: '',
        };
      });
    const fresh = skillEvent(3_599_000);
    await expect(verifier().verify(headers(fresh), Buffer.from(fresh))).resolves.toBeDefined();
    expect(await checkFor(skillEvent(3_601_000))).toBe('timestamp');
  });
});

describe('the skill ID', () => {
  it('refuses a request for another skill', async () => {
    const body = launchBody(0, (request) => {
      request.context.System.application.applicationId = 'amzn1.ask.skill.other';
      if (request.session !== undefined) request.session.application.applicationId = 'amzn1.ask.skill.other';
    });
    expect(await checkFor(body)).toBe('skill_id');
  });

  it('refuses a request whose session names another skill', async () => {
    const body = launchBody(0, (request) => {
      if (request.session !== undefined) request.session.application.applicationId = 'amzn1.ask.skill.other';
    });
    expect(await checkFor(body)).toBe('skill_id');
  });

  it('accepts the ID from the session alone, and refuses a request with none', async () => {
    const withoutContextId = (request: RequestEnvelope) => ({
      ...request,
      context: { ...request.context, System: { ...request.context.System, application: {} } },
    });
    const sessionOnly = launchBody(0, withoutContextId);
    await expect(verifier().verify(headers(sessionOnly), Buffer.from(sessionOnly))).resolves.toBeDefined();
    const none = launchBody(0, (request) => ({ ...withoutContextId(request), session: undefined }));
    expect(await checkFor(none)).toBe('skill_id');
  });
});

describe('the body', () => {
  it('refuses a signed body that is not JSON', async () => {
    expect(await checkFor('{"version": "1.0", ')).toBe('body_json');
  });

  it('refuses a signed body that is not UTF-8', async () => {
    expect(await checkFor(Buffer.from([0x7b, 0xff, 0x7d]))).toBe('body_json');
  });

  const request = '"request":{"type":"LaunchRequest","requestId":"r","timestamp":"t"}';
  it.each([
    '[]',
    '"LaunchRequest"',
    '{"version":"1.0"}',
    '{"version":"1.0","request":{"type":"LaunchRequest","requestId":"r"}}',
    '{"version":"1.0","request":{"type":"LaunchRequest","timestamp":"t"}}',
    `{${request}}`,
    `{"version":"1.0",${request},"context":"x"}`,
    `{"version":"1.0",${request},"context":{"System":null}}`,
    `{"version":"1.0",${request},"session":[]}`,
  ])('refuses the signed body %s as the wrong shape', async (body) => {
    expect(await checkFor(body)).toBe('body_shape');
  });
});

describe('with verification off (--no-verify)', () => {
  it('accepts an unsigned request, and warns on every request', async () => {
    const gate = createUnverified(SKILL_ID);
    for (let i = 0; i < 2; i += 1) {
      const result = await gate.verify({}, Buffer.from(launchBody(3_600_000)));
      expect(result.request.type).toBe('LaunchRequest');
    }
    expect(logged.map((line): unknown => JSON.parse(line))).toEqual([
      { level: 'warn', event: 'verification_disabled' },
      { level: 'warn', event: 'verification_disabled' },
    ]);
  });

  it("still refuses bodies that are not request envelopes, and another skill's requests", async () => {
    expect(await refusal(createUnverified(undefined).verify({}, Buffer.from('nope')))).toBe('body_json');
    const other = launchBody(0, (request) => {
      request.context.System.application.applicationId = 'amzn1.ask.skill.other';
    });
    expect(await refusal(createUnverified(SKILL_ID).verify({}, Buffer.from(other)))).toBe('skill_id');
  });
});

describe('no fetch before the cheap checks pass (issue 18, finding 7)', () => {
  const stale = (): string => launchBody(151_000);
  const otherSkill = (): string =>
    launchBody(0, (request) => ({
      ...request,
      context: { System: { ...request.context.System, application: { applicationId: 'amzn1.ask.skill.other' } } },
      session: undefined,
    }));
  const cases: [string, () => [IncomingHttpHeaders, string]][] = [
    ['no signature header', () => [{ signaturecertchainurl: CERT_URL }, launchBody()]],
    [
      'a signature that is not base64',
      () => [{ signaturecertchainurl: CERT_URL, 'signature-256': '***' }, launchBody()],
    ],
    [
      'a signature far too short for RSA',
      () => [{ signaturecertchainurl: CERT_URL, 'signature-256': 'AAAA' }, launchBody()],
    ],
    [
      'a signature far too long for RSA',
      () => [{ signaturecertchainurl: CERT_URL, 'signature-256': 'A'.repeat(4096) }, launchBody()],
    ],
    [
      'a certificate URL on another host',
      () => [headers(launchBody(), pki.leaf.key, 'https://example.com/echo.api/cert.pem'), launchBody()],
    ],
    ['a certificate URL with a query', () => [headers(launchBody(), pki.leaf.key, `${CERT_URL}?n=1`), launchBody()]],
    ['a body that is not JSON', () => [headers('not json'), 'not json']],
    [
      'a request 151 seconds old',
      () => {
        const body = stale();
        return [headers(body), body];
      },
    ],
    [
      'a request for another skill',
      () => {
        const body = otherSkill();
        return [headers(body), body];
      },
    ],
  ];

  it.each(cases)('%s is refused without fetching', async (_name, make) => {
    const fetchCertificate = serving(pki.chain);
    const [head, body] = make();
    await expect(verifier({ fetchCertificate }).verify(head, Buffer.from(body))).rejects.toBeInstanceOf(Refusal);
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('a chain that fails is remembered for 10 seconds: the same URL is refused without fetching again', async () => {
    const fetchCertificate = serving(pki.selfSignedChain);
    const gate = verifier({ fetchCertificate });
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_chain');
    for (let i = 0; i < 20; i += 1) expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_chain');
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
    clock += 9_000;
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_chain');
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
    clock += 1_000;
    expect(await checkFor(launchBody(), undefined, gate)).toBe('cert_chain');
    expect(fetchCertificate).toHaveBeenCalledTimes(2);
  });

  it('at most 4 fetches run at once: requests naming yet more URLs are refused without a fetch', async () => {
    const fetchCertificate = jest.fn((_url: URL, _signal: AbortSignal) => new Promise<string>(() => undefined));
    const gate = verifier({ fetchCertificate, fetchTimeoutMs: 300 });
    const attempts = Array.from({ length: 50 }, (_, n) => {
      const body = launchBody();
      return checkFor(body, headers(body, pki.leaf.key, `https://s3.amazonaws.com/echo.api/cert-${n}.pem`), gate);
    });
    const checks = await Promise.all(attempts);
    expect(new Set(checks)).toEqual(new Set(['cert_fetch']));
    expect(fetchCertificate).toHaveBeenCalledTimes(4);
    expect(logged.filter((line) => line.includes('cert_fetch_busy'))).toHaveLength(46);
  });

  it('a URL that has verified before is fetched again even while strangers fill every slot', async () => {
    const fetchCertificate = jest.fn(async (url: URL, _signal: AbortSignal) =>
      url.href === CERT_URL ? pki.chain : new Promise<string>(() => undefined),
    );
    const gate = verifier({ fetchCertificate, fetchTimeoutMs: 300 });
    const first = launchBody();
    await gate.verify(headers(first), Buffer.from(first));
    const strangers = Array.from({ length: 4 }, (_, n) => {
      const body = launchBody();
      return checkFor(body, headers(body, pki.leaf.key, `https://s3.amazonaws.com/echo.api/stranger-${n}.pem`), gate);
    });
    // The cached chain has expired: the known URL must be fetched again, not refused as busy.
    clock = pki.leaf.notAfter + 1000;
    const again = launchBody();
    expect(await checkFor(again, headers(again), gate)).toBe('cert_validity');
    expect(fetchCertificate.mock.calls.filter(([url]) => url.href === CERT_URL)).toHaveLength(2);
    await Promise.all(strangers);
  });
});

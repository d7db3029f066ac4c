/**
 * Issue 18, finding 6: the chain check is at least as strict as OpenSSL's on key usage, extended
 * key usage and path length. Each chain of the test PKI is checked twice, by verifyChain and by
 * `openssl verify -purpose sslserver` (the purpose Amazon's chain is issued for), and every chain
 * OpenSSL refuses must be refused here too. The leaf is held a little more strictly than OpenSSL
 * holds a TLS server's: it signs requests, so its key usage must allow digitalSignature.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustStore, verifyChain } from '../../server/chain';
import { Refusal, type Check } from '../../server/refusal';
import { PKI_TIMEOUT_MS, testPki, type TestPki } from '../helpers/certificates';

let pki: TestPki;
let dir: string;

beforeAll(() => {
  pki = testPki();
  dir = mkdtempSync(join(tmpdir(), 'alexa-openssl-'));
}, PKI_TIMEOUT_MS);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g;

/** Our verdict: 'accepted', or the check that refused. */
function ours(chain: string, root: string): 'accepted' | Check {
  try {
    verifyChain(chain, new TrustStore([root]), Date.now());
    return 'accepted';
  } catch (error) {
    if (error instanceof Refusal) return error.check;
    throw error;
  }
}

/** OpenSSL's verdict on the same chain and root, for a TLS server. */
function openssl(chain: string, root: string): boolean {
  const [leaf = '', ...rest] = chain.match(PEM_BLOCK) ?? [];
  writeFileSync(join(dir, 'leaf.pem'), leaf);
  writeFileSync(join(dir, 'untrusted.pem'), rest.length > 0 ? rest.join('') : leaf);
  writeFileSync(join(dir, 'root.pem'), root);
  try {
    execFileSync(
      'openssl',
      ['verify', '-purpose', 'sslserver', '-CAfile', 'root.pem', '-untrusted', 'untrusted.pem', 'leaf.pem'],
      { cwd: dir, stdio: 'pipe' },
    );
    return true;
  } catch {
    return false;
  }
}

type Case = [name: string, chain: () => string, root: () => string, expected: 'accepted' | Check];

const cases: Case[] = [
  ['the good chain', () => pki.chain, () => pki.root.pem, 'accepted'],
  [
    'a leaf whose key usage lacks digitalSignature',
    () => pki.misuse.leafWithoutSigning,
    () => pki.root.pem,
    'cert_usage',
  ],
  ['a leaf for client authentication only', () => pki.misuse.leafClientOnly, () => pki.root.pem, 'cert_usage'],
  ['a leaf for code signing', () => pki.misuse.leafCodeSigning, () => pki.root.pem, 'cert_usage'],
  [
    'a leaf with a critical extension nobody checks',
    () => pki.misuse.leafUnknownCritical,
    () => pki.root.pem,
    'cert_usage',
  ],
  [
    "an intermediate whose key usage lacks keyCertSign (Node's checkIssued refuses it)",
    () => pki.misuse.caWithoutCertSign,
    () => pki.root.pem,
    'cert_chain',
  ],
  ['an intermediate for e-mail certificates only', () => pki.misuse.caEmailOnly, () => pki.root.pem, 'cert_usage'],
  ['a leaf right under an intermediate with pathlen:0', () => pki.pathLengthZeroChain, () => pki.root.pem, 'accepted'],
  ['a CA under an intermediate with pathlen:0', () => pki.pathLengthExceededChain, () => pki.root.pem, 'cert_usage'],
  [
    'an intermediate under a trusted root with pathlen:0',
    () => pki.underPathLengthZeroRootChain,
    () => pki.pathLengthZeroRoot.pem,
    'cert_usage',
  ],
  ['a CA that is not a CA', () => pki.notCaIntermediateChain, () => pki.root.pem, 'cert_chain'],
];

describe.each(cases)('%s', (_name, chain, root, expected) => {
  it(`is ${expected === 'accepted' ? 'accepted' : `refused (${expected})`}`, () => {
    expect(ours(chain(), root())).toBe(expected);
  });
});

describe('against OpenSSL', () => {
  it('every chain that openssl verify -purpose sslserver refuses is refused here too', () => {
    const refusedByOpenssl = cases.filter(([, chain, root]) => !openssl(chain(), root())).map(([name]) => name);
    const acceptedHere = cases.filter(([, chain, root]) => ours(chain(), root()) === 'accepted').map(([name]) => name);
    expect(refusedByOpenssl.filter((name) => acceptedHere.includes(name))).toEqual([]);
    // OpenSSL refuses the path length, keyCertSign, purpose and critical-extension cases.
    expect(refusedByOpenssl).toEqual(
      expect.arrayContaining([
        'a CA under an intermediate with pathlen:0',
        'an intermediate under a trusted root with pathlen:0',
        "an intermediate whose key usage lacks keyCertSign (Node's checkIssued refuses it)",
        'a leaf for client authentication only',
        'a leaf with a critical extension nobody checks',
      ]),
    );
  });

  it('OpenSSL accepts the good chains', () => {
    expect(openssl(pki.chain, pki.root.pem)).toBe(true);
    expect(openssl(pki.pathLengthZeroChain, pki.root.pem)).toBe(true);
  });
});

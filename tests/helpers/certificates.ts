/**
 * A throw-away PKI for verification tests and the load benchmark, made with the openssl command line:
 * a root CA, an intermediate, and a leaf with the SAN echo-api.amazon.com, plus the broken variants the
 * tests need. `openssl ca` is used because it can set exact validity dates, so a test can put its clock
 * where only the leaf is expired (or not yet valid) while the CAs above it are still good.
 * Nothing is left on disk: every PEM is read back into memory and the work directory removed.
 *
 * The tests share one PKI per jest run (`testPki`): the first test file to ask makes it and leaves it in the
 * run's folder (tests/helpers/globalSetup.ts), and the others, in any worker, read it from there.
 */
import { execFileSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRecord } from '../../lambda/src/json';
import { RUN_FOLDER_VARIABLE } from './globalSetup';

export const ALEXA_SAN = 'echo-api.amazon.com';

/** For a jest hook that creates the PKI: about fifteen RSA keys take seconds on a busy machine. */
export const PKI_TIMEOUT_MS = 60_000;

const DAY_MS = 86_400_000;

const CONFIG = `
[ ca ]
default_ca = test_ca
[ test_ca ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any_name
unique_subject = no
copy_extensions = none
[ any_name ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca_cert ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ not_a_ca ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyCertSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ alexa_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:${ALEXA_SAN}
[ other_leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:echo-api.amazon.com.evil.example, DNS:*.amazon.com
[ ca_path_zero ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ca_no_cert_sign ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ca_email_only ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ leaf_no_signing ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:${ALEXA_SAN}
[ leaf_client_only ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:${ALEXA_SAN}
[ leaf_code_signing ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:${ALEXA_SAN}
[ leaf_unknown_critical ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:${ALEXA_SAN}
1.3.6.1.4.1.55555.1 = critical, ASN1:NULL
[ loopback_server ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost, IP:127.0.0.1
`;

export interface Issued {
  /** The certificate, PEM. */
  pem: string;
  /** Its private key, PEM (PKCS#8). */
  key: string;
  /** Validity, epoch milliseconds (whole seconds, as written into the certificate). */
  notBefore: number;
  notAfter: number;
}

export interface TestPki {
  root: Issued;
  intermediate: Issued;
  /** SAN echo-api.amazon.com, valid from one day before creation to one day after. */
  leaf: Issued;
  /** What Amazon serves at SignatureCertChainUrl: leaf, then intermediate. */
  chain: string;
  /** Leaf and intermediate and the root itself. */
  chainWithRoot: string;
  /**
   * Like Amazon's real chain: leaf, intermediate, then the trusted root's name and key cross-signed by
   * `legacyRoot`, an older root. The store holds the self-signed root, not this copy of it.
   */
  crossSignedChain: string;
  /** Expires half a day after creation. */
  legacyRoot: Issued;
  /** A leaf under an intermediate that expires six hours after creation, before the leaf does. */
  shortIntermediateChain: string;
  shortIntermediate: Issued;
  shortIntermediateLeaf: Issued;
  /** A leaf whose SANs are near misses of echo-api.amazon.com (a longer name, and a wildcard). */
  wrongSanChain: string;
  wrongSanLeaf: Issued;
  /** A self-signed certificate with the right SAN, alone. */
  selfSignedChain: string;
  selfSignedLeaf: Issued;
  /** The leaf under an intermediate with the same name, signed by a root that is not trusted. */
  foreignIntermediateChain: string;
  foreignLeaf: Issued;
  /** A leaf under an "intermediate" that is not a CA (basicConstraints CA:FALSE). */
  notCaIntermediateChain: string;
  notCaLeaf: Issued;
  /** A leaf with an elliptic-curve (P-256) key, under the good intermediate. */
  ecChain: string;
  ecLeaf: Issued;
  /** The good chain with one bit of the intermediate's signature flipped. */
  tamperedIntermediateChain: string;
  /** A TLS server certificate for localhost and 127.0.0.1 (with the intermediate), for fetcher tests. */
  loopbackServer: { cert: string; key: string };
  /**
   * Chains whose certificates are used for what they may not be, each under the trusted root and
   * otherwise good: a leaf without digitalSignature, leaves for client authentication only or code
   * signing, a leaf with a critical extension nobody checks, and CAs that may not sign certificates
   * or only e-mail ones.
   */
  misuse: Record<
    | 'leafWithoutSigning'
    | 'leafClientOnly'
    | 'leafCodeSigning'
    | 'leafUnknownCritical'
    | 'caWithoutCertSign'
    | 'caEmailOnly',
    string
  >;
  /** root, then an intermediate with pathlen:0, then the leaf: allowed. */
  pathLengthZeroChain: string;
  /** root, then an intermediate with pathlen:0, then another CA under it, then the leaf: refused. */
  pathLengthExceededChain: string;
  /** A self-signed root with pathlen:0, to trust instead of `root`, and a chain with one intermediate under it. */
  pathLengthZeroRoot: Issued;
  underPathLengthZeroRootChain: string;
}

/** base64 RSA-SHA256 signature, as Alexa puts in the Signature-256 header. */
export function signBody(body: Buffer | string, key: string): string {
  return sign('sha256', typeof body === 'string' ? Buffer.from(body, 'utf8') : body, key).toString('base64');
}

/** openssl's YYYYMMDDHHMMSSZ. */
function asn1Time(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-T:]/g, '')}Z`;
}

interface Issue {
  subject: string;
  profile:
    | 'ca_cert'
    | 'not_a_ca'
    | 'alexa_leaf'
    | 'other_leaf'
    | 'loopback_server'
    | 'ca_path_zero'
    | 'ca_no_cert_sign'
    | 'ca_email_only'
    | 'leaf_no_signing'
    | 'leaf_client_only'
    | 'leaf_code_signing'
    | 'leaf_unknown_critical';
  notBefore: number;
  notAfter: number;
  /** Self-signed when absent. */
  issuer?: Issued;
  /** A new 2048-bit RSA key (the default), a new P-256 key, or the key of a certificate already issued. */
  key?: 'rsa' | 'ec' | Issued;
}

class Workshop {
  private count = 0;

  constructor(private readonly dir: string) {
    writeFileSync(join(dir, 'openssl.cnf'), CONFIG);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  }

  private read(file: string): string {
    return readFileSync(join(this.dir, file), 'utf8');
  }

  /** A certificate for `subject` with the extensions of `profile` (a section of CONFIG). */
  issue({ subject, profile, notBefore, notAfter, issuer, key = 'rsa' }: Issue): Issued {
    this.count += 1;
    const name = `cert${this.count}`;
    if (key === 'rsa')
      this.openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `${name}.key`]);
    else if (key === 'ec')
      this.openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`]);
    else writeFileSync(join(this.dir, `${name}.key`), key.key);
    this.openssl([
      'req',
      '-new',
      '-config',
      'openssl.cnf',
      '-key',
      `${name}.key`,
      '-subj',
      `/CN=${subject}`,
      '-out',
      `${name}.csr`,
    ]);
    let signer = ['-selfsign', '-keyfile', `${name}.key`];
    if (issuer !== undefined) {
      writeFileSync(join(this.dir, `${name}.issuer.pem`), issuer.pem);
      writeFileSync(join(this.dir, `${name}.issuer.key`), issuer.key);
      signer = ['-cert', `${name}.issuer.pem`, '-keyfile', `${name}.issuer.key`];
    }
    this.openssl([
      'ca',
      '-batch',
      '-config',
      'openssl.cnf',
      '-notext',
      ...signer,
      '-in',
      `${name}.csr`,
      '-out',
      `${name}.pem`,
      '-extensions',
      profile,
      '-startdate',
      asn1Time(notBefore),
      '-enddate',
      asn1Time(notAfter),
    ]);
    return {
      pem: this.read(`${name}.pem`),
      key: this.read(`${name}.key`),
      notBefore: Math.floor(notBefore / 1000) * 1000,
      notAfter: Math.floor(notAfter / 1000) * 1000,
    };
  }
}

/** Flips one bit near the end of a certificate's DER, inside its signature. */
function tamper(pem: string): string {
  const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  const der = Buffer.from(body, 'base64');
  der[der.length - 10] ^= 0x01;
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Creates the whole PKI: a few seconds of RSA key generation (see PKI_TIMEOUT_MS). */
export function createTestPki(now: number = Date.now()): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'alexa-pki-'));
  try {
    const shop = new Workshop(dir);
    const ca: Omit<Issue, 'subject'> = {
      profile: 'ca_cert',
      notBefore: now - 30 * DAY_MS,
      notAfter: now + 3650 * DAY_MS,
    };
    const intermediateCa: Issue = {
      ...ca,
      subject: 'Test Intermediate CA',
      notBefore: now - 20 * DAY_MS,
      notAfter: now + 1825 * DAY_MS,
    };
    const alexa: Issue = { subject: ALEXA_SAN, profile: 'alexa_leaf', notBefore: now - DAY_MS, notAfter: now + DAY_MS };
    const root = shop.issue({ ...ca, subject: 'Test Root CA' });
    const intermediate = shop.issue({ ...intermediateCa, issuer: root });
    const leaf = shop.issue({ ...alexa, issuer: intermediate });
    const wrongSanLeaf = shop.issue({ ...alexa, profile: 'other_leaf', issuer: intermediate });
    const selfSignedLeaf = shop.issue(alexa);
    const foreignRoot = shop.issue({ ...ca, subject: 'Test Root CA' });
    const foreignIntermediate = shop.issue({ ...intermediateCa, issuer: foreignRoot });
    const foreignLeaf = shop.issue({ ...alexa, issuer: foreignIntermediate });
    const notCa = shop.issue({ ...intermediateCa, profile: 'not_a_ca', issuer: root });
    const notCaLeaf = shop.issue({ ...alexa, issuer: notCa });
    // The older root expires half a day after creation, while everything it vouches for is still valid.
    const legacyRoot = shop.issue({ ...ca, subject: 'Test Legacy Root CA', notAfter: now + DAY_MS / 2 });
    const crossSignedRoot = shop.issue({ ...ca, subject: 'Test Root CA', issuer: legacyRoot, key: root });
    const shortIntermediate = shop.issue({ ...intermediateCa, notAfter: now + DAY_MS / 4, issuer: root });
    const shortIntermediateLeaf = shop.issue({ ...alexa, issuer: shortIntermediate });
    const ecLeaf = shop.issue({ ...alexa, issuer: intermediate, key: 'ec' });
    const server = shop.issue({ ...alexa, subject: 'localhost', profile: 'loopback_server', issuer: intermediate });
    // The misused certificates reuse keys already made: only their extensions differ.
    const misusedLeaf = (profile: Issue['profile'], issuer: Issued = intermediate): string =>
      shop.issue({ ...alexa, profile, issuer, key: leaf }).pem;
    const misusedCa = (subject: string, profile: Issue['profile'], issuer: Issued = root): Issued =>
      shop.issue({ ...intermediateCa, subject, profile, issuer, key: intermediate });
    const noCertSign = misusedCa('Test CA Without CertSign', 'ca_no_cert_sign');
    const emailOnly = misusedCa('Test E-mail CA', 'ca_email_only');
    const pathZero = misusedCa('Test Path Zero CA', 'ca_path_zero');
    const underPathZero = misusedCa('Test CA Under Path Zero', 'ca_cert', pathZero);
    const pathLengthZeroRoot = shop.issue({
      ...ca,
      subject: 'Test Path Zero Root CA',
      profile: 'ca_path_zero',
      key: root,
    });
    const underZeroRoot = misusedCa('Test CA Under Path Zero Root', 'ca_cert', pathLengthZeroRoot);
    return {
      root,
      intermediate,
      leaf,
      chain: leaf.pem + intermediate.pem,
      chainWithRoot: leaf.pem + intermediate.pem + root.pem,
      crossSignedChain: leaf.pem + intermediate.pem + crossSignedRoot.pem,
      legacyRoot,
      shortIntermediateChain: shortIntermediateLeaf.pem + shortIntermediate.pem,
      shortIntermediate,
      shortIntermediateLeaf,
      wrongSanChain: wrongSanLeaf.pem + intermediate.pem,
      wrongSanLeaf,
      selfSignedChain: selfSignedLeaf.pem,
      selfSignedLeaf,
      foreignIntermediateChain: foreignLeaf.pem + foreignIntermediate.pem,
      foreignLeaf,
      notCaIntermediateChain: notCaLeaf.pem + notCa.pem,
      notCaLeaf,
      ecChain: ecLeaf.pem + intermediate.pem,
      ecLeaf,
      tamperedIntermediateChain: leaf.pem + tamper(intermediate.pem),
      loopbackServer: { cert: server.pem + intermediate.pem, key: server.key },
      misuse: {
        leafWithoutSigning: misusedLeaf('leaf_no_signing') + intermediate.pem,
        leafClientOnly: misusedLeaf('leaf_client_only') + intermediate.pem,
        leafCodeSigning: misusedLeaf('leaf_code_signing') + intermediate.pem,
        leafUnknownCritical: misusedLeaf('leaf_unknown_critical') + intermediate.pem,
        caWithoutCertSign: misusedLeaf('alexa_leaf', noCertSign) + noCertSign.pem,
        caEmailOnly: misusedLeaf('alexa_leaf', emailOnly) + emailOnly.pem,
      },
      pathLengthZeroChain: misusedLeaf('alexa_leaf', pathZero) + pathZero.pem,
      pathLengthExceededChain: misusedLeaf('alexa_leaf', underPathZero) + underPathZero.pem + pathZero.pem,
      pathLengthZeroRoot,
      underPathLengthZeroRootChain: misusedLeaf('alexa_leaf', underZeroRoot) + underZeroRoot.pem,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every field of a TestPki: the compiler checks that none is missing here. */
const pkiFields: Record<keyof TestPki, true> = {
  root: true,
  intermediate: true,
  leaf: true,
  chain: true,
  chainWithRoot: true,
  crossSignedChain: true,
  legacyRoot: true,
  shortIntermediateChain: true,
  shortIntermediate: true,
  shortIntermediateLeaf: true,
  wrongSanChain: true,
  wrongSanLeaf: true,
  selfSignedChain: true,
  selfSignedLeaf: true,
  foreignIntermediateChain: true,
  foreignLeaf: true,
  notCaIntermediateChain: true,
  notCaLeaf: true,
  ecChain: true,
  ecLeaf: true,
  tamperedIntermediateChain: true,
  loopbackServer: true,
  misuse: true,
  pathLengthZeroChain: true,
  pathLengthExceededChain: true,
  pathLengthZeroRoot: true,
  underPathLengthZeroRootChain: true,
};

/** A PKI that this module wrote to the run's folder, read back. */
function isTestPki(value: unknown): value is TestPki {
  return isRecord(value) && Object.keys(pkiFields).every((field) => Object.hasOwn(value, field));
}

/** Blocks for `ms`: the PKI is made synchronously, so it is waited for synchronously too. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readShared(file: string, failed: string): TestPki {
  const deadline = Date.now() + PKI_TIMEOUT_MS;
  while (!existsSync(file)) {
    if (existsSync(failed)) throw new Error('another test file could not make the test PKI: see its error');
    if (Date.now() > deadline) throw new Error(`no test PKI appeared at ${file}`);
    sleep(50);
  }
  const pki: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isTestPki(pki)) throw new Error(`${file} is not a test PKI`);
  return pki;
}

function makeShared(folder: string): TestPki {
  const file = join(folder, 'pki.json');
  const failed = join(folder, 'pki.failed');
  try {
    // Whoever creates the lock makes the PKI; everyone else waits for the file.
    mkdirSync(join(folder, 'pki.lock'));
  } catch {
    return readShared(file, failed);
  }
  try {
    const pki = createTestPki();
    writeFileSync(`${file}.partial`, JSON.stringify(pki));
    renameSync(`${file}.partial`, file);
    return pki;
  } catch (error) {
    writeFileSync(failed, '');
    throw error;
  }
}

let shared: TestPki | undefined;

/**
 * The run's PKI, made once per jest run (about fifteen RSA keys) and shared by every test file; outside jest
 * (no run folder), made once per process. Valid from creation, so a test's clock stays near Date.now().
 */
export function testPki(): TestPki {
  const folder = process.env[RUN_FOLDER_VARIABLE];
  shared ??= folder === undefined || folder === '' ? createTestPki() : makeShared(folder);
  return shared;
}

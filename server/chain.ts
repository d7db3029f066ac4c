/**
 * The certificate chain check, with Node's own X509Certificate. The leaf must be valid now and name
 * echo-api.amazon.com in its subjectAltName; each certificate must be issued and signed by the next
 * one; and the chain must reach the trust store. It may stop at any certificate the store holds (the
 * root itself, or an intermediate) or signed: Amazon's chain ends in a copy of Amazon Root CA 1
 * cross-signed by an older root, and the walk stops below it, at the certificate Node's own copy
 * of that root signed.
 *
 * What each certificate may be used for is checked as OpenSSL checks it for a TLS server
 * (`openssl verify -purpose sslserver`), the purpose Amazon's chain is issued for, and on the leaf a
 * little more strictly: the leaf's key usage, if present, must allow digitalSignature (it signs the
 * request), and its extended key usage, if present, serverAuth; every CA on the path, the trust
 * anchor included, must allow keyCertSign and serverAuth where it says, and have no more CAs below it
 * than its path length allows; and no certificate may carry a critical extension that is not checked.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { id_kp_serverAuth } from '@peculiar/asn1-x509';
import { KeyUsageFlags, usageOf, type Usage } from './extensions';
import { Refusal } from './refusal';

export const ALEXA_SAN = 'echo-api.amazon.com';

/** Amazon's chain has three or four certificates; anything much longer is not a chain worth walking. */
const MAX_CERTIFICATES = 10;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g;

export interface VerifiedChain {
  /** The leaf's public key, which must have made Signature-256. */
  publicKey: KeyObject;
  /** The window, in epoch milliseconds, in which every certificate on the path is valid. */
  notBefore: number;
  notAfter: number;
}

interface Window {
  notBefore: number;
  notAfter: number;
}

/** NaN, and so never "valid now", when Node's date text cannot be read. */
function windowOf(certificate: X509Certificate): Window {
  return { notBefore: Date.parse(certificate.validFrom), notAfter: Date.parse(certificate.validTo) };
}

function within(window: Window, now: number): boolean {
  return window.notBefore <= now && now <= window.notAfter;
}

/** True when `issuer` is a CA whose name and key identifiers match `subject`'s issuer, and whose key signed it. */
function issued(subject: X509Certificate, issuer: X509Certificate): boolean {
  return issuer.ca && subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
}

export class TrustStore {
  private readonly bySubject = new Map<string, X509Certificate[]>();

  /** PEM certificates; Node's bundled roots (tls.rootCertificates) unless told otherwise. */
  constructor(pems: readonly string[] = rootCertificates) {
    for (const pem of pems) {
      const certificate = new X509Certificate(pem);
      const same = this.bySubject.get(certificate.subject) ?? [];
      same.push(certificate);
      this.bySubject.set(certificate.subject, same);
    }
  }

  /** A certificate in the store, valid now, that issued and signed `certificate`. */
  issuerOf(certificate: X509Certificate, now: number): X509Certificate | undefined {
    const candidates = this.bySubject.get(certificate.issuer) ?? [];
    return candidates.find((candidate) => within(windowOf(candidate), now) && issued(certificate, candidate));
  }
}

function allows(usage: Usage, keyUsage: KeyUsageFlags): boolean {
  const keyUsageOk = usage.keyUsage === undefined || (usage.keyUsage & keyUsage) !== 0;
  const purposeOk = usage.extendedKeyUsage === undefined || usage.extendedKeyUsage.includes(id_kp_serverAuth);
  return keyUsageOk && purposeOk && !usage.unknownCritical;
}

function usage(certificate: X509Certificate): Usage {
  try {
    return usageOf(certificate);
  } catch {
    throw new Refusal('cert_parse');
  }
}

/** The leaf may sign requests. */
function checkLeaf(leaf: X509Certificate): void {
  if (!allows(usage(leaf), KeyUsageFlags.digitalSignature)) throw new Refusal('cert_usage');
}

/** A CA may sign certificates, and `below` CAs (not counting self-issued ones) stand between it and the leaf. */
function checkCa(ca: X509Certificate, below: number): void {
  const caUsage = usage(ca);
  if (!allows(caUsage, KeyUsageFlags.keyCertSign)) throw new Refusal('cert_usage');
  if (caUsage.pathLength !== undefined && below > caUsage.pathLength) throw new Refusal('cert_usage');
}

function selfIssued(certificate: X509Certificate): boolean {
  return certificate.subject === certificate.issuer;
}

function parseChain(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0 || blocks.length > MAX_CERTIFICATES) throw new Refusal('cert_parse');
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch {
    throw new Refusal('cert_parse');
  }
}

/** Checks a PEM chain, leaf first, at time `now`; throws a Refusal naming the check that failed. */
export function verifyChain(pem: string, store: TrustStore, now: number): VerifiedChain {
  const certificates = parseChain(pem);
  const [leaf] = certificates;
  const path = windowOf(leaf);
  if (!within(path, now)) throw new Refusal('cert_validity');
  if (leaf.checkHost(ALEXA_SAN, { subject: 'never', wildcards: false, partialWildcards: false }) === undefined) {
    throw new Refusal('cert_san');
  }
  checkLeaf(leaf);
  // CAs between the leaf and the certificate being checked, for path lengths.
  let below = 0;
  for (let index = 0; ; index += 1) {
    const current = certificates[index];
    if (index > 0 && !selfIssued(current)) below += 1;
    const anchor = store.issuerOf(current, now);
    if (anchor !== undefined) {
      checkCa(anchor, below);
      path.notAfter = Math.min(path.notAfter, windowOf(anchor).notAfter);
      break;
    }
    const next = certificates[index + 1];
    if (next === undefined || !issued(current, next)) throw new Refusal('cert_chain');
    checkCa(next, below);
    const window = windowOf(next);
    if (!within(window, now)) throw new Refusal('cert_validity');
    path.notBefore = Math.max(path.notBefore, window.notBefore);
    path.notAfter = Math.min(path.notAfter, window.notAfter);
  }
  return { publicKey: leaf.publicKey, ...path };
}

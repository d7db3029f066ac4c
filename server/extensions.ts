/**
 * What a certificate may be used for, read from its X.509 v3 extensions. Node's X509Certificate
 * says whether a certificate is a CA, but not its key usage bits or its path length, so the DER is
 * read with @peculiar/asn1-x509, the RFC 5280 schema that @peculiar/x509 is built on.
 */
import type { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_certificatePolicies,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
} from '@peculiar/asn1-x509';

export { KeyUsageFlags };

export interface Usage {
  /** The keyUsage bits (KeyUsageFlags), when the extension is present. */
  keyUsage?: number;
  /** The extendedKeyUsage purposes (OIDs), when the extension is present. */
  extendedKeyUsage?: readonly string[];
  /** basicConstraints pathLenConstraint, when present. */
  pathLength?: number;
  /** A critical extension this checker does not enforce: RFC 5280 says to refuse the certificate. */
  unknownCritical: boolean;
}

/** The extensions whose meaning the chain check applies (or which carry no constraint to enforce). */
const understood = new Set([
  id_ce_keyUsage,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_ce_authorityKeyIdentifier,
  id_ce_certificatePolicies,
]);

export class UnreadableExtensions extends Error {
  override name = 'UnreadableExtensions';
}

const cache = new WeakMap<X509Certificate, Usage>();

function read(certificate: X509Certificate): Usage {
  const usage: Usage = { unknownCritical: false };
  const parsed = AsnConvert.parse(certificate.raw, Certificate);
  for (const extension of Array.from(parsed.tbsCertificate.extensions ?? [])) {
    const value = extension.extnValue.buffer;
    if (extension.extnID === id_ce_keyUsage) usage.keyUsage = AsnConvert.parse(value, KeyUsage).toNumber();
    else if (extension.extnID === id_ce_extKeyUsage)
      usage.extendedKeyUsage = [...AsnConvert.parse(value, ExtendedKeyUsage)];
    else if (extension.extnID === id_ce_basicConstraints) {
      const constraints = AsnConvert.parse(value, BasicConstraints);
      if (constraints.cA && constraints.pathLenConstraint !== undefined)
        usage.pathLength = constraints.pathLenConstraint;
    }
    if (extension.critical && !understood.has(extension.extnID)) usage.unknownCritical = true;
  }
  return usage;
}

/** The certificate's usage, read once per certificate; throws UnreadableExtensions if the DER cannot be read. */
export function usageOf(certificate: X509Certificate): Usage {
  const known = cache.get(certificate);
  if (known !== undefined) return known;
  let usage: Usage;
  try {
    usage = read(certificate);
  } catch {
    throw new UnreadableExtensions();
  }
  cache.set(certificate, usage);
  return usage;
}

/**
 * SigV4 worked out again from AWS's description of it (canonical request, string to sign, derived key), with
 * node:crypto and nothing of aws4, to check the signature on a request the store's client made.
 */
import { createHash, createHmac } from 'node:crypto';

export interface Received {
  method: string;
  path: string;
  /** Header names in lower case, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Authorization {
  accessKeyId: string;
  /** date/region/service/aws4_request */
  scope: string;
  signedHeaders: string[];
  signature: string;
}

const FORM =
  /^AWS4-HMAC-SHA256 Credential=([^/,]+)\/(\d{8}\/[^/,]+\/[^/,]+\/aws4_request), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export function parseAuthorization(header: string | undefined): Authorization {
  const match = FORM.exec(header ?? '');
  if (match === null) throw new Error('not a SigV4 Authorization header');
  const [, accessKeyId, scope, signedHeaders, signature] = match;
  return { accessKeyId, scope, signedHeaders: signedHeaders.split(';'), signature };
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/** The signature the request should carry, given the secret key, for the scope and headers it names. */
export function expectedSignature(request: Received, secretAccessKey: string): string {
  const { scope, signedHeaders } = parseAuthorization(String(request.headers.authorization));
  const [date, region, service] = scope.split('/');
  const canonicalHeaders = signedHeaders
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [
    request.method,
    request.path,
    '',
    canonicalHeaders,
    signedHeaders.join(';'),
    sha256(request.body),
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    String(request.headers['x-amz-date']),
    scope,
    sha256(canonicalRequest),
  ].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

/**
 * Fetches a certificate chain over HTTPS: status 200 only, no redirects, and at most `maxBytes`
 * (checked against Content-Length and again as the bytes arrive). The deadline is the caller's
 * AbortSignal, which tears the request down when it fires.
 */
import { get } from 'node:https';
import { urlToHttpOptions } from 'node:url';

export type CertificateFetcher = (url: URL, signal: AbortSignal) => Promise<string>;

/** Amazon's chain is about 5 KB. */
export const MAX_CHAIN_BYTES = 64 * 1024;

export class CertificateFetchError extends Error {
  override name = 'CertificateFetchError';
}

export interface HttpsFetcherOptions {
  maxBytes?: number;
  /** Trusted roots for the TLS connection to the certificate host; Node's own by default. */
  ca?: string[];
}

export function httpsFetcher({ maxBytes = MAX_CHAIN_BYTES, ca }: HttpsFetcherOptions = {}): CertificateFetcher {
  return (url, signal) =>
    new Promise<string>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        outcome();
      };
      const fail = (reason: string): void => settle(() => reject(new CertificateFetchError(reason)));
      // A fresh connection each time (agent: false): a chain is fetched about once a day, and an idle
      // keep-alive socket would only hold up shutdown.
      // One options object rather than (url, options): older HTTP mocking libraries that patch https.get
      // (nock 9, which the test simulator loads) only understand this form.
      const request = get(
        { ...urlToHttpOptions(url), signal, agent: false, ...(ca === undefined ? {} : { ca }) },
        (response) => {
          const declared = Number(response.headers['content-length'] ?? 0);
          if (response.statusCode !== 200 || !(declared <= maxBytes)) {
            fail(response.statusCode !== 200 ? `status ${String(response.statusCode)}` : 'too large');
            request.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              fail('too large');
              request.destroy();
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () => settle(() => resolve(Buffer.concat(chunks, size).toString('utf8'))));
          response.on('error', (error) => settle(() => reject(error)));
          response.on('close', () => fail('closed early'));
        },
      );
      request.on('error', (error) => settle(() => reject(error)));
      request.on('close', () => fail('closed early'));
    });
}

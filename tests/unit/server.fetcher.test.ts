/**
 * The HTTPS certificate fetcher, against a local TLS server with a certificate from the test PKI:
 * status 200 only, no redirects, a size cap (declared and counted), and a deadline it obeys.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CertificateFetchError, httpsFetcher } from '../../server/fetcher';
import { PKI_TIMEOUT_MS, testPki, type TestPki } from '../helpers/certificates';
// Regression: the simulator loads virtual-alexa, which loads nock 9 and patches https.get for the whole
// process. In a shared jest worker that broke the fetcher's (url, options, callback) call, depending on
// which test file ran first. Loading it here makes every run see the patched https.get.
import '../../tools/conversation';

type Route = (request: IncomingMessage, response: ServerResponse) => void;

let pki: TestPki;
let server: Server;
let base: string;
const routes = new Map<string, Route>();

beforeAll(async () => {
  pki = testPki();
  server = createServer({ cert: pki.loopbackServer.cert, key: pki.loopbackServer.key }, (request, response) => {
    const route = routes.get(request.url ?? '');
    if (route === undefined) {
      response.writeHead(404).end();
      return;
    }
    route(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `https://127.0.0.1:${(address satisfies AddressInfo).port}`;
}, PKI_TIMEOUT_MS);

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

function fetchPath(
  path: string,
  signal: AbortSignal = new AbortController().signal,
  maxBytes?: number,
): Promise<string> {
  return httpsFetcher({ ca: [pki.root.pem], maxBytes })(new URL(path, base), signal);
}

it('returns the chain the host serves', async () => {
  routes.set('/chain.pem', (_request, response) => response.end(pki.chain));
  await expect(fetchPath('/chain.pem')).resolves.toBe(pki.chain);
});

it('refuses anything but 200, redirects included', async () => {
  routes.set('/moved.pem', (_request, response) => response.writeHead(301, { location: '/chain.pem' }).end());
  await expect(fetchPath('/missing.pem')).rejects.toThrow(CertificateFetchError);
  await expect(fetchPath('/moved.pem')).rejects.toThrow(CertificateFetchError);
});

it('refuses a body whose declared length is over the cap, before reading it', async () => {
  routes.set('/declared.pem', (_request, response) => {
    response.writeHead(200, { 'content-length': String(pki.chain.length) }).end(pki.chain);
  });
  await expect(fetchPath('/declared.pem', undefined, pki.chain.length - 1)).rejects.toThrow('too large');
  await expect(fetchPath('/declared.pem', undefined, pki.chain.length)).resolves.toBe(pki.chain);
});

it('stops reading an undeclared body once it passes the cap', async () => {
  const total = 8 * 1024 * 1024;
  let written = 0;
  routes.set('/endless.pem', (_request, response) => {
    const block = Buffer.alloc(16 * 1024, 'A');
    const pump = (): void => {
      while (written < total) {
        written += block.length;
        if (!response.write(block)) {
          response.once('drain', pump);
          return;
        }
      }
      response.end();
    };
    pump();
  });
  await expect(fetchPath('/endless.pem', undefined, 64 * 1024)).rejects.toThrow('too large');
  expect(written).toBeLessThan(total);
});

it('gives up when its signal is aborted, on a host that never answers', async () => {
  routes.set('/slow.pem', () => undefined);
  const started = Date.now();
  await expect(fetchPath('/slow.pem', AbortSignal.timeout(200))).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(1500);
});

/**
 * The load generator, in a process of its own so that it never shares an event loop with the server it
 * measures: autocannon against URL with signed LaunchRequests, re-signed every minute so that a long run
 * stays inside the 150-second timestamp window. Prints one JSON line of figures.
 *
 *   node build/load-driver.js URL SECONDS CONNECTIONS KEY_FILE
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { launchEnvelope } from './requests';
import { signBody } from '../tests/helpers/certificates';

export const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-load.pem';
const RESIGN_MS = 60_000;

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers together. */
  errors: number;
  requests: number;
}

interface Signed {
  headers: Record<string, string>;
  body: string;
}

/** A LaunchRequest timestamped now, signed with the test leaf's key. */
export function signedLaunch(key: string): Signed {
  const event = launchEnvelope();
  const body = JSON.stringify({ ...event, request: { ...event.request, timestamp: new Date().toISOString() } });
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      signaturecertchainurl: CERT_URL,
      'signature-256': signBody(body, key),
    },
  };
}

function drive(url: string, seconds: number, connections: number, key: string): Promise<autocannon.Result> {
  let current = signedLaunch(key);
  const clients: autocannon.Client[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: current.headers,
        body: current.body,
        connections,
        duration: seconds,
        setupClient: (client) => {
          clients.push(client);
          client.setHeadersAndBody(current.headers, current.body);
        },
      },
      (error: unknown, result) => {
        clearInterval(resign);
        clearTimeout(watchdog);
        if (error instanceof Error) reject(error);
        else resolve(result);
      },
    );
    const resign = setInterval(() => {
      current = signedLaunch(key);
      for (const client of clients) client.setHeadersAndBody(current.headers, current.body);
    }, RESIGN_MS);
    // autocannon stops at `duration`; this only guards against it not doing so.
    const watchdog = setTimeout(() => instance.stop(), (seconds + 30) * 1000);
  });
}

async function main(): Promise<void> {
  const [url, seconds, connections, keyFile] = process.argv.slice(2);
  if (url === undefined || keyFile === undefined)
    throw new Error('usage: load-driver.js URL SECONDS CONNECTIONS KEY_FILE');
  const result = await drive(url, Number(seconds), Number(connections), readFileSync(keyFile, 'utf8'));
  const figures: LoadFigures = {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

if (require.main === module && /load-driver\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main().catch((error: unknown) => {
    process.stderr.write(`load driver failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

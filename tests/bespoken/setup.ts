/**
 * jest globalSetup for `bst test` (testing.json `jest.globalSetup`), in bst's own process: a results sink on
 * loopback, and quiet for a notice.
 *
 * After the suites run, skill-testing-ml's CLI posts the results to `${BESPOKEN_API_BASE_URL}/reporting/testResults`
 * (https://bespoken-api.bespoken.tools unless the variable is set), without awaiting the post. Offline, the post
 * fails, the rejection is unhandled, and its handler calls process.exit(1), even when every test passed. This sink
 * takes the post on 127.0.0.1 instead, so bst's exit code is jest's verdict alone: 0 only when every test passed.
 * It keeps what bst posted in test_output/bespoken-results.json. It runs in bst's own process, where the CLI reads
 * the variable after jest returns, and it is unref'd, so it never holds bst open. If BESPOKEN_API_BASE_URL is
 * already set, bst posts there and no sink starts.
 *
 * Node's http server is enough here: the sink answers one POST from one client on loopback. The imports are written
 * without `node:`, which the jest 24 inside skill-testing-ml cannot resolve.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { createServer } from 'http';
import { dirname, join } from 'path';

const RESULTS_PATH = '/reporting/testResults';

export default async function setUpBst(): Promise<void> {
  // virtual-alexa loads aws-sdk v2, which prints an end-of-support notice in every suite; the skill does not use it.
  // jest starts its workers after this, and they inherit the variable.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  await startResultsSink();
}

async function startResultsSink(): Promise<void> {
  if (process.env.BESPOKEN_API_BASE_URL !== undefined) return;
  // bst also sends usage statistics to source-api.bespoken.tools after the run; offline they have nowhere to go.
  process.env.SKIP_STATISTICS ??= 'true';
  const resultsFile = join(process.cwd(), 'test_output', 'bespoken-results.json');
  const server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== RESULTS_PATH) {
      response.writeHead(404, { connection: 'close' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      mkdirSync(dirname(resultsFile), { recursive: true });
      writeFileSync(resultsFile, Buffer.concat(chunks));
      response.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end('{}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The bst results sink has no TCP port');
  process.env.BESPOKEN_API_BASE_URL = `http://127.0.0.1:${address.port}`;
}

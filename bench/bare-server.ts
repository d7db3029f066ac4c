/**
 * The bare node:http baseline for the load benchmark: reads each body whole and answers FILE's bytes,
 * which are the skill's own answer to the same request. Prints its port, then serves until SIGTERM.
 *
 *   node build/bare-server.js FILE
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: bare-server.js FILE');
const answer = readFileSync(file);

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.length });
    response.end(answer);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.stdout.write(`${JSON.stringify({ event: 'server_listening', port: address.port })}\n`);
});
process.once('SIGTERM', () => server.close());

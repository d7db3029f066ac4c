// `npm run serve`: starts the self-hosted server from the bundle `npm run build` made, with nothing but
// the production dependencies (see "Run it on your own server" in the README). It never builds: a
// server that rebuilt on every start would need the development tools, and would start slowly.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../build/server.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(
    'build/server.js is missing. Build it once with `npm ci && npm run build`, then `npm prune --omit=dev` if this machine should keep only what the server needs.\n',
  );
  process.exit(2);
}
createRequire(import.meta.url)(bundle);

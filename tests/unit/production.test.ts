/**
 * Self-hosting with only the production dependencies (issue 18). `npm run serve` used to rebuild on
 * every start, which needs TypeScript and esbuild. Here a directory gets the package files, the
 * built server, and a node_modules holding exactly what `npm ls --omit=dev` lists (what
 * `npm ci --omit=dev` or `npm prune --omit=dev` would leave), and `npm run serve` must answer there.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { envelope, launchRequest } from '../helpers/envelopes';

const ROOT = resolve(__dirname, '..', '..');
const KEY = '5f0c9a3e7b21d846c0e5f9a2b7d4c1e83a6f0b9d2c5e8a1f4b7d0c3e6a9f2b5d';
const TIMEOUT_MS = 120_000;

let dir: string;

function npm(): string {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'production-'));
  for (const file of ['package.json', 'package-lock.json', 'scripts/serve.mjs', 'build/server.js']) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  const listed = execFileSync(npm(), ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  for (const path of listed.trim().split('\n').slice(1)) {
    const inside = relative(ROOT, path);
    // A package nested in another is copied with it.
    if (existsSync(join(dir, inside))) continue;
    cpSync(path, join(dir, inside), { recursive: true, dereference: true });
  }
}, TIMEOUT_MS);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('a production install', () => {
  it('holds none of the development tools', () => {
    // TypeScript stays: i18next names it as an optional peer, so npm keeps it in a production install.
    for (const tool of ['esbuild', 'jest', 'ts-jest', 'dynalite', 'virtual-alexa', 'fast-check']) {
      expect(existsSync(join(dir, 'node_modules', tool))).toBe(false);
    }
    expect(existsSync(join(dir, 'node_modules', 'better-sqlite3'))).toBe(true);
  });

  it(
    'starts with npm run serve, without building, and answers /healthz and a launch',
    async () => {
      const port = await freePort();
      const child = spawn(
        npm(),
        [
          'run',
          '--silent',
          'serve',
          '--',
          '--no-verify',
          '--port',
          String(port),
          '--db-file',
          join(dir, 'data', 'p.sqlite'),
        ],
        {
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', HOME: dir, PREFERENCES_HMAC_KEY: KEY },
          stdio: ['ignore', 'pipe', 'pipe'],
          // Its own process group, so that npm, the shell and the server all get the SIGTERM below.
          detached: true,
        },
      );
      const stop = (): void => {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      };
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      try {
        const deadline = Date.now() + 60_000;
        while (!output.includes('"server_listening"') && Date.now() < deadline && child.exitCode === null) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(output).toContain('"server_listening"');
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
        const body = JSON.stringify(envelope({ ...launchRequest(), timestamp: new Date().toISOString() }));
        const answered = await fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(answered.status).toBe(200);
        expect(JSON.stringify(await answered.json())).toContain('Welcome to Spine Care Guide');
        expect(existsSync(join(dir, 'build', 'lambda-build.json'))).toBe(false);
      } finally {
        stop();
      }
      await once(child, 'exit');
    },
    TIMEOUT_MS,
  );

  it('says how to build when the bundle is missing, and exits 2', () => {
    const bare = mkdtempSync(join(tmpdir(), 'production-bare-'));
    try {
      mkdirSync(join(bare, 'scripts'));
      cpSync(join(ROOT, 'scripts', 'serve.mjs'), join(bare, 'scripts', 'serve.mjs'));
      let status: number | null = 0;
      let stderr = '';
      try {
        execFileSync(process.execPath, [join(bare, 'scripts', 'serve.mjs')], { encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        status =
          typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
            ? error.status
            : null;
        stderr =
          typeof error === 'object' && error !== null && 'stderr' in error && typeof error.stderr === 'string'
            ? error.stderr
            : '';
      }
      expect(status).toBe(2);
      expect(stderr).toContain('npm run build');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

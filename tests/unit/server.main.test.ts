/**
 * The entry point as it will run: main.ts bundled with esbuild (packages external, as the build does
 * for node-only tools) and started as a child process with its settings in the environment and flags.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { PKI_TIMEOUT_MS, signBody, testPki } from '../helpers/certificates';
import type { RequestEnvelope } from 'ask-sdk-model';
import { envelope, intentRequest, launchRequest } from '../helpers/envelopes';

const ROOT = resolve(__dirname, '..', '..');
/** A key as `openssl rand -hex 32` makes one. */
const KEY = '5f0c9a3e7b21d846c0e5f9a2b7d4c1e83a6f0b9d2c5e8a1f4b7d0c3e6a9f2b5d';

/** Each test starts a Node process; on a busy machine that alone can take seconds. */
const PROCESS_TIMEOUT_MS = 30_000;

let dir: string;
let bundle: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alexa-main-'));
  bundle = join(dir, 'server.js');
  buildSync({
    entryPoints: [join(ROOT, 'server', 'main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
});

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

interface Started {
  child: ChildProcess;
  output: () => string;
  errors: () => string;
}

function run(args: string[], env: Record<string, string>): Started {
  // The bundle lives in a temp directory: NODE_PATH lets it find better-sqlite3 and ask-sdk.
  const child = spawn(process.execPath, [bundle, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return { child, output: () => stdout, errors: () => stderr };
}

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

async function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = await once(child, 'exit');
  return typeof code === 'number' ? code : null;
}

function launchBody(): string {
  return JSON.stringify(envelope({ ...launchRequest(), timestamp: new Date().toISOString() }));
}

it(
  'refuses to start without a skill ID when verification is on',
  async () => {
    const { child, errors } = run([], { PREFERENCES_HMAC_KEY: KEY, DB_FILE: join(dir, 'a.sqlite') });
    expect(await exitCode(child)).toBe(2);
    expect(errors()).toContain('SKILL_ID');
  },
  PROCESS_TIMEOUT_MS,
);

it(
  'refuses to start without PREFERENCES_HMAC_KEY',
  async () => {
    const { child, errors } = run(['--skill-id', 'amzn1.ask.skill.test'], { DB_FILE: join(dir, 'b.sqlite') });
    expect(await exitCode(child)).toBe(2);
    expect(errors()).toContain('PREFERENCES_HMAC_KEY');
  },
  PROCESS_TIMEOUT_MS,
);

it.each([
  ['shorter than 32 bytes', 'k', 'shorter than 32 bytes'],
  ['the README placeholder', '<a long random secret, kept, at least 32 bytes>', 'placeholder'],
  ['a placeholder word', 'changeme-changeme-changeme-changeme', 'placeholder'],
  ['one character repeated', 'a'.repeat(64), 'too few characters'],
])(
  'refuses to start with a PREFERENCES_HMAC_KEY %s, without repeating it',
  async (_name, key, reason) => {
    const { child, errors } = run(['--no-verify', '--port', '0'], {
      PREFERENCES_HMAC_KEY: key,
      DB_FILE: join(dir, 'weak.sqlite'),
    });
    expect(await exitCode(child)).toBe(2);
    expect(errors()).toContain(reason);
    expect(errors()).toContain('openssl rand -hex 32');
    // A one-letter key is in every message; a longer one must never be repeated.
    expect(key.length > 1 && errors().includes(key)).toBe(false);
  },
  PROCESS_TIMEOUT_MS,
);

it(
  'serves from the environment with verification on, refuses an unsigned request, and stops on SIGTERM',
  async () => {
    const port = await freePort();
    const db = join(dir, 'env', 'preferences.sqlite');
    const { child, output } = run([], {
      PORT: String(port),
      HOST: '127.0.0.1',
      SKILL_ID: 'amzn1.ask.skill.test',
      DB_FILE: db,
      PREFERENCES_HMAC_KEY: KEY,
    });
    try {
      await until(() => output().includes('"server_listening"'), 'the server to listen');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const refused = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: launchBody() });
      expect(refused.status).toBe(400);
      await until(() => output().includes('"check":"signature_missing"'), 'the refusal to be logged');
      expect(output()).not.toContain('verification_disabled');
      expect(existsSync(db)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitCode(child)).toBe(0);
    expect(output()).toContain('"server_stopped"');
  },
  PROCESS_TIMEOUT_MS,
);

it(
  'with --no-verify and flags, warns at start-up and on every request, and answers',
  async () => {
    const port = await freePort();
    const { child, output } = run(['--no-verify', '--port', String(port), '--db-file', join(dir, 'c.sqlite')], {
      PREFERENCES_HMAC_KEY: KEY,
      PORT: '1',
    });
    try {
      await until(() => output().includes('"server_listening"'), 'the server to listen');
      expect(output().match(/verification_disabled/g)).toHaveLength(1);
      const answered = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: launchBody() });
      expect(answered.status).toBe(200);
      await expect(answered.json()).resolves.toMatchObject({ version: '1.0' });
      await until(() => output().match(/verification_disabled/g)?.length === 2, 'the per-request warning');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitCode(child)).toBe(0);
  },
  PROCESS_TIMEOUT_MS,
);

it(
  'exits with 1, saying why, when the port is taken',
  async () => {
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const address = taken.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const { child, errors } = run(['--no-verify', '--port', String(address.port)], {
        PREFERENCES_HMAC_KEY: KEY,
        DB_FILE: join(dir, 'd.sqlite'),
      });
      expect(await exitCode(child)).toBe(1);
      expect(errors()).toContain('EADDRINUSE');
    } finally {
      taken.close();
    }
  },
  PROCESS_TIMEOUT_MS,
);

it(
  'with the test CA trusted, answers a signed LaunchRequest and refuses the same request with its body altered',
  async () => {
    const pki = testPki();
    const rootFile = join(dir, 'root.pem');
    const chainFile = join(dir, 'chain.pem');
    writeFileSync(rootFile, pki.root.pem);
    writeFileSync(chainFile, pki.chain);
    const port = await freePort();
    const { child, output } = run(['--trust-ca', rootFile, '--cert-chain', chainFile, '--port', String(port)], {
      SKILL_ID: 'amzn1.ask.skill.test',
      DB_FILE: join(dir, 'signed', 'preferences.sqlite'),
      PREFERENCES_HMAC_KEY: KEY,
    });
    try {
      await until(() => output().includes('"server_listening"'), 'the server to listen');
      expect(output()).toContain('test_certificates_in_use');
      const body = launchBody();
      const headers = {
        'content-type': 'application/json',
        signaturecertchainurl: 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem',
        'signature-256': signBody(body, pki.leaf.key),
      };
      const answered = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers, body });
      expect(answered.status).toBe(200);
      expect(JSON.stringify(await answered.json())).toContain('Welcome to Spine Care Guide');
      const altered = body.replace('"new":true', '"new":false');
      expect(altered).not.toBe(body);
      const refused = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers, body: altered });
      expect(refused.status).toBe(400);
      await until(() => output().includes('"check":"signature"'), 'the refusal to be logged');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitCode(child)).toBe(0);
  },
  PKI_TIMEOUT_MS,
);

it(
  'with --workers 2, serves from two processes that share the SQLite file, and stops both on SIGTERM',
  async () => {
    const port = await freePort();
    const { child, output } = run(
      [
        '--no-verify',
        '--workers',
        '2',
        '--port',
        String(port),
        '--db-file',
        join(dir, 'workers', 'preferences.sqlite'),
      ],
      { PREFERENCES_HMAC_KEY: KEY },
    );
    const post = async (body: RequestEnvelope): Promise<string> => {
      const answered = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: JSON.stringify(body) });
      expect(answered.status).toBe(200);
      return JSON.stringify(await answered.json());
    };
    try {
      await until(() => output().match(/"server_listening"/g)?.length === 2, 'both workers to listen');
      expect(output().match(/verification_disabled/g)).toHaveLength(1);
      const userId = 'amzn1.ask.account.workers';
      const launch = JSON.parse(await post(envelope(launchRequest(), { userId })));
      await post(
        envelope(intentRequest('SlowerIntent'), { userId, newSession: false, attributes: launch.sessionAttributes }),
      );
      // New sessions go to either worker; each reads the slower rate the other may have saved.
      const launches = await Promise.all(Array.from({ length: 6 }, () => post(envelope(launchRequest(), { userId }))));
      for (const answer of launches) expect(answer).toContain('<prosody rate=\\"90%\\">');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitCode(child)).toBe(0);
    expect(output().match(/"server_stopped"/g)).toHaveLength(2);
    expect(output()).toContain('"cluster_stopped"');
  },
  PROCESS_TIMEOUT_MS,
);

it(
  'with --workers 2, exits with 1 when the port is taken, rather than starting workers again and again',
  async () => {
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const address = taken.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const { child, errors, output } = run(['--no-verify', '--workers', '2', '--port', String(address.port)], {
        PREFERENCES_HMAC_KEY: KEY,
        DB_FILE: join(dir, 'e.sqlite'),
      });
      expect(await exitCode(child)).toBe(1);
      expect(errors()).toContain('EADDRINUSE');
      expect(output()).toContain('"worker_start_failed"');
    } finally {
      taken.close();
    }
  },
  PROCESS_TIMEOUT_MS,
);

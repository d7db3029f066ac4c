/** Server settings from flags, then the environment, then defaults. */
import { parseArgs } from 'node:util';

interface Common {
  port: number;
  host: string;
  dbFile: string;
  /** Testing only: a PEM file of extra roots to trust, beside Node's own. */
  trustCa: string | undefined;
  /** Testing only: a PEM chain to use instead of fetching SignatureCertChainUrl. */
  certChain: string | undefined;
}

/** Verification needs the skill ID; with --no-verify it is checked only when given. */
export type ServerConfig =
  (Common & { verify: true; skillId: string }) | (Common & { verify: false; skillId: string | undefined });

export const USAGE = `Usage: npm run serve -- [--port N] [--host ADDR] [--skill-id ID] [--db-file FILE] [--workers N] [--no-verify] [--help]

  --port       PORT      default 3000
  --host       HOST      default 127.0.0.1 (put a TLS-terminating proxy in front)
  --skill-id   SKILL_ID  required: requests for any other skill are refused
  --db-file    DB_FILE   SQLite file for preferences, default .data/preferences.sqlite
  --workers    WORKERS   processes sharing the port and the file (node:cluster), default one per CPU
  --no-verify            accept unsigned requests: for local testing only
  --trust-ca   FILE      testing only: also trust the PEM roots in FILE
  --cert-chain FILE      testing only: use this PEM chain instead of fetching the certificate URL
  --help                 show this and exit
  PREFERENCES_HMAC_KEY   required: the secret that keys stored preferences, at least 32 random bytes
                         (for example: openssl rand -hex 32); keep it, never change it
`;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new ConfigError(`Not a port: ${text}`);
  return port;
}

function readFlags(args: readonly string[]): ReturnType<typeof parseFlags> {
  try {
    return parseFlags(args);
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : 'Unreadable arguments');
  }
}

function parseFlags(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'skill-id': { type: 'string' },
      'db-file': { type: 'string' },
      'no-verify': { type: 'boolean' },
      'trust-ca': { type: 'string' },
      'cert-chain': { type: 'string' },
      help: { type: 'boolean' },
    },
  }).values;
}

/** Whether the flags ask for the usage; a ConfigError if they cannot be read at all. */
export function wantsHelp(args: readonly string[]): boolean {
  return readFlags(args).help === true;
}

export function parseConfig(args: readonly string[], env: NodeJS.ProcessEnv): ServerConfig {
  const flags = readFlags(args);
  const common: Common = {
    port: parsePort(nonEmpty(flags.port) ?? nonEmpty(env.PORT) ?? '3000'),
    host: nonEmpty(flags.host) ?? nonEmpty(env.HOST) ?? '127.0.0.1',
    dbFile: nonEmpty(flags['db-file']) ?? nonEmpty(env.DB_FILE) ?? '.data/preferences.sqlite',
    trustCa: nonEmpty(flags['trust-ca']),
    certChain: nonEmpty(flags['cert-chain']),
  };
  const flagSkillId = nonEmpty(flags['skill-id']);
  const envSkillId = nonEmpty(env.SKILL_ID);
  // The skill itself also reads SKILL_ID (createSkill), so a flag that disagrees with it would split the check in two.
  if (flagSkillId !== undefined && envSkillId !== undefined && flagSkillId !== envSkillId) {
    throw new ConfigError('--skill-id and SKILL_ID disagree: set one, or both to the same ID');
  }
  const skillId = flagSkillId ?? envSkillId;
  if (flags['no-verify'] === true) return { ...common, verify: false, skillId };
  if (skillId === undefined) throw new ConfigError('A skill ID is required: set SKILL_ID or pass --skill-id');
  return { ...common, verify: true, skillId };
}

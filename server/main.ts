/**
 * `npm run serve`: the skill on your own server, behind a TLS-terminating proxy. See config.ts for
 * flags and environment. SIGTERM (or SIGINT) stops accepting connections, lets requests in flight
 * finish, then closes the database.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { dirname, resolve } from 'node:path';
import { createSkill, lambdaHandler } from '../lambda/src/skill';
import { errorName, log } from '../lambda/src/log';
import { MissingSecretError, strongSecretFromEnv, WeakSecretError } from '../lambda/src/persistence/key';
import { SqlitePersistenceAdapter } from './sqlite';
import { isWorker, leaveCluster, shouldSupervise, superviseWorkers, workersFrom } from './cluster';
import { ConfigError, parseConfig, USAGE, wantsHelp, type ServerConfig } from './config';
import { createAlexaServer } from './http';
import { createUnverified, createVerifier } from './verifier';

/** How long requests in flight may take to finish after SIGTERM. */
const GRACE_MS = 10_000;

function warnTestingOnly(config: ServerConfig): void {
  if (!config.verify) log('warn', { event: 'verification_disabled' });
  if (config.trustCa !== undefined || config.certChain !== undefined)
    log('warn', { event: 'test_certificates_in_use' });
}

async function main(): Promise<void> {
  const { workers, args } = workersFrom(process.argv.slice(2), process.env);
  if (wantsHelp(args)) {
    process.stdout.write(USAGE);
    return;
  }
  const config = parseConfig(args, process.env);
  const file = resolve(config.dbFile);
  mkdirSync(dirname(file), { recursive: true });
  const preferences = new SqlitePersistenceAdapter({ file, secret: strongSecretFromEnv() });
  if (shouldSupervise(workers)) {
    // The file now exists in its current form; the workers open it themselves (cluster.ts).
    await preferences.close();
    warnTestingOnly(config);
    await superviseWorkers(workers);
    return;
  }
  const extraRoots = config.trustCa === undefined ? [] : [readFileSync(config.trustCa, 'utf8')];
  const chain = config.certChain === undefined ? undefined : readFileSync(config.certChain, 'utf8');
  const verifier = config.verify
    ? createVerifier({
        skillId: config.skillId,
        trustStore: [...rootCertificates, ...extraRoots],
        fetchCertificate: chain === undefined ? undefined : async () => chain,
      })
    : createUnverified(config.skillId);
  const alexa = createAlexaServer({ handler: lambdaHandler(createSkill(preferences)), verifier });

  await new Promise<void>((listening, failed) => {
    alexa.server.once('error', failed);
    alexa.server.listen(config.port, config.host, () => {
      alexa.server.off('error', failed);
      listening();
    });
  });
  // The testing-only warnings come before "listening", so nothing that waits for it can miss them
  // (with workers, the primary gives them once, before it starts any).
  if (!isWorker()) warnTestingOnly(config);
  log('info', { event: 'server_listening', port: config.port });

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('info', { event: 'server_stopping' });
    await alexa.close(GRACE_MS);
    await preferences.close();
    log('info', { event: 'server_stopped' });
    leaveCluster();
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

// Start-up failures come before any request, so their messages (a port in use, a missing setting) carry
// nothing from a listener: they go to stderr for the operator, besides the usual log line.
main().catch((error: unknown) => {
  const misconfigured =
    error instanceof ConfigError || error instanceof MissingSecretError || error instanceof WeakSecretError;
  log('error', { event: 'server_start_failed', error: errorName(error) });
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n${misconfigured ? `\n${USAGE}` : ''}`,
  );
  process.exitCode = misconfigured ? 2 : 1;
  leaveCluster();
});

/**
 * `npm run serve -- --workers N`: the server on N processes with node:cluster, which shares the one
 * listening port between them (default: one per CPU; `--workers 1` is a single process, no cluster).
 * Every worker is a whole server: it verifies, answers and keeps preferences in the same SQLite file,
 * each with its own connection. SQLite in WAL mode lets the readers run beside the one writer, a
 * write waits for another process's write under SQLite's busy timeout, and the stamps on every write
 * (sqlite.ts) keep a late write from landing over a newer one.
 *
 * The primary does no requests. It checks the settings and creates the file first (so that workers
 * never race to create or migrate it), starts the workers, starts a new one if a worker dies after it
 * was listening, and passes SIGTERM and SIGINT on. If a worker fails before it listens (a port in
 * use, say), the primary stops the others and exits with that worker's code.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { log } from '../lambda/src/log';
import { ConfigError } from './config';

const MAX_WORKERS = 64;

export interface WorkersFlag {
  workers: number;
  /** The other arguments, for parseConfig. */
  args: string[];
}

function parseWorkers(text: string): number {
  const workers = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(workers >= 1 && workers <= MAX_WORKERS))
    throw new ConfigError(`--workers must be a whole number from 1 to ${MAX_WORKERS}: ${text}`);
  return workers;
}

/** Takes `--workers N` (or `--workers=N`, or WORKERS) out of the arguments; the default is one per CPU. */
export function workersFrom(args: readonly string[], env: NodeJS.ProcessEnv): WorkersFlag {
  const rest: string[] = [];
  let given: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--workers') {
      given = args[index + 1];
      if (given === undefined) throw new ConfigError('--workers needs a number');
      index += 1;
    } else if (arg.startsWith('--workers=')) {
      given = arg.slice('--workers='.length);
    } else {
      rest.push(arg);
    }
  }
  const fromEnv = env.WORKERS === undefined || env.WORKERS.trim() === '' ? undefined : env.WORKERS.trim();
  const text = given ?? fromEnv;
  return { workers: text === undefined ? availableParallelism() : parseWorkers(text), args: rest };
}

/** Whether this process should supervise workers rather than serve. */
export function shouldSupervise(workers: number): boolean {
  return workers > 1 && cluster.isPrimary;
}

/** Whether this process is one of the workers (which leave the start-up warnings to the primary). */
export function isWorker(): boolean {
  return cluster.isWorker;
}

/** A worker that has stopped serving lets go of the primary, or its open channel would keep it alive. */
export function leaveCluster(): void {
  if (cluster.isWorker) cluster.worker?.disconnect();
}

/** Starts `count` workers and keeps them running until SIGTERM or SIGINT; resolves when all have exited. */
export function superviseWorkers(count: number): Promise<void> {
  return new Promise((resolve) => {
    const listened = new Set<number>();
    let stopping = false;

    const stopAll = (): void => {
      if (stopping) return;
      stopping = true;
      log('info', { event: 'cluster_stopping' });
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    };

    const start = (): Worker => {
      const worker = cluster.fork();
      worker.once('listening', () => listened.add(worker.id));
      worker.once('exit', (code, signal) => {
        const remaining = Object.values(cluster.workers ?? {}).filter(
          (other) => other !== undefined && other.id !== worker.id,
        ).length;
        if (!stopping && !listened.has(worker.id)) {
          // It never served: the same settings would fail again, so stop rather than loop.
          log('error', { event: 'worker_start_failed', error: signal ?? `exit ${code}` });
          process.exitCode = code === 0 ? 1 : code;
          stopAll();
        } else if (!stopping) {
          log('warn', { event: 'worker_exited', error: signal ?? `exit ${code}` });
          start();
        }
        if (stopping && remaining === 0) {
          log('info', { event: 'cluster_stopped' });
          resolve();
        }
      });
      return worker;
    };

    for (let index = 0; index < count; index += 1) start();
    process.once('SIGTERM', stopAll);
    process.once('SIGINT', stopAll);
  });
}

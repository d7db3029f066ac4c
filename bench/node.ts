/**
 * How the benchmark starts node: as Lambda's Node.js runtime starts it for the stack, in a clean
 * environment. The memory size and NODE_OPTIONS are read from the stack's template, so the benchmark
 * measures what would be deployed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATE = join(__dirname, '..', 'infrastructure', 'cfn-deployer', 'skill-stack.yaml');

function fromTemplate(pattern: RegExp, what: string): string {
  const found = pattern.exec(readFileSync(TEMPLATE, 'utf8'))?.[1];
  if (found === undefined) throw new Error(`infrastructure/cfn-deployer/skill-stack.yaml has no ${what}`);
  return found;
}

/** The function's MemorySize in the template. */
export const LAMBDA_MEMORY_MB = Number(fromTemplate(/^\s+MemorySize: (\d+)\s*$/m, 'MemorySize'));

/** The function's NODE_OPTIONS in the template. */
export const LAMBDA_NODE_OPTIONS = fromTemplate(/^\s+NODE_OPTIONS: '([^']*)'\s*$/m, 'NODE_OPTIONS');

/**
 * The flags Lambda's Node.js bootstrap puts on node's command line for a memory size: a tenth of it for
 * the young generation, in two semi-spaces, the rest for the old generation, and gc exposed. When
 * NODE_OPTIONS already sets either heap size, the bootstrap leaves both out, so that NODE_OPTIONS
 * decides (node itself lets its command line win over NODE_OPTIONS, so it could not otherwise).
 */
export function lambdaFlags(memoryMb: number, nodeOptions = ''): string[] {
  if (/--max[-_](semi|old)[-_]space[-_]size/.test(nodeOptions)) return ['--expose-gc'];
  const young = Math.floor(memoryMb / 10);
  return ['--expose-gc', `--max-semi-space-size=${Math.floor(young / 2)}`, `--max-old-space-size=${memoryMb - young}`];
}

/** The command-line flags for the template's memory size and NODE_OPTIONS. */
export const NODE_FLAGS: readonly string[] = lambdaFlags(LAMBDA_MEMORY_MB, LAMBDA_NODE_OPTIONS);

/**
 * This process's environment without what would change the figures: the skill's settings, the AWS
 * SDK's, and node's (NODE_EXTRA_CA_CERTS alone adds tens of milliseconds to every start).
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const kept = Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && !/^(AWS_|PREFERENCES_|SKILL_ID$|LOG_LEVEL$|NODE_|WORKERS$)/.test(entry[0]),
  );
  return { ...Object.fromEntries(kept), ...extra };
}

/** How the benchmark starts node: as Lambda's Node.js runtime does for the stack, in a clean environment. */

/** The stack's MemorySize (infrastructure/cfn-deployer/skill-stack.yaml). */
export const LAMBDA_MEMORY_MB = 256;

const YOUNG_MB = Math.floor(LAMBDA_MEMORY_MB / 10);

/**
 * The flags of Lambda's Node.js bootstrap for that memory: a tenth of it for the young generation, in
 * two semi-spaces, the rest for the old generation, and gc exposed.
 */
export const NODE_FLAGS: readonly string[] = ['--expose-gc', `--max-semi-space-size=${Math.floor(YOUNG_MB / 2)}`, `--max-old-space-size=${LAMBDA_MEMORY_MB - YOUNG_MB}`];

/**
 * This process's environment without what would change the figures: the skill's settings, the AWS
 * SDK's, and node's (NODE_EXTRA_CA_CERTS alone adds tens of milliseconds to every start).
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const kept = Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^(AWS_|PREFERENCES_|SKILL_ID$|LOG_LEVEL$|NODE_)/.test(entry[0]));
  return { ...Object.fromEntries(kept), ...extra };
}

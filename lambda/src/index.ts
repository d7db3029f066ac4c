/**
 * The AWS Lambda entry point: `handler` (async; never the callback-style `.lambda()`), as
 * ask-resources.json names it. It is the Lambda host's adapter and nothing more: it picks the
 * preference store from the environment and builds the skill (skill.ts) on it, once, when Lambda
 * loads the module.
 *
 * PREFERENCES_TABLE and PREFERENCES_HMAC_KEY select DynamoDB. Without them the skill keeps
 * preferences in memory for the life of the process, keyed with a secret that never leaves it.
 */
import { randomBytes } from 'node:crypto';
import { dynamoDbAdapterFromEnv } from './persistence/dynamodb';
import { MemoryPersistenceAdapter } from './persistence/memory';
import { createSkill, lambdaHandler } from './skill';

const preferences =
  dynamoDbAdapterFromEnv() ?? new MemoryPersistenceAdapter({ secret: randomBytes(32).toString('hex') });

export const skill = createSkill(preferences);

export const handler = lambdaHandler(skill);

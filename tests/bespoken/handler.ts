/**
 * The handler `bst test` runs (testing.json `handler`): the built Lambda bundle, loaded by Node itself.
 *
 * bst test runs the YAML suites in skill-testing-ml's own jest 24, whose module loader cannot resolve
 * `node:` builtins (jest learned them in version 27), and the bundle requires `node:crypto`, `node:fs` and
 * others. So this file, which jest 24 does load, hands the bundle to Node's own `require`, as Lambda loads it.
 * It loads the file and export that `npm run build` recorded in build/lambda-build.json, so it follows
 * ask-resources.json. The imports below are written without `node:` for the same reason.
 *
 * The response comes back as JSON, as it leaves Lambda. That also moves it into jest's realm: the bundle's
 * objects belong to Node's main realm, and skill-testing-ml's JSON paths (`sessionAttributes.topic`,
 * `response.shouldEndSession`) read nothing from objects made in another realm.
 */
import { readFileSync } from 'fs';
import { createRequire } from 'module';
import { join } from 'path';
import type { handler as SkillHandler } from '../../lambda/src/index';

type Handler = typeof SkillHandler;
type Event = Parameters<Handler>[0];

/** bst's handler file is build/bst-handler.js, one folder below the project root. */
const ROOT = join(__dirname, '..');

function text(record: unknown, key: string): string {
  const value: unknown = typeof record === 'object' && record !== null ? Reflect.get(record, key) : undefined;
  if (typeof value !== 'string') throw new Error(`build/lambda-build.json has no "${key}": run npm run build`);
  return value;
}

function isHandler(value: unknown): value is Handler {
  return typeof value === 'function';
}

function loadBundle(): Handler {
  const build: unknown = JSON.parse(readFileSync(join(ROOT, 'build', 'lambda-build.json'), 'utf8'));
  const outfile = text(build, 'outfile');
  const exported = text(build, 'handlerExport');
  const bundle: unknown = createRequire(__filename)(join(ROOT, outfile));
  const found: unknown = typeof bundle === 'object' && bundle !== null ? Reflect.get(bundle, exported) : undefined;
  if (!isHandler(found)) throw new Error(`${outfile} does not export a function "${exported}": run npm run build`);
  return found;
}

const bundled = loadBundle();

export async function handler(event: Event, context?: unknown): Promise<unknown> {
  const response: unknown = JSON.parse(JSON.stringify(await bundled(event, context)));
  return response;
}

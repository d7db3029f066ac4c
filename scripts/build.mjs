// Bundles the skill for Lambda, and the simulator, the server and the benchmarks for local runs. Type checking is
// `tsc`, which `npm run build` runs first, so a type error fails the build before anything is bundled.
//
// The Lambda bundle follows ask-resources.json, the one place that names the runtime and the handler:
// runtime "nodejs22.x" is esbuild target "node22", and handler "index.handler" is `handler` exported
// from index.js in the code folder. build/lambda-build.json records what was built, for the tests and
// the benchmark.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const resources = JSON.parse(readFileSync('ask-resources.json', 'utf8'));
const profile = resources.profiles.default;
const { runtime, handler } = profile.skillInfrastructure.userConfig;
const codeFolder = profile.code.default.src;

const runtimeMatch = /^nodejs(\d+)\.x$/.exec(runtime);
if (runtimeMatch === null) throw new Error(`ask-resources.json: runtime "${runtime}" is not a nodejsNN.x runtime`);
const handlerMatch = /^(\w+)\.(\w+)$/.exec(handler);
if (handlerMatch === null) throw new Error(`ask-resources.json: handler "${handler}" is not file.export`);

const target = `node${runtimeMatch[1]}`;
const [, handlerFile, handlerExport] = handlerMatch;
const outfile = `${codeFolder.replace(/^\.\//, '').replace(/\/$/, '')}/${handlerFile}.js`;

/**
 * The DynamoDB client is the store's own (lambda/src/persistence/dynamodbClient.ts: aws4 and node's https).
 * The AWS SDK must never come back into the bundle: the build fails if anything imports it.
 */
const noAwsSdk = {
  name: 'no-aws-sdk',
  setup(bundler) {
    bundler.onResolve({ filter: /^(@aws-sdk|@smithy)\/|^aws-sdk$/ }, (args) => ({
      errors: [
        {
          text: `${args.importer} imports ${args.path}: the Lambda bundle has its own DynamoDB client, never the AWS SDK`,
        },
      ],
    }));
  },
};

/**
 * ask-sdk-model is types, which TypeScript erases, and Alexa service clients (61 KB minified). ask-sdk-core
 * requires it in one place, CustomSkill, for a ServiceClientFactory it builds only when the skill has an
 * API client (withApiClient); this skill has none. So the bundle gets a ServiceClientFactory that says
 * so, and the build fails if anything else ever needs ask-sdk-model at run time.
 */
const noServiceClients = {
  name: 'no-service-clients',
  setup(bundler) {
    bundler.onResolve({ filter: /^ask-sdk-model$/ }, (args) => {
      if (!args.importer.replaceAll('\\', '/').endsWith('/node_modules/ask-sdk-core/dist/skill/CustomSkill.js')) {
        return {
          errors: [
            {
              text: `${args.importer} needs ask-sdk-model at run time: remove the no-service-clients plugin from scripts/build.mjs`,
            },
          ],
        };
      }
      return { path: 'ask-sdk-model', namespace: 'no-service-clients' };
    });
    bundler.onLoad({ filter: /.*/, namespace: 'no-service-clients' }, () => ({
      contents: `class ServiceClientFactory {
  constructor() {
    throw new Error('Alexa service clients are not in this bundle: see the no-service-clients plugin in scripts/build.mjs');
  }
}
module.exports = { services: { ServiceClientFactory } };
`,
      loader: 'js',
    }));
  },
};

const builtins = new Set(builtinModules);
const isBuiltin = (path) => path.startsWith('node:') || builtins.has(path);

// The code folder is what the ASK CLI zips and deploys: the bundle and its source map, nothing left over.
rmSync(codeFolder, { recursive: true, force: true });

/** The Lambda bundle's options; the benchmark's hello-world skill is bundled with the same ones. */
const lambdaOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target,
  // ES module builds where a package has them, so that esbuild can drop what is never called.
  mainFields: ['module', 'main'],
  minify: true,
  charset: 'utf8',
  plugins: [noAwsSdk, noServiceClients],
  logLevel: 'warning',
};

const lambda = await build({
  ...lambdaOptions,
  entryPoints: ['lambda/src/index.ts'],
  outfile,
  sourcemap: true,
  metafile: true,
});

const output = lambda.metafile.outputs[outfile];
const required = output.imports.filter((entry) => entry.external && !isBuiltin(entry.path));
if (required.length > 0)
  throw new Error(
    `The Lambda bundle must be self-contained, but it requires ${required.map((entry) => entry.path).join(', ')}`,
  );

mkdirSync('build', { recursive: true });
writeFileSync(
  'build/lambda-build.json',
  `${JSON.stringify({ runtime, target, handler, handlerExport, outfile, format: 'cjs', metafile: lambda.metafile }, null, 2)}\n`,
);

// Local tools: dependencies stay in node_modules.
const local = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...local, entryPoints: ['tools/simulator.ts'], outfile: 'build/simulator.js', sourcemap: true }),
  build({ ...local, entryPoints: ['tools/evaluateCli.ts'], outfile: 'build/evaluate.js' }),
  build({ ...local, entryPoints: ['tools/durationsCli.ts'], outfile: 'build/durations.js' }),
  build({ ...local, entryPoints: ['tools/nluProfile.ts'], outfile: 'build/nlu-profile.js' }),
  // The self-hosted server: better-sqlite3 is a native module, so dependencies stay in node_modules.
  build({ ...local, entryPoints: ['server/main.ts'], outfile: 'build/server.js', sourcemap: true }),
  // The hello-world baseline, bundled exactly as the skill is.
  build({ ...lambdaOptions, entryPoints: ['bench/hello.ts'], outfile: 'build/hello.js' }),
  // The usual peer, ask-sdk with the official DynamoDB adapter, loads from node_modules as it is deployed.
  build({ ...local, entryPoints: ['bench/peer.ts'], outfile: 'build/peer.js' }),
  build({ ...local, entryPoints: ['bench/bare-server.ts'], outfile: 'build/bare-server.js' }),
  build({ ...local, entryPoints: ['bench/load-driver.ts'], outfile: 'build/load-driver.js' }),
  build({ ...local, entryPoints: ['bench/run.ts'], outfile: 'build/bench.js' }),
  build({ ...local, entryPoints: ['bench/child.ts'], outfile: 'build/bench-child.js' }),
  build({ ...local, entryPoints: ['bench/profile.ts'], outfile: 'build/bench-profile.js' }),
  build({ ...local, entryPoints: ['bench/load.ts'], outfile: 'build/load.js' }),
  // What `bst test` loads (testing.json): the bundle's handler, and its setup with the loopback sink for results.
  build({ ...local, entryPoints: ['tests/bespoken/handler.ts'], outfile: 'build/bst-handler.js' }),
  build({ ...local, entryPoints: ['tests/bespoken/setup.ts'], outfile: 'build/bst-setup.js' }),
]);

// Every spoken item needs a review record (content/<folder>/review.json, and content/triage.json for the grades):
// the build fails if one is missing or if words changed after a sign-off. The review pack is built beside it.
await Promise.all([
  build({ ...local, entryPoints: ['scripts/review/check.ts'], outfile: 'build/check-review.js' }),
  build({ ...local, entryPoints: ['scripts/review/pack.ts'], outfile: 'build/review-pack.js', sourcemap: true }),
]);
execFileSync(process.execPath, ['build/check-review.js'], { stdio: 'inherit' });

// `npm start` and `npm run simulate`: the simulator, without the full build, so that on a tree where nothing
// changed the greeting comes in well under 2 seconds. Nothing here type-checks: `npm run build` and `npm test`
// do. esbuild strips the types as it bundles tools/simulator.ts, exactly as scripts/build.mjs bundles it.
//
// What it does, each step only when needed:
// 1. The generated catalog and interaction models are made again when content/ or their generator
//    (tools/model/) changed since the last time, which a hash of those files, kept in build/, tells.
// 2. The simulator is bundled again when any file it is made of is newer than the bundle: esbuild's metafile
//    from the last bundle lists them. esbuild has no cache that lasts between runs, so this one check stands in.
// 3. The bundle runs in this process, with the same command line.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (...parts) => join(root, ...parts);

const generatedFrom = [at('content'), at('tools', 'model')];
const stampFile = at('build', 'start-generated.sha256');
const bundle = at('build', 'simulator.js');
const metafile = at('build', 'simulator.meta.json');

function filesUnder(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function hashOfSources() {
  const hash = createHash('sha256');
  for (const file of generatedFrom.flatMap(filesUnder))
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex');
}

function regenerateIfChanged() {
  const hash = hashOfSources();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return;
  for (const what of ['catalog', 'models'])
    execFileSync(process.execPath, [at('scripts', 'generate.mjs'), what], { cwd: root, stdio: 'inherit' });
  mkdirSync(at('build'), { recursive: true });
  writeFileSync(stampFile, hash);
}

function bundleIsFresh() {
  if (!existsSync(bundle) || !existsSync(metafile)) return false;
  const builtAt = statSync(bundle).mtimeMs;
  const inputs = Object.keys(JSON.parse(readFileSync(metafile, 'utf8')).inputs);
  return inputs.every((input) => existsSync(at(input)) && statSync(at(input)).mtimeMs <= builtAt);
}

async function bundleIfStale() {
  if (bundleIsFresh()) return;
  // Loaded only when it is needed, which a warm start is not.
  const { build } = await import('esbuild');
  // The same options as the simulator's bundle in scripts/build.mjs.
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['tools/simulator.ts'],
    outfile: 'build/simulator.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(metafile, JSON.stringify(result.metafile));
}

regenerateIfChanged();
await bundleIfStale();
// The simulator reads process.argv.slice(2), which is the same here as for `node build/simulator.js`.
createRequire(import.meta.url)(bundle);

// Runs a generator without a type check, which `npm run build` does in between:
//   node scripts/generate.mjs catalog   content/locales.json -> lambda/src/content/catalog.ts
//   node scripts/generate.mjs models    the language source -> skill-package/interactionModels/custom/*.json
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const entries = { catalog: 'tools/model/writeCatalog.ts', models: 'tools/model/writeModels.ts' };
const what = process.argv[2];
if (!(what in entries)) throw new Error('usage: node scripts/generate.mjs catalog|models');
const outfile = `build/generate-${what}.js`;
await build({
  entryPoints: [entries[what]],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
try {
  execFileSync(process.execPath, [outfile], { stdio: 'inherit' });
} catch {
  // The generator has already said what is wrong.
  process.exit(1);
}

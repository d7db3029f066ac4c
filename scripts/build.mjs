// Bundles the skill for Lambda, the simulator for `npm start` and the benchmark for `npm run bench`. Type checking is `tsc`, run first.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['lambda/src/index.ts'],
    outfile: 'lambda/dist/index.js',
    format: 'cjs',
    target: 'node22',
    minify: true,
    sourcemap: true,
  }),
  build({
    ...common,
    entryPoints: ['bench/run.ts'],
    outfile: 'build/bench.js',
    format: 'cjs',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['tools/simulator.ts'],
    outfile: 'build/simulator.js',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
  }),
]);

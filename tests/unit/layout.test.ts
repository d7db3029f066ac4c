/**
 * The tree says what runs where: lambda/src is what the Lambda bundle is built from, and the hosts
 * that never run on Lambda (the self-hosted server and its SQLite store in server/, the simulator in
 * tools/) live outside it. Reads build/lambda-build.json, which `npm run build` writes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { isRecord } from '../../lambda/src/json';

const ROOT = resolve(__dirname, '..', '..');

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) =>
      relative(ROOT, join(ROOT, folder, file))
        .split('\\')
        .join('/'),
    );
}

function bundledInputs(): string[] {
  const record: unknown = JSON.parse(readFileSync(join(ROOT, 'build', 'lambda-build.json'), 'utf8'));
  const metafile = isRecord(record) ? record.metafile : undefined;
  const inputs = isRecord(metafile) ? metafile.inputs : undefined;
  if (!isRecord(inputs)) throw new Error('build/lambda-build.json has no metafile: run `npm run build`');
  return Object.keys(inputs);
}

/** Whether a module compiles to no code at all: it only declares types. */
function typesOnly(file: string): boolean {
  const { outputText } = ts.transpileModule(readFileSync(join(ROOT, file), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, removeComments: true },
  });
  return (
    outputText
      .replace('"use strict";', '')
      .replace('Object.defineProperty(exports, "__esModule", { value: true });', '')
      .trim() === ''
  );
}

describe('what runs where', () => {
  const bundled = bundledInputs();

  it('every module in lambda/src with code in it is in the Lambda bundle', () => {
    const left = sources('lambda/src').filter((file) => !bundled.includes(file) && !typesOnly(file));
    expect(left).toEqual([]);
  });

  it('the Lambda bundle takes no code of ours from outside lambda/src and content/', () => {
    // A build plugin's stand-in module (scripts/build.mjs) is no file.
    const files = bundled.filter((file) => existsSync(join(ROOT, file)));
    expect(files.length).toBeGreaterThan(50);
    const outside = files.filter(
      (file) => !file.startsWith('node_modules/') && !file.startsWith('lambda/src/') && !file.startsWith('content/'),
    );
    expect(outside).toEqual([]);
  });

  it('the server and the SQLite store are outside lambda/src', () => {
    expect(sources('server')).toEqual(expect.arrayContaining(['server/main.ts', 'server/http.ts', 'server/sqlite.ts']));
    expect(bundled.filter((file) => /better-sqlite3|(^|\/)server\//.test(file))).toEqual([]);
  });
});

/** Writes a generated file only when its text changed, and says so. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const catalogFile = join('lambda', 'src', 'content', 'catalog.ts');
export const sourcesFile = join('tools', 'model', 'sources.ts');
export const translationsFile = join('tools', 'model', 'translations.ts');
export const understoodFile = join('lambda', 'src', 'content', 'understood.json');
export const modelFolder = join('skill-package', 'interactionModels', 'custom');

export function write(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
  process.stdout.write(`wrote ${file}\n`);
}

export function fail(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

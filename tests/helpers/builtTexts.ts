/**
 * What the build would compile in for edited content: the content folder is copied to a temporary folder,
 * the edited files are written over their copies, and the build's own generator works out the texts from
 * that copy. The real files stay as they are.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spokenTexts } from '../../tools/model/catalog';

export const contentFolder = join(__dirname, '..', '..', 'content');

/** The generated catalog module, as the skill's modules name it (for jest.doMock). */
export const catalogModule = join(__dirname, '..', '..', 'lambda', 'src', 'content', 'catalog');

/** The text tables the build would write for content/ with `edits` (a path under content/ to its new JSON). */
export function textTablesWith(edits: Readonly<Record<string, unknown>>): Record<string, string> {
  const copy = mkdtempSync(join(tmpdir(), 'content-'));
  try {
    cpSync(contentFolder, copy, { recursive: true });
    for (const [file, json] of Object.entries(edits)) writeFileSync(join(copy, file), JSON.stringify(json));
    return spokenTexts(copy).tables;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Makes the catalog that modules loaded after this call see carry `tables` (inside jest.isolateModules). */
export function mockTextTables(tables: Readonly<Record<string, string>>): void {
  jest.doMock(catalogModule, () => ({ ...jest.requireActual<object>(catalogModule), textTables: tables }));
}

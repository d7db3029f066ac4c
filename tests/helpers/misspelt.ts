/**
 * The skill built on content with keys misspelt on purpose, to show that the broad suites catch what a
 * misspelling does. The content is copied to a temporary folder, where each language's translation.json has
 * one key the skill says with a wrong name; the build's own generator works out the texts from that copy, and
 * the skill is loaded on them in an isolated module registry, so the real files and the real skill stay as
 * they are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../../lambda/src/json';
import { contentFolder, mockTextTables, textTablesWith } from './builtTexts';
import { contentLanguages } from './locales';
import { FaultWatch } from './meaning';

/** The keys misspelt, one per language, each one that a request of its own is answered with. */
const misspeltKeys = ['sections.prep.summary', 'facts.eating.text'];

export interface Misspelt {
  language: string;
  key: string;
}

/** Which key is misspelt in which language: the first language gets the first key, and so on. */
export const misspelt: readonly Misspelt[] = contentLanguages.map((language, index) => ({
  language,
  key: misspeltKeys[index % misspeltKeys.length],
}));

/** A copy of a translation with the last part of `key` spelt wrong ("summary" becomes "summaryy"). */
function withMisspelling(translation: unknown, key: string): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(translation));
  const path = key.split('.');
  const last = path.pop();
  let node = copy;
  for (const part of path) node = isRecord(node) ? node[part] : undefined;
  if (last === undefined || !isRecord(node) || typeof node[last] !== 'string')
    throw new Error(`no text at ${key} to misspell`);
  node[`${last}y`] = node[last];
  Reflect.deleteProperty(node, last);
  return copy;
}

type SkillModule = typeof import('../../lambda/src/skill');
type MemoryModule = typeof import('../../lambda/src/persistence/memory');

export interface MisspeltSkill {
  /** The skill's own module, built on the misspelt content. */
  skill: SkillModule;
  memory: MemoryModule;
  /** Sees what the error handler and the last resort of that skill log. */
  faults: FaultWatch;
}

/** Loads the skill on content with `misspelt` keys, in a registry of modules of its own. */
export async function loadMisspeltSkill(): Promise<MisspeltSkill> {
  const tables = textTablesWith(
    Object.fromEntries(
      misspelt.map(({ language, key }) => {
        const file = join(language, 'translation.json');
        return [file, withMisspelling(JSON.parse(readFileSync(join(contentFolder, file), 'utf8')), key)];
      }),
    ),
  );
  let loaded: MisspeltSkill | undefined;
  await jest.isolateModulesAsync(async () => {
    mockTextTables(tables);
    const skill = await import('../../lambda/src/skill');
    const memory = await import('../../lambda/src/persistence/memory');
    const { setLogSink } = await import('../../lambda/src/log');
    const faults = new FaultWatch();
    setLogSink(faults.sink);
    loaded = { skill, memory, faults };
  });
  if (loaded === undefined) throw new Error('the misspelt skill did not load');
  return loaded;
}

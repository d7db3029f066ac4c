/**
 * Writes lambda/src/content/catalog.ts: the import of every content file that content/locales.json
 * names, so that the bundle carries the content compiled in and adding a language or a locale
 * changes nothing outside content/, and the `ContentKey` type of every key the code may name. Run by
 * `npm run build`; a test fails when it is out of date.
 *
 * Why a generated key type rather than i18next's CustomTypeOptions: that types `t()` against the
 * resources' exact ids, so a key the code builds from a registry id (`sections.${id}.summary`) would
 * not type-check without a cast, and the skill calls i18next through its own cached translator with
 * keys that come back from the session. The generated type is a plain union the replies are written
 * against, with an id from data as any string.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isRecord } from '../../lambda/src/json';

/** Scripts and tests run from the project folder, as npm runs them. */
export const contentRoot = resolve('content');

export type Layers = Record<string, string[]>;

export function readLayers(root: string = contentRoot): Layers {
  const parsed: unknown = JSON.parse(readFileSync(join(root, 'locales.json'), 'utf8'));
  const locales = isRecord(parsed) ? parsed.locales : undefined;
  if (!isRecord(locales)) throw new Error('content/locales.json: "locales" must map each locale to its layers');
  const layers: Layers = {};
  for (const [locale, list] of Object.entries(locales)) {
    if (!Array.isArray(list) || list.length === 0 || !list.every((item): item is string => typeof item === 'string')) {
      throw new Error(`content/locales.json: ${locale} must list its layers, its language first`);
    }
    if (!/^[a-z]{2}-[A-Z]{2}$/.test(locale) || list[0] !== locale.slice(0, 2)) throw new Error(`content/locales.json: ${locale} must start from its language, ${locale.slice(0, 2)}`);
    layers[locale] = list;
  }
  return layers;
}

function identifier(kind: string, layer: string): string {
  return `${kind}_${layer.replace('-', '_')}`;
}

/**
 * The groups of texts whose members the code names by an id that comes from data (a section, fact or
 * glossary id from content/registry.json, an advice group from content/triage.json): in the key type,
 * that id is any string. Which ids exist is checked when a key is spoken (speech/respond.ts).
 */
const families: ReadonlySet<string> = new Set(['sections', 'facts', 'glossary', 'triage.advice']);
/** Texts that are never spoken by key: a file's own notes, pronunciations and sources. */
const unspoken: ReadonlySet<string> = new Set(['meta', 'pronunciations', 'sources']);

function collectKeys(value: unknown, path: readonly string[], keys: Set<string>, file: string): void {
  if (typeof value === 'string') {
    keys.add(path.join('.'));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, [...path, '${number}'], keys, file);
    return;
  }
  if (!isRecord(value)) return;
  const family = families.has(path.join('.'));
  for (const [name, child] of Object.entries(value)) {
    if (!/^\w+$/.test(name)) throw new Error(`${file}: the key "${name}" (under "${path.join('.')}") must be letters, digits and _`);
    if (unspoken.has(name)) continue;
    collectKeys(child, [...path, family ? '${string}' : name], keys, file);
  }
}

/** Every content key the code may name, in every language's translation.json, as TypeScript type members. */
function contentKeyMembers(root: string, languages: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const language of languages) {
    const file = join('content', language, 'translation.json');
    const parsed: unknown = JSON.parse(readFileSync(join(root, language, 'translation.json'), 'utf8'));
    collectKeys(parsed, [], keys, file);
  }
  return [...keys].sort().map((key) => (key.includes('${') ? `\`${key}\`` : `'${key}'`));
}

export function catalogSource(root: string = contentRoot): string {
  const layers = readLayers(root);
  const languages = [...new Set(Object.values(layers).map((list) => list[0]))].sort();
  const folders = [...new Set(Object.values(layers).flat())].sort();
  const has = (folder: string, file: string): boolean => existsSync(join(root, folder, file));
  for (const language of languages) {
    for (const file of ['translation.json', 'language.json']) if (!has(language, file)) throw new Error(`content/${language}/${file} is missing`);
  }
  const imports: string[] = [];
  for (const folder of folders) {
    if (has(folder, 'translation.json')) imports.push(`import ${identifier('translation', folder)} from '../../../content/${folder}/translation.json';`);
    if (has(folder, 'language.json')) imports.push(`import ${identifier('language', folder)} from '../../../content/${folder}/language.json';`);
  }
  const regional = (kind: string, file: string): string[] =>
    Object.entries(layers).map(([locale, list]) => {
      const found = list.slice(1).filter((folder) => has(folder, file));
      return `  '${locale}': [${found.map((folder) => identifier(kind, folder)).join(', ')}],`;
    });
  return `// Generated by \`npm run build\` (tools/model/catalog.ts) from content/locales.json. Do not edit by hand.
import type { LanguageContent, RegionalContent } from './types';
import type { LanguageSource, SourceOverlay } from '../understanding/source';
${imports.join('\n')}

/** Each locale's content layers, from its language to its most specific region. */
export const localeLayers: Readonly<Record<string, readonly string[]>> = {
${Object.entries(layers).map(([locale, list]) => `  '${locale}': [${list.map((item) => `'${item}'`).join(', ')}],`).join('\n')}
};

/** What is said, per language. */
export const translations: Readonly<Record<string, LanguageContent>> = {
${languages.map((language) => `  ${language}: ${identifier('translation', language)},`).join('\n')}
};

/** What each locale's regions change in what is said, most general first. */
export const regionalTranslations: Readonly<Record<string, readonly RegionalContent[]>> = {
${regional('translation', 'translation.json').join('\n')}
};

/** How people say things, per language. */
export const languageSources: Readonly<Record<string, LanguageSource>> = {
${languages.map((language) => `  ${language}: ${identifier('language', language)},`).join('\n')}
};

/** What each locale's regions add to how people say things, most general first. */
export const sourceOverlays: Readonly<Record<string, readonly SourceOverlay[]>> = {
${regional('language', 'language.json').join('\n')}
};

/**
 * Every content key the code may name, from each language's translation.json: a key, or a pattern for
 * a text the code names by an id from data (\`sections.\${string}.summary\`) or by its place in a list
 * (\`disclaimer.full.\${number}\`). A misspelt key fails the type check.
 */
export type ContentKey =
${contentKeyMembers(root, languages).map((member) => `  | ${member}`).join('\n')};
`;
}

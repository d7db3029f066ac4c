/**
 * Writes lambda/src/content/catalog.ts: every content file that content/locales.json names, compiled
 * in, so that the bundle reads no files and adding a language or a locale changes nothing outside
 * content/. Of the language sources it writes only what the skill's understanding reads (see
 * `understoodPart`); the whole sources, for the model generator, are imported by tools/model/sources.ts,
 * which it writes too. It also writes the `ContentKey` type of every key the code may name. Run by
 * `npm run build`; a test fails when either is out of date.
 *
 * Why a generated key type rather than i18next's CustomTypeOptions: that types `t()` against the
 * resources' exact ids, so a key the code builds from a registry id (`sections.${id}.summary`) would
 * not type-check without a cast, and the skill calls i18next through its own cached translator with
 * keys that come back from the session. The generated type is a plain union the replies are written
 * against, with an id from data as any string.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next from 'i18next';
import { isRecord } from '../../lambda/src/json';
import { tokens, type Speech } from '../../lambda/src/understanding/normalise';
import { templateWords } from '../../lambda/src/understanding/search';

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
    if (!/^[a-z]{2}-[A-Z]{2}$/.test(locale) || list[0] !== locale.slice(0, 2))
      throw new Error(`content/locales.json: ${locale} must start from its language, ${locale.slice(0, 2)}`);
    layers[locale] = list;
  }
  return layers;
}

function identifier(kind: string, layer: string): string {
  return `${kind}_${layer.replace('-', '_')}`;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

function speechOf(source: unknown, language: string): Speech {
  const speech = isRecord(source) ? source.speech : undefined;
  if (!isRecord(speech)) throw new Error(`content/${language}/language.json has no "speech"`);
  const { hesitations, digits, clitics, optional, suffixes, stopwords } = speech;
  if (
    !isStrings(hesitations) ||
    !isStrings(digits) ||
    !isStrings(clitics) ||
    !isStrings(optional) ||
    !isStrings(suffixes) ||
    !isStrings(stopwords)
  ) {
    throw new Error(`content/${language}/language.json: every list of "speech" must be words`);
  }
  return { hesitations, digits, clitics, optional, suffixes, stopwords };
}

/**
 * What the understanding reads of a language source or an overlay (UnderstoodSource): its speech,
 * wrappers and concepts, without the carrier templates and notes that only the model generator reads.
 * A question concept's templates become their words, each once and without stopwords: the search reads
 * nothing else of them (it scores the set of their stems, stopwords left out), so the compiled form
 * answers exactly as the whole source does, at a fraction of its size. tsc checks the result against
 * the types when it compiles the catalog.
 */
export function understoodPart(source: unknown, speech: Speech): Record<string, unknown> {
  if (!isRecord(source)) throw new Error('a language source must be an object');
  const { speech: own, wrappers, concepts } = source;
  const part: Record<string, unknown> = {};
  if (own !== undefined) part.speech = own;
  if (wrappers !== undefined) part.wrappers = wrappers;
  if (isRecord(concepts)) {
    const stop = new Set(speech.stopwords.flatMap((word) => tokens(word, speech)));
    const questionWords = (group: unknown): unknown => {
      if (!isRecord(group)) return group;
      return Object.fromEntries(
        Object.entries(group).map(([id, concept]) => {
          if (!isRecord(concept) || !isStrings(concept.questions)) return [id, concept];
          const words = [
            ...new Set(concept.questions.flatMap((template) => tokens(templateWords(template), speech))),
          ].filter((word) => !stop.has(word));
          return [id, { ...concept, questions: words }];
        }),
      );
    };
    const compact: Record<string, unknown> = { ...concepts };
    for (const group of ['sections', 'facts'])
      if (concepts[group] !== undefined) compact[group] = questionWords(concepts[group]);
    part.concepts = compact;
  }
  return part;
}

interface Folders {
  layers: Layers;
  languages: string[];
  folders: string[];
  has: (folder: string, file: string) => boolean;
}

function foldersOf(root: string): Folders {
  const layers = readLayers(root);
  const languages = [...new Set(Object.values(layers).map((list) => list[0]))].sort();
  const folders = [...new Set(Object.values(layers).flat())].sort();
  const has = (folder: string, file: string): boolean => existsSync(join(root, folder, file));
  for (const language of languages) {
    for (const file of ['translation.json', 'language.json'])
      if (!has(language, file)) throw new Error(`content/${language}/${file} is missing`);
  }
  return { layers, languages, folders, has };
}

/** Each locale's regional layers that have this file, as a record of identifiers. */
function regional({ layers, has }: Folders, kind: string, file: string): string[] {
  return Object.entries(layers).map(([locale, list]) => {
    const found = list.slice(1).filter((folder) => has(folder, file));
    return `  '${locale}': [${found.map((folder) => identifier(kind, folder)).join(', ')}],`;
  });
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
    if (!/^\w+$/.test(name))
      throw new Error(`${file}: the key "${name}" (under "${path.join('.')}") must be letters, digits and _`);
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

/** A translation.json (or a region's), read. */
function translationOf(root: string, folder: string): Record<string, unknown> {
  const parsed = readJson(join(root, folder, 'translation.json'));
  if (!isRecord(parsed)) throw new Error(`content/${folder}/translation.json must be an object`);
  return parsed;
}

/** Every spoken key of a translation, as i18next names it: dotted, with a list's items by their place. */
function spokenKeys(value: unknown, path: readonly string[], keys: Set<string>): void {
  if (typeof value === 'string') keys.add(path.join('.'));
  else if (Array.isArray(value)) value.forEach((item, index) => spokenKeys(item, [...path, String(index)], keys));
  else if (isRecord(value))
    for (const [name, child] of Object.entries(value))
      if (!unspoken.has(name)) spokenKeys(child, [...path, name], keys);
}

/** The resource a locale's texts come from: its most specific region with a translation, or its language. */
function textLayersOf({ layers, has }: Folders): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(layers).map(([locale, list]) => {
      const region = list.slice(1).filter((folder) => has(folder, 'translation.json'));
      return [locale, [...region.slice(-1), list[0]]];
    }),
  );
}

export interface SpokenTexts {
  /** Per resource (a language, or a region with a translation): its texts, key to words, as JSON. */
  tables: Record<string, string>;
  /** Per published locale: the resources to look in, the region's first. */
  layers: Record<string, string[]>;
}

/**
 * What the skill says, in its final shape, worked out at build time by i18next itself: for each
 * language, every spoken key with the text i18next resolves for it (falling back to English where the
 * language has no text), and for each region, only the texts that differ from its language's. At run
 * time a text is one lookup in the region's table and then the language's, and its {{placeholders}}
 * are filled (lambda/src/content/i18n.ts); tests/unit/i18n.test.ts holds that to i18next's own t()
 * for every key of every locale. Meta, sources and pronunciations are never spoken, so they are left out.
 */
export function spokenTexts(root: string = contentRoot): SpokenTexts {
  const found = foldersOf(root);
  const { languages, folders, has } = found;
  const resources = folders.filter((folder) => has(folder, 'translation.json'));
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(resources.map((folder) => [folder, { translation: translationOf(root, folder) }])),
    fallbackLng: 'en',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  const keys = new Set<string>();
  for (const folder of resources) spokenKeys(translationOf(root, folder), [], keys);
  const resolved = (folder: string): Record<string, string> => {
    const table: Record<string, string> = {};
    for (const key of [...keys].sort()) {
      if (!instance.exists(key, { lng: folder })) continue;
      const text: unknown = instance.t(key, { lng: folder, skipInterpolation: true, returnObjects: true });
      if (typeof text === 'string') table[key] = text;
    }
    return table;
  };
  const languageTables = new Map(languages.map((language) => [language, resolved(language)]));
  const tables: Record<string, string> = {};
  for (const folder of resources) {
    const own = resolved(folder);
    const base = languageTables.get(folder.slice(0, 2));
    const kept = languages.includes(folder)
      ? own
      : Object.fromEntries(Object.entries(own).filter(([key, text]) => base?.[key] !== text));
    tables[folder] = JSON.stringify(kept);
  }
  return { tables, layers: textLayersOf(found) };
}

/** A number of parts: how many items a list of texts has in a language, for the code that walks it. */
function partCounts(root: string, languages: readonly string[]): Record<string, Record<string, number>> {
  return Object.fromEntries(
    languages.map((language) => {
      const translation = translationOf(root, language);
      const counts: Record<string, number> = {};
      const { sections, disclaimer } = translation;
      if (isRecord(sections))
        for (const [id, section] of Object.entries(sections))
          if (isRecord(section) && Array.isArray(section.parts)) counts[`sections.${id}.parts`] = section.parts.length;
      if (isRecord(disclaimer) && Array.isArray(disclaimer.full)) counts['disclaimer.full'] = disclaimer.full.length;
      return [language, counts];
    }),
  );
}

/** The part of each language's translation that must never wait on anything: the emergency and error words. */
function essentials(root: string, languages: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    languages.map((language) => {
      const { emergency, error } = translationOf(root, language);
      const text = isRecord(error) ? error.text : undefined;
      if (!isRecord(emergency) || typeof text !== 'string')
        throw new Error(`content/${language}/translation.json needs "emergency" and "error.text"`);
      return [language, { emergency, error: text }];
    }),
  );
}

function pronunciationsOf(root: string, folders: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(folders.map((folder) => [folder, translationOf(root, folder).pronunciations ?? {}]));
}

const literal = (value: unknown): string => JSON.stringify(value, null, 2);

export function catalogSource(root: string = contentRoot): string {
  const found = foldersOf(root);
  const { layers, languages, folders, has } = found;
  const spoken = spokenTexts(root);
  const understood = (kind: string, folder: string): string =>
    `understood.${kind}${/^[a-z]+$/.test(folder) ? `.${folder}` : `['${folder}']`}`;
  const overlays = Object.entries(layers).map(([locale, list]) => {
    const found = list.slice(1).filter((folder) => has(folder, 'language.json'));
    return `  '${locale}': [${found.map((folder) => understood('overlays', folder)).join(', ')}],`;
  });
  const withTranslation = folders.filter((folder) => has(folder, 'translation.json'));
  return `// Generated by \`npm run build\` (tools/model/catalog.ts) from content/locales.json. Do not edit by hand.
import type { EmergencyContent, Pronunciation } from './types';
import type { UnderstoodOverlay, UnderstoodSource } from '../understanding/source';
import understood from './understood.json';

/** Each locale's content layers, from its language to its most specific region. */
export const localeLayers: Readonly<Record<string, readonly string[]>> = {
${Object.entries(layers)
  .map(([locale, list]) => `  '${locale}': [${list.map((item) => `'${item}'`).join(', ')}],`)
  .join('\n')}
};

/** Where each locale's texts are looked up, its region's table first (see spokenTexts). */
export const textLayers: Readonly<Record<string, readonly string[]>> = ${literal(spoken.layers)};

/**
 * Every text the skill says, per language and region, as i18next resolved it at build time: JSON, parsed
 * the first time a locale needs it, so a request in one language never pays for the others.
 */
export const textTables: Readonly<Record<string, string>> = ${literal(spoken.tables)};

/** How many items each list of texts has, per language: the parts of a section, of the disclaimer. */
export const partCounts: Readonly<Record<string, Readonly<Record<string, number>>>> = ${literal(partCounts(root, languages))};

/** The emergency and error words, compiled in as they are, so that they never wait on a parse or a lookup. */
export const essentials: Readonly<Record<string, { emergency: EmergencyContent; error: string }>> = ${literal(essentials(root, languages))};

/** How the text-to-speech should say rare words, per language and region. */
export const pronunciations: Readonly<Record<string, Readonly<Record<string, Pronunciation>>>> = ${literal(pronunciationsOf(root, withTranslation))};

/** How people say things, per language, as the understanding reads it (understood.json: see understoodPart). */
export const languageSources: Readonly<Record<string, UnderstoodSource>> = {
${languages.map((language) => `  ${language}: ${understood('languages', language)},`).join('\n')}
};

/** What each locale's regions add to how people say things, most general first. */
export const sourceOverlays: Readonly<Record<string, readonly UnderstoodOverlay[]>> = {
${overlays.join('\n')}
};

/**
 * Every content key the code may name, from each language's translation.json: a key, or a pattern for
 * a text the code names by an id from data (\`sections.\${string}.summary\`) or by its place in a list
 * (\`disclaimer.full.\${number}\`). A misspelt key fails the type check.
 */
export type ContentKey =
${contentKeyMembers(root, languages)
  .map((member) => `  | ${member}`)
  .join('\n')};
`;
}

/**
 * lambda/src/content/understood.json: what the understanding reads of every language source and overlay
 * (see understoodPart), by folder. JSON rather than code, so that the bundle carries it as JSON text.
 */
export function understoodSource(root: string = contentRoot): string {
  const { languages, folders, has } = foldersOf(root);
  const speeches = new Map(
    languages.map((language) => [language, speechOf(readJson(join(root, language, 'language.json')), language)]),
  );
  const part = (folder: string): [string, Record<string, unknown>] => {
    const speech = speeches.get(folder.slice(0, 2));
    if (speech === undefined) throw new Error(`content/${folder}: no language ${folder.slice(0, 2)} to lay it over`);
    return [folder, understoodPart(readJson(join(root, folder, 'language.json')), speech)];
  };
  const overlays = folders.filter((folder) => !languages.includes(folder) && has(folder, 'language.json'));
  return `${JSON.stringify({ languages: Object.fromEntries(languages.map(part)), overlays: Object.fromEntries(overlays.map(part)) })}\n`;
}

/** A generated module of tools/model/ that imports one kind of content file, whole, from every folder that has one. */
interface WholeFiles {
  /** The file in each content folder: "translation.json" or "language.json". */
  file: string;
  /** The prefix of each import's name. */
  kind: string;
  /** Where the types come from, and the type of a language's file and of a region's. */
  types: { from: string; language: string; region: string };
  /** The two records, with their comments: per language, and per locale its regions, most general first. */
  languages: { name: string; about: string };
  regions: { name: string; about: string };
}

function wholeFilesSource(spec: WholeFiles, root: string): string {
  const found = foldersOf(root);
  const { languages, folders, has } = found;
  const imports = folders
    .filter((folder) => has(folder, spec.file))
    .map((folder) => `import ${identifier(spec.kind, folder)} from '../../content/${folder}/${spec.file}';`);
  return `// Generated by \`npm run build\` (tools/model/catalog.ts) from content/locales.json. Do not edit by hand.
import type { ${spec.types.language}, ${spec.types.region} } from '${spec.types.from}';
${imports.join('\n')}

/** ${spec.languages.about} */
export const ${spec.languages.name}: Readonly<Record<string, ${spec.types.language}>> = {
${languages.map((language) => `  ${language}: ${identifier(spec.kind, language)},`).join('\n')}
};

/** ${spec.regions.about} */
export const ${spec.regions.name}: Readonly<Record<string, readonly ${spec.types.region}[]>> = {
${regional(found, spec.kind, spec.file).join('\n')}
};
`;
}

/** tools/model/sources.ts: the whole language sources, carriers and all, for the model generator. */
export function sourcesSource(root: string = contentRoot): string {
  return wholeFilesSource(
    {
      file: 'language.json',
      kind: 'language',
      types: { from: '../../lambda/src/understanding/source', language: 'LanguageSource', region: 'SourceOverlay' },
      languages: { name: 'languageSources', about: 'How people say things, per language: the whole source.' },
      regions: {
        name: 'sourceOverlays',
        about: "What each locale's regions add to how people say things, most general first.",
      },
    },
    root,
  );
}

/**
 * tools/model/translations.ts: every translation file, whole (with its notes and sources), for the tests,
 * the review pack and the tools. The skill itself reads only what catalog.ts compiles in.
 */
export function translationsSource(root: string = contentRoot): string {
  return wholeFilesSource(
    {
      file: 'translation.json',
      kind: 'translation',
      types: { from: '../../lambda/src/content/types', language: 'LanguageContent', region: 'RegionalContent' },
      languages: { name: 'translations', about: 'What is said, per language.' },
      regions: {
        name: 'regionalTranslations',
        about: "What each locale's regions change in what is said, most general first.",
      },
    },
    root,
  );
}

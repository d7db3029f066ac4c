/**
 * Every spoken item that a clinician must review, and its review record.
 *
 * A spoken item is one thing the skill can say about health: each section's summary and each part, each fact and
 * referral, each glossary entry (term and definition), the short and the full disclaimer, the emergency words, the
 * words a reported symptom hears, the care-team line, and anything under a `triage` key. Each language has
 * content/<language>/review.json, and each region content/<region>/review.json for the items it words differently.
 * A record is "unreviewed", or who reviewed the exact words (a role, not a name), when, when to review them again,
 * and the hash of the words reviewed, so that changing the words after a sign-off shows up at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { registry } from '../../lambda/src/content';
import { languages, regions } from '../../tools/content';

export type ItemKind =
  'summary' | 'part' | 'fact' | 'referral' | 'glossary' | 'disclaimer' | 'emergency' | 'triage' | 'careTeam';

export interface SpokenItem {
  /** The content key ("facts.duration", "sections.what.parts.0"); the review record's key. */
  key: string;
  kind: ItemKind;
  /** The section it belongs to, where it belongs to one. */
  section?: string;
  /** The words, as in the content (placeholders such as {{number}} kept). */
  text: string;
  /** A glossary entry's term, which is reviewed with its definition but not said with it. */
  label?: string;
  sources: string[];
}

export interface Signature {
  reviewer: string;
  date: string;
  nextReview: string;
  textHash: string;
  note?: string;
}

export type ReviewRecord = 'unreviewed' | Signature;

export interface ReviewFile {
  about: string;
  records: Record<string, ReviewRecord>;
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(value: Json, path: (string | number)[]): Json {
  let here: Json = value;
  for (const step of path) {
    if (Array.isArray(here) && typeof step === 'number') here = here[step];
    else if (isObject(here) && typeof step === 'string') here = here[step];
    else return undefined;
  }
  return here;
}

function text(value: Json): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function strings(value: Json): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Leaf by leaf, as i18next falls back from a region to its language: objects and arrays merge, strings replace. */
export function overlay(base: Json, over: Json): Json {
  if (Array.isArray(base) && Array.isArray(over)) {
    const baseItems: Json[] = base;
    const overItems: Json[] = over;
    return Array.from({ length: Math.max(baseItems.length, overItems.length) }, (_, index) =>
      index < overItems.length ? overlay(baseItems[index], overItems[index]) : baseItems[index],
    );
  }
  if (isObject(base) && isObject(over)) {
    const merged: Record<string, Json> = { ...base };
    for (const [key, value] of Object.entries(over)) merged[key] = key in base ? overlay(base[key], value) : value;
    return merged;
  }
  return over === undefined ? base : over;
}

const referrals = new Set(registry.facts.filter((fact) => fact.kind === 'referral').map((fact) => fact.id));
const factSection = new Map(registry.facts.map((fact) => [fact.id, fact.section]));

/** The spoken items of one language's content (or a region's content laid over its language's), in reading order. */
export function spokenItems(content: Json): SpokenItem[] {
  const items: SpokenItem[] = [];
  const push = (item: SpokenItem | undefined): void => {
    if (item !== undefined) items.push(item);
  };
  const item = (
    key: string,
    kind: ItemKind,
    words: string | undefined,
    sources: string[],
    section?: string,
  ): SpokenItem | undefined =>
    words === undefined
      ? undefined
      : { key, kind, text: words, sources, ...(section === undefined ? {} : { section }) };

  for (const { id } of registry.sections) {
    const sources = strings(at(content, ['sections', id, 'sources']));
    push(item(`sections.${id}.summary`, 'summary', text(at(content, ['sections', id, 'summary'])), sources, id));
    strings(at(content, ['sections', id, 'parts'])).forEach((part, index) =>
      push(item(`sections.${id}.parts.${index}`, 'part', part, sources, id)),
    );
  }
  for (const { id } of registry.facts) {
    push(
      item(
        `facts.${id}`,
        referrals.has(id) ? 'referral' : 'fact',
        text(at(content, ['facts', id, 'text'])),
        strings(at(content, ['facts', id, 'sources'])),
        factSection.get(id),
      ),
    );
  }
  for (const id of registry.glossary) {
    const term = text(at(content, ['glossary', id, 'term']));
    const definition = text(at(content, ['glossary', id, 'definition']));
    const entry = item(`glossary.${id}`, 'glossary', definition, strings(at(content, ['glossary', id, 'sources'])));
    push(entry === undefined || term === undefined ? undefined : { ...entry, label: term });
  }
  const disclaimerSources = strings(at(content, ['disclaimer', 'sources']));
  push(item('disclaimer.short', 'disclaimer', text(at(content, ['disclaimer', 'short'])), disclaimerSources));
  strings(at(content, ['disclaimer', 'full'])).forEach((part, index) =>
    push(item(`disclaimer.full.${index}`, 'disclaimer', part, disclaimerSources)),
  );
  for (const key of ['callNow', 'again', 'cannotCall'])
    push(item(`emergency.${key}`, 'emergency', text(at(content, ['emergency', key])), []));
  push(item('symptom.text', 'triage', text(at(content, ['symptom', 'text'])), []));
  const triage = at(content, ['triage']);
  if (isObject(triage)) {
    const walk = (value: Json, path: string): void => {
      if (typeof value === 'string') push(item(path, 'triage', value, []));
      else if (isObject(value)) for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
    };
    walk(triage, 'triage');
  }
  push(item('after.careTeam', 'careTeam', text(at(content, ['after', 'careTeam'])), []));
  return items;
}

/** The short hash of the exact words, which a signed record must carry. */
export function textHash(words: string): string {
  return createHash('sha256').update(words.normalize('NFC'), 'utf8').digest('hex').slice(0, 16);
}

/** An item's hash: its words, and a glossary entry's term with them. */
export function itemHash(entry: SpokenItem): string {
  return textHash(entry.label === undefined ? entry.text : `${entry.label}\n${entry.text}`);
}

/** A folder of content/ that carries a review.json: each language, and each region folder (en-GB serves three locales). */
export interface ReviewScope {
  folder: string;
  /** The locales this folder's words are spoken in. */
  locales: string[];
  items: SpokenItem[];
}

/** content/, found from this file whether it runs from scripts/review or bundled into build/. */
function findContentRoot(): string {
  for (let folder = __dirname, up = 0; up < 4; folder = resolve(folder, '..'), up += 1) {
    if (existsSync(join(folder, 'content', 'registry.json'))) return join(folder, 'content');
  }
  throw new Error(`content/registry.json not found above ${__dirname}`);
}

export const contentRoot = findContentRoot();

/** Region folders: the first locale that uses each regional overlay names its folder. */
function regionFolders(): Map<string, { language: string; locales: string[]; overrides: Json }> {
  const folders = new Map<string, { language: string; locales: string[]; overrides: Json }>();
  const seen = new Map<Json, string>();
  for (const [locale, overrides] of Object.entries(regions)) {
    const folder = seen.get(overrides) ?? locale;
    seen.set(overrides, folder);
    const entry = folders.get(folder) ?? { language: locale.split('-')[0], locales: [], overrides };
    entry.locales.push(locale);
    folders.set(folder, entry);
  }
  return folders;
}

/** Every review scope: a language's items, and a region's items that it words differently from its language. */
export function reviewScopes(): ReviewScope[] {
  const scopes: ReviewScope[] = Object.entries(languages).map(([language, content]) => ({
    folder: language,
    locales: [],
    items: spokenItems(content),
  }));
  for (const [folder, { language, locales, overrides }] of regionFolders()) {
    const base = new Map(spokenItems(languages[language]).map((entry) => [entry.key, itemHash(entry)]));
    const items = spokenItems(overlay(languages[language], overrides)).filter(
      (entry) => base.get(entry.key) !== itemHash(entry),
    );
    scopes.push({ folder, locales, items });
  }
  return scopes;
}

export function reviewPath(folder: string): string {
  return join(contentRoot, folder, 'review.json');
}

export function readReviewFile(folder: string): ReviewFile | undefined {
  const path = reviewPath(folder);
  if (!existsSync(path)) return undefined;
  const parsed: Json = JSON.parse(readFileSync(path, 'utf8'));
  const records = at(parsed, ['records']);
  const about = text(at(parsed, ['about'])) ?? '';
  if (!isObject(records)) throw new Error(`${path}: "records" must be an object keyed by content key`);
  const checked: Record<string, ReviewRecord> = {};
  for (const [key, value] of Object.entries(records)) {
    if (value === 'unreviewed') checked[key] = 'unreviewed';
    else if (isObject(value)) {
      const reviewer = text(value.reviewer);
      const date = text(value.date);
      const nextReview = text(value.nextReview);
      const hash = text(value.textHash);
      const note = text(value.note);
      if (reviewer === undefined || date === undefined || nextReview === undefined || hash === undefined) {
        throw new Error(
          `${path}: the record for ${key} needs reviewer, date, nextReview and textHash, or the word "unreviewed"`,
        );
      }
      checked[key] = { reviewer, date, nextReview, textHash: hash, ...(note === undefined ? {} : { note }) };
    } else {
      throw new Error(`${path}: the record for ${key} must be "unreviewed" or an object`);
    }
  }
  return { about, records: checked };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
  return (
    ISO_DATE.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

/** What is wrong with a scope's records: missing, stale (words changed since sign-off), malformed, or unknown. */
export function recordProblems(scope: ReviewScope, file: ReviewFile | undefined): string[] {
  const where = `content/${scope.folder}/review.json`;
  if (file === undefined)
    return scope.items.length === 0 ? [] : [`${where} is missing: every spoken item needs a review record`];
  const problems: string[] = [];
  const keys = new Set(scope.items.map((entry) => entry.key));
  for (const entry of scope.items) {
    const record = file.records[entry.key];
    if (record === undefined) problems.push(`${where}: no review record for ${entry.key}`);
    else if (record !== 'unreviewed') {
      if (record.reviewer.trim() === '') problems.push(`${where}: ${entry.key} names no reviewer role`);
      if (!validDate(record.date) || !validDate(record.nextReview))
        problems.push(`${where}: ${entry.key} needs dates as YYYY-MM-DD`);
      else if (record.nextReview <= record.date)
        problems.push(`${where}: ${entry.key} has its next review on or before its review`);
      if (record.textHash !== itemHash(entry))
        problems.push(
          `${where}: ${entry.key} changed after it was reviewed (textHash ${record.textHash}, now ${itemHash(entry)}): review it again`,
        );
    }
  }
  for (const key of Object.keys(file.records))
    if (!keys.has(key)) problems.push(`${where}: ${key} is not a spoken item any more; remove its record`);
  return problems;
}

/** Signed records whose next review date has passed: a warning, so that a build never fails on the calendar alone. */
export function overdue(file: ReviewFile | undefined, today: string): string[] {
  if (file === undefined) return [];
  return Object.entries(file.records).flatMap(([key, record]) =>
    record !== 'unreviewed' && record.nextReview < today ? [`${key} (due ${record.nextReview})`] : [],
  );
}

/** A review record as a reader sees it. */
export function describeRecord(record: ReviewRecord | undefined): string {
  if (record === undefined) return 'No review record';
  if (record === 'unreviewed') return 'Unreviewed';
  return `Reviewed by ${record.reviewer} on ${record.date}; next review by ${record.nextReview}${record.note === undefined ? '' : ` (${record.note})`}`;
}

/** The triage policy's grades, which one record covers for every language: content/triage.json, meta.review. */
export interface TriagePolicy {
  grades: Record<string, { grade: string; sources: string[] }>;
  sources: Record<string, string>;
  record: ReviewRecord | undefined;
  /** The hash of the grades as they stand, which a sign-off of the policy must carry. */
  hash: string;
}

export function triagePolicy(): TriagePolicy {
  const parsed: Json = JSON.parse(readFileSync(join(contentRoot, 'triage.json'), 'utf8'));
  const gradesJson = at(parsed, ['grades']);
  const grades: TriagePolicy['grades'] = {};
  if (isObject(gradesJson)) {
    for (const [id, value] of Object.entries(gradesJson)) {
      const grade = text(at(value, ['grade']));
      if (grade !== undefined) grades[id] = { grade, sources: strings(at(value, ['sources'])) };
    }
  }
  const sourcesJson = at(parsed, ['meta', 'sources']);
  const sources: Record<string, string> = {};
  if (isObject(sourcesJson))
    for (const [id, value] of Object.entries(sourcesJson)) if (typeof value === 'string') sources[id] = value;
  const review = at(parsed, ['meta', 'review']);
  const hash = textHash(JSON.stringify(gradesJson));
  let record: ReviewRecord | undefined;
  if (review === 'unreviewed' || text(at(review, ['status'])) === 'unreviewed') record = 'unreviewed';
  else {
    const reviewer = text(at(review, ['reviewer']));
    const date = text(at(review, ['date']));
    const nextReview = text(at(review, ['nextReview']));
    const signed = text(at(review, ['textHash']));
    if (reviewer !== undefined && date !== undefined && nextReview !== undefined && signed !== undefined)
      record = { reviewer, date, nextReview, textHash: signed };
  }
  return { grades, sources, record, hash };
}

/** What is wrong with the triage policy's record: missing, or signed for other grades. */
export function triageProblems(policy: TriagePolicy): string[] {
  if (policy.record === undefined)
    return [
      'content/triage.json: meta.review must be { "status": "unreviewed" } or a sign-off with reviewer, date, nextReview and textHash',
    ];
  if (policy.record !== 'unreviewed' && policy.record.textHash !== policy.hash)
    return [
      `content/triage.json: the grades changed after they were reviewed (textHash ${policy.record.textHash}, now ${policy.hash}): review them again`,
    ];
  return [];
}

/**
 * `npm run review`: the review pack, one self-contained HTML page (build/review/index.html) that a clinician can
 * read, or listen to, and sign off. For every locale and every spoken item, grouped by section: the words as spoken
 * (the local emergency number filled in), their pronunciations, sources with addresses, reading grade, spoken
 * duration at the slowest, normal and fastest rates, triage grade where one applies, review status and text hash,
 * and a sample of the phrasings that reach it. Where espeak-ng is installed, each item gets an audio file beside
 * the page; where it is not, the page says so.
 *
 * Options: --out DIR (default build/review), --no-audio.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import utterances from 'alexa-utterances';
import { languageOf, pronunciationsFor, registry } from '../../lambda/src/content';
import { languages, regions } from '../../tools/content';
import type { Pronunciation } from '../../lambda/src/content/types';
import { emergencyNumberFor } from '../../lambda/src/emergency/numbers';
import { durationsAtRates } from '../../tools/duration';
import { fernandezHuerta, fleschKincaidGrades } from '../readability';
import {
  contentRoot,
  describeRecord,
  itemHash,
  overlay,
  readReviewFile,
  reviewScopes,
  spokenItems,
  textHash,
  triagePolicy,
  type ReviewRecord,
  type SpokenItem,
} from './items';

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: Json): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function field(value: Json, ...path: string[]): Json {
  let here = value;
  for (const step of path) here = isObject(here) ? here[step] : undefined;
  return here;
}

const LOCALE_NAMES: Record<string, string> = {
  'en-US': 'English (United States)',
  'en-CA': 'English (Canada)',
  'en-GB': 'English (United Kingdom)',
  'en-AU': 'English (Australia)',
  'en-IN': 'English (India)',
  'es-US': 'Spanish (United States)',
  'es-MX': 'Spanish (Mexico)',
  'es-ES': 'Spanish (Spain)',
};

/** espeak-ng voices for each locale's accent, as near as espeak-ng has them. */
const VOICES: Record<string, string> = {
  'en-US': 'en-us',
  'en-CA': 'en-us',
  'en-GB': 'en-gb',
  'en-AU': 'en-gb',
  'en-IN': 'en-gb',
  'es-US': 'es-419',
  'es-MX': 'es-419',
  'es-ES': 'es',
};

const SAMPLE_PHRASINGS = 5;

/** The locales the skill publishes, from skill.json. */
function publishedLocales(): string[] {
  const manifest: Json = JSON.parse(readFileSync(join(contentRoot, '..', 'skill-package', 'skill.json'), 'utf8'));
  const locales = field(manifest, 'manifest', 'publishingInformation', 'locales');
  return isObject(locales) ? Object.keys(locales) : [];
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The address in a source's text: to the first space, without closing punctuation or an unopened bracket. */
function addressIn(text: string): { at: number; url: string } | undefined {
  const match = /https?:\/\/\S+/.exec(text);
  if (match === null) return undefined;
  let url = match[0];
  const unbalanced = (value: string): boolean =>
    value.endsWith(')') && (value.match(/\(/g) ?? []).length < (value.match(/\)/g) ?? []).length;
  while (/[.,;:]$/.test(url) || unbalanced(url)) url = url.slice(0, -1);
  return { at: match.index, url };
}

/** A source's text, with its address as a link. */
function sourceHtml(text: string): string {
  const address = addressIn(text);
  if (address === undefined) return escapeHtml(text);
  const { at, url } = address;
  return `${escapeHtml(text.slice(0, at))}<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>${escapeHtml(text.slice(at + url.length))}`;
}

function say(text: string, locale: string): string {
  return text.replaceAll('{{number}}', emergencyNumberFor(locale));
}

/** Words of the locale's pronunciation list that occur in a text, as the speech module would match them. */
function pronunciationsIn(text: string, entries: Record<string, Pronunciation>): [string, Pronunciation][] {
  return Object.entries(entries).filter(([word]) =>
    new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text),
  );
}

/** The language source, if this language has one yet (content/<language>/language.json). */
function languageSource(language: string): Json {
  const path = join(contentRoot, language, 'language.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

function expand(templates: string[], fill: Record<string, string> = {}): string[] {
  const found: string[] = [];
  for (const template of templates) {
    for (const phrase of utterances(template, {}, {}, true)) {
      const filled = phrase
        .replace(/\{(\w+)\}/g, (whole, slot: string) => fill[slot] ?? whole)
        .replace(/\s+/g, ' ')
        .trim();
      if (!found.includes(filled)) found.push(filled);
    }
  }
  return found;
}

/** A spread-out sample: the first phrasing of each template first, then the rest. */
function sample(phrases: string[], count: number): string[] {
  if (phrases.length <= count) return phrases;
  const step = phrases.length / count;
  return Array.from({ length: count }, (_, index) => phrases[Math.floor(index * step)]);
}

/** Phrasings that reach an item, from the language source's templates, expanded with alexa-utterances. */
function phrasingsFor(item: SpokenItem, source: Json): string[] {
  if (source === undefined) return [];
  const concepts = field(source, 'concepts');
  const [group, id] = item.key.split('.');
  if (item.kind === 'fact' || item.kind === 'referral')
    return sample(expand(stringList(field(concepts, 'facts', id, 'questions'))), SAMPLE_PHRASINGS);
  if (item.kind === 'summary' && item.section !== undefined)
    return sample(expand(stringList(field(concepts, 'sections', item.section, 'questions'))), SAMPLE_PHRASINGS);
  if (item.kind === 'glossary') {
    const names = stringList(field(concepts, 'terms', id, 'names'));
    const carriers = stringList(field(source, 'carriers', 'term')).slice(0, SAMPLE_PHRASINGS);
    return names.length === 0 ? [] : sample(expand(carriers, { term: names[0] }), SAMPLE_PHRASINGS);
  }
  if (group === 'disclaimer' && item.key !== 'disclaimer.short')
    return sample(stringList(field(concepts, 'moves', 'disclaimer', 'phrases')), SAMPLE_PHRASINGS);
  if (item.kind === 'emergency') return sample(stringList(field(concepts, 'emergency', 'phrases')), SAMPLE_PHRASINGS);
  if (item.kind === 'triage') {
    const words = stringList(field(concepts, 'symptoms', 'fever', 'words'));
    const carriers = stringList(field(source, 'carriers', 'report')).slice(0, SAMPLE_PHRASINGS);
    return words.length === 0 ? [] : sample(expand(carriers, { symptom: words[0] }), SAMPLE_PHRASINGS);
  }
  return [];
}

/** How a listener reaches an item that no phrasing of its own names. */
function reachedBy(item: SpokenItem): string {
  if (item.kind === 'part')
    return 'After the section summary or the part before it, "yes" or "go on"; "next" and "tell me everything" also reach it.';
  if (item.key === 'disclaimer.short') return 'Said at every launch.';
  if (item.kind === 'careTeam') return 'Said before the question in every answer about recovery.';
  return 'The language source has no phrasings for this language yet.';
}

/**
 * Triage grades for an item. The emergency words carry every emergency grade, and the words a reported symptom
 * hears carry every urgent and mild grade. Any other item that tells the listener to call someone carries the
 * grades of the symptoms its English words name (word lists from content/en/language.json); the English is read
 * because every language says the same thing under the same key.
 */
function triageFor(
  item: SpokenItem,
  englishText: string | undefined,
  policy: ReturnType<typeof triagePolicy>,
  englishSource: Json,
): [string, string][] {
  const all = Object.entries(policy.grades).map(([id, entry]): [string, string] => [id, entry.grade]);
  if (item.kind === 'emergency') return all.filter(([, grade]) => grade === 'emergency');
  if (item.key === 'symptom.text') return all.filter(([, grade]) => grade !== 'emergency');
  if (englishText === undefined || !/\bcall\b/i.test(englishText)) return [];
  const symptoms = field(englishSource, 'concepts', 'symptoms');
  // Longest wordings first, each match blanked out, so that "chest pain" is chest pain and not also "pain".
  const wordings = all
    .flatMap(([id]) => stringList(field(symptoms, id, 'words')).map((words): [string, string] => [id, words]))
    .sort(([, a], [, b]) => b.length - a.length);
  let rest = englishText;
  const named = new Set<string>();
  for (const [id, words] of wordings) {
    const pattern = new RegExp(`\\b${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi');
    if (pattern.test(rest)) {
      named.add(id);
      rest = rest.replace(pattern, ' ');
    }
  }
  return all.filter(([id]) => named.has(id));
}

function espeakAvailable(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The words with the locale's aliases applied, as espeak-ng cannot read SSML phonemes. */
function forEspeak(text: string, entries: Record<string, Pronunciation>): string {
  return pronunciationsIn(text, entries).reduce(
    (words, [word, pronunciation]) =>
      'alias' in pronunciation ? words.replace(new RegExp(`\\b${word}\\b`, 'gi'), pronunciation.alias) : words,
    text,
  );
}

interface Entry {
  item: SpokenItem;
  spoken: string;
  locale: string;
  record: ReviewRecord | undefined;
  recordFolder: string;
  grade: number;
  triage: [string, string][];
  phrasings: string[];
  audio: string | undefined;
}

const GROUPS: { id: string; title: (locale: string) => string; match: (item: SpokenItem) => boolean }[] = [
  ...registry.sections.map((section) => ({
    id: section.id,
    title: (locale: string) => {
      const title = field(
        overlay(languages[languageOf(locale)], regions[locale] ?? {}),
        'sections',
        section.id,
        'title',
      );
      return say(typeof title === 'string' ? title : section.id, locale);
    },
    match: (item: SpokenItem) => item.section === section.id,
  })),
  { id: 'glossary', title: () => 'Glossary', match: (item) => item.kind === 'glossary' },
  { id: 'disclaimer', title: () => 'Disclaimer', match: (item) => item.kind === 'disclaimer' },
  {
    id: 'emergency',
    title: () => 'Emergency, triage and care-team words',
    match: (item) => item.kind === 'emergency' || item.kind === 'triage' || item.kind === 'careTeam',
  },
];

const KIND_LABELS: Record<SpokenItem['kind'], string> = {
  summary: 'Section summary',
  part: 'Section part',
  fact: 'Fact',
  referral: 'Referral to the care team',
  glossary: 'Glossary entry',
  disclaimer: 'Disclaimer',
  emergency: 'Emergency words',
  triage: 'Triage words',
  careTeam: 'Care-team line',
};

function itemTitle(entry: Entry): string {
  const { item } = entry;
  if (item.kind === 'part') return `${KIND_LABELS.part} ${Number(item.key.split('.').pop()) + 1}`;
  if (item.label !== undefined) return `${KIND_LABELS[item.kind]}: ${item.label}`;
  return `${KIND_LABELS[item.kind]}: ${item.key.split('.').slice(1).join('.')}`;
}

function articleHtml(
  entry: Entry,
  sources: Readonly<Record<string, string>>,
  pronunciations: Record<string, Pronunciation>,
  audioNote: string,
): string {
  const id = `${entry.locale}--${entry.item.key}`;
  const english = entry.locale.startsWith('en');
  const words = pronunciationsIn(entry.spoken, pronunciations);
  const durations = durationsAtRates(entry.spoken, entry.locale)
    .map((duration) => `${duration.label} (${duration.rate}%): ${duration.seconds.toFixed(1)} s`)
    .join('; ');
  const gradeText = english
    ? `Flesch–Kincaid grade ${entry.grade.toFixed(1)} (at or below 6 for the guide)`
    : `Fernández-Huerta ${entry.grade.toFixed(1)} (70 or above is fairly easy)`;
  const triage =
    entry.triage.length === 0
      ? 'none, this item names no symptom to act on.'
      : entry.triage.map(([concept, grade]) => `${concept}: ${grade}`).join(', ');
  const audio =
    entry.audio === undefined
      ? `<p class="note">${escapeHtml(audioNote)}</p>`
      : `<audio controls preload="none" src="${escapeHtml(entry.audio)}" aria-label="Listen to ${escapeHtml(itemTitle(entry))}, ${escapeHtml(entry.locale)}"></audio>`;
  const language = languageOf(entry.locale);
  const sourceItems = entry.item.sources
    .map((source) => {
      const address = addressIn(sources[source] ?? '');
      return `<li><a href="#sources-${language}-${escapeHtml(source)}">${escapeHtml(source)}</a>${address === undefined ? '' : `: ${escapeHtml(address.url)}`}</li>`;
    })
    .join('');
  const phrasings =
    entry.phrasings.length === 0
      ? `<p>${escapeHtml(reachedBy(entry.item))}</p>`
      : `<ul lang="${entry.locale}">${entry.phrasings.map((phrase) => `<li>${escapeHtml(phrase)}</li>`).join('')}</ul>`;
  const pronounced = words
    .map(
      ([word, how]) =>
        `${escapeHtml(word)}: ${'ipa' in how ? `<span lang="${entry.locale}">/${escapeHtml(how.ipa)}/</span> (IPA)` : `said as "${escapeHtml(how.alias)}"`}`,
    )
    .join('; ');
  return `<article aria-labelledby="${escapeHtml(id)}">
<h4 id="${escapeHtml(id)}">${escapeHtml(itemTitle(entry))}</h4>
<p class="spoken" lang="${entry.locale}">${escapeHtml(entry.spoken)}</p>
${audio}
<p class="facts">Review status: <strong>${escapeHtml(describeRecord(entry.record))}</strong>. Reading level: ${gradeText}. Spoken duration: ${durations}. Triage grade: ${escapeHtml(triage)}</p>
${words.length === 0 ? '' : `<p>Pronunciations: ${pronounced}</p>\n`}<details><summary>Sources, phrasings and sign-off</summary>
<dl>
<dt>Sources</dt><dd>${sourceItems === '' ? 'None: not a medical statement of its own.' : `<ul>${sourceItems}</ul>`}</dd>
<dt>Phrasings that reach it</dt><dd>${phrasings}</dd>
<dt>Review record</dt><dd>content/${escapeHtml(entry.recordFolder)}/review.json, key <code>${escapeHtml(entry.item.key)}</code>, text hash <code>${itemHash(entry.item)}</code></dd>
</dl>
</details>
</article>`;
}

const STYLE = `
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #111; background: #fff; }
a { color: #0b4f9c; }
h2 { border-top: 3px solid #333; padding-top: 1rem; margin-top: 3rem; }
article { border: 1px solid #666; border-radius: 4px; padding: 0.5rem 1rem; margin: 1rem 0; }
.spoken { font-size: 1.2rem; }
dt { font-weight: bold; margin-top: 0.4rem; }
dd { margin-left: 1rem; }
.note { font-style: italic; }
summary { cursor: pointer; color: #0b4f9c; }
code { font-size: 0.95em; }
`;

function main(): void {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = resolve(
    outAt >= 0 && args[outAt + 1] !== undefined ? args[outAt + 1] : join(contentRoot, '..', 'build', 'review'),
  );
  const withAudio = !args.includes('--no-audio') && espeakAvailable();
  const audioNote = args.includes('--no-audio')
    ? 'No audio: this pack was built with --no-audio.'
    : 'No audio: espeak-ng is not installed on the machine that built this pack (apt-get install -y espeak-ng, then npm run review).';
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'audio'), { recursive: true });

  const policy = triagePolicy();
  const englishSource = languageSource('en');
  const scopes = reviewScopes();
  const records = new Map(scopes.map((scope) => [scope.folder, readReviewFile(scope.folder)]));
  const regionFolderOf = new Map(
    scopes.flatMap((scope) =>
      scope.locales.map((locale): [string, { folder: string; keys: Set<string> }] => [
        locale,
        { folder: scope.folder, keys: new Set(scope.items.map((item) => item.key)) },
      ]),
    ),
  );
  const englishTexts = new Map(spokenItems(languages.en).map((item) => [item.key, item.text]));
  const locales = publishedLocales();

  const entries = new Map<string, Entry[]>();
  const audioDone = new Map<string, string>();
  for (const locale of locales) {
    const language = languageOf(locale);
    const content = overlay(languages[language], regions[locale] ?? {});
    const source = languageSource(language);
    const pronunciations = pronunciationsFor(locale);
    const region = regionFolderOf.get(locale);
    const items = spokenItems(content);
    const spokenTexts = items.map((item) => say(item.text, locale));
    const grades = language === 'en' ? fleschKincaidGrades(spokenTexts) : spokenTexts.map(fernandezHuerta);
    entries.set(
      locale,
      items.map((item, index): Entry => {
        const folder = region?.keys.has(item.key) ? region.folder : language;
        const spoken = spokenTexts[index];
        let audio: string | undefined;
        if (withAudio) {
          const voice = VOICES[locale] ?? language;
          const name = `audio/${textHash(`${voice}\u0000${spoken}`)}.wav`;
          if (!audioDone.has(name)) {
            execFileSync('espeak-ng', ['-v', voice, '-s', '160', '-w', join(out, name), '--stdin'], {
              input: forEspeak(spoken, pronunciations),
              stdio: ['pipe', 'ignore', 'inherit'],
            });
            audioDone.set(name, spoken);
          }
          audio = name;
        }
        return {
          item,
          spoken,
          locale,
          record: records.get(folder)?.records[item.key],
          recordFolder: folder,
          grade: grades[index],
          triage: triageFor(item, englishTexts.get(item.key), policy, englishSource),
          phrasings: phrasingsFor(item, source),
          audio,
        };
      }),
    );
  }

  const unreviewed = [...entries.values()]
    .flat()
    .filter((entry) => entry.record === 'unreviewed' || entry.record === undefined).length;
  const total = [...entries.values()].flat().length;
  const localeSections = locales.map((locale) => {
    const language = languageOf(locale);
    const sources = languages[language].meta.sources;
    const pronunciations = pronunciationsFor(locale);
    const list = entries.get(locale) ?? [];
    const groups = GROUPS.map((group) => ({ group, members: list.filter((entry) => group.match(entry.item)) })).filter(
      ({ members }) => members.length > 0,
    );
    const nav = groups
      .map(({ group }) => `<li><a href="#${locale}--group-${group.id}">${escapeHtml(group.title(locale))}</a></li>`)
      .join('');
    const body = groups
      .map(
        ({ group, members }) =>
          `<section aria-labelledby="${locale}--group-${group.id} ${locale}--heading"><h3 id="${locale}--group-${group.id}" lang="${group.id === 'glossary' || group.id === 'disclaimer' || group.id === 'emergency' ? 'en' : locale}">${escapeHtml(group.title(locale))}</h3>\n${members.map((entry) => articleHtml(entry, sources, pronunciations, audioNote)).join('\n')}</section>`,
      )
      .join('\n');
    return `<section id="${locale}" aria-labelledby="${locale}--heading"><h2 id="${locale}--heading">${escapeHtml(LOCALE_NAMES[locale] ?? locale)}, ${locale}</h2>
<p>${list.length} spoken items. Emergency number: ${escapeHtml(emergencyNumberFor(locale))}.</p>
<nav aria-label="Sections in ${locale}"><ul>${nav}</ul></nav>
${body}</section>`;
  });

  const triageRows = Object.entries(policy.grades)
    .map(
      ([id, entry]) =>
        `<tr><th scope="row">${escapeHtml(id)}</th><td>${escapeHtml(entry.grade)}</td><td>${escapeHtml(entry.sources.join(', '))}</td></tr>`,
    )
    .join('');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Spine Care Guide: clinical review pack</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Spine Care Guide: clinical review pack</h1>
<p>Every answer the skill can speak, in every locale, as a listener hears it. ${total} items in ${locales.length} locales; ${unreviewed} have no clinician's sign-off yet.</p>
<p>To sign off an item, put this in its review file (named under "Review status"), under its key: <code>{ "reviewer": "a role, not a name", "date": "YYYY-MM-DD", "nextReview": "YYYY-MM-DD", "textHash": "the text hash shown" }</code>. If the words change later, the build fails until they are reviewed again.</p>
<p>${withAudio ? 'Each item has an audio file, spoken by espeak-ng (not Alexa’s voice) at a normal pace, with the locale’s accent where espeak-ng has one.' : escapeHtml(audioNote)}</p>
<p>Durations are estimates from a model of words and pauses (tools/duration.ts) at the skill’s slowest, normal and fastest rates.</p>
</header>
<nav aria-label="Locales"><h2>Locales</h2><ul>${locales.map((locale) => `<li><a href="#${locale}">${escapeHtml(LOCALE_NAMES[locale] ?? locale)}, ${locale}</a></li>`).join('')}${Object.keys(
    languages,
  )
    .map((language) => `<li><a href="#sources-${language}">Sources named in content/${language}</a></li>`)
    .join('')}<li><a href="#triage">The triage policy</a></li></ul></nav>
<main>
${localeSections.join('\n')}
${Object.entries(languages)
  .map(
    ([language, content]) =>
      `<section id="sources-${language}" aria-labelledby="sources-${language}--heading"><h2 id="sources-${language}--heading">Sources named in content/${language}</h2><ul>${Object.entries(
        content.meta.sources,
      )
        .map(
          ([id, text]) =>
            `<li id="sources-${language}-${escapeHtml(id)}"><strong>${escapeHtml(id)}</strong>: ${sourceHtml(text)}</li>`,
        )
        .join('')}</ul></section>`,
  )
  .join('\n')}
<section id="triage" aria-labelledby="triage--heading"><h2 id="triage--heading">The triage policy (content/triage.json)</h2>
<p>One grade per symptom, in every locale. Review status: <strong>${escapeHtml(describeRecord(policy.record))}</strong>, text hash of the grades <code>${policy.hash}</code>.</p>
<table><caption>Symptom grades and their sources</caption><thead><tr><th scope="col">Symptom</th><th scope="col">Grade</th><th scope="col">Sources</th></tr></thead><tbody>${triageRows}</tbody></table>
<ul>${Object.values(policy.sources)
    .map((text) => `<li>${sourceHtml(text)}</li>`)
    .join('')}</ul>
</section>
</main>
</body>
</html>
`;
  writeFileSync(join(out, 'index.html'), html);
  console.log(
    `review pack: ${join(out, 'index.html')}: ${total} items in ${locales.length} locales, ${unreviewed} unreviewed, ${withAudio ? `${audioDone.size} audio files` : 'no audio'}`,
  );
}

main();

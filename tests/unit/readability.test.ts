/**
 * How easy the English content is to follow by ear: the Flesch–Kincaid US school grade of everything the skill
 * reads out (text-readability), and the length of each spoken string.
 *
 * Limits: each section (summary and parts together), the facts together and the glossary definitions together at
 * or below grade 6; the short disclaimer at or below grade 8; and no single string above grade 8 or over 90 words.
 * When a string fails, rewrite the content in shorter sentences and plainer words; do not raise a limit.
 */
import { languages } from '../../tools/content';
import type { LanguageContent } from '../../lambda/src/content/types';
import { MAX_WORDS, wordCount } from '../helpers/speech';
import { fleschKincaidGrades } from '../../scripts/readability';

const MAX_GRADE_JOINED = 6;
const MAX_GRADE_SHORT_DISCLAIMER = 8;
const MAX_GRADE_ONE_STRING = 8;

/** The number the skill speaks in place of {{number}} in the United States. */
const EMERGENCY_NUMBER = '911';

const en: LanguageContent = languages.en;

/** A text the skill speaks, named by where it is in the content, as a listener hears it. */
interface Spoken {
  where: string;
  text: string;
}

function spoken(where: string, text: string): Spoken {
  return { where, text: text.replaceAll('{{number}}', EMERGENCY_NUMBER) };
}

function joined(where: string, texts: string[]): Spoken {
  return spoken(where, texts.join(' '));
}

/** Every string the skill speaks on its own: section summaries and parts, facts, definitions, the disclaimer. */
const strings: Spoken[] = [
  ...Object.entries(en.sections).flatMap(([id, section]) => [
    spoken(`sections.${id}.summary`, section.summary),
    ...section.parts.map((part, index) => spoken(`sections.${id}.parts.${index}`, part)),
  ]),
  ...Object.entries(en.facts).map(([id, fact]) => spoken(`facts.${id}`, fact.text)),
  ...Object.entries(en.glossary).map(([id, term]) => spoken(`glossary.${id}.definition`, term.definition)),
  spoken('disclaimer.short', en.disclaimer.short),
  ...en.disclaimer.full.map((part, index) => spoken(`disclaimer.full.${index}`, part)),
];

/** What a listener hears in one go or in one sitting, each held to grade 6. */
const groups: Spoken[] = [
  ...Object.entries(en.sections).map(([id, section]) => joined(id, [section.summary, ...section.parts])),
  joined(
    'facts',
    Object.values(en.facts).map((fact) => fact.text),
  ),
  joined(
    'glossary',
    Object.values(en.glossary).map((term) => term.definition),
  ),
];

const shortDisclaimer = spoken('disclaimer.short', en.disclaimer.short);

const grades = fleschKincaidGrades([...strings, ...groups, shortDisclaimer].map((item) => item.text));
const stringGrades = strings.map((item, index) => ({ ...item, grade: grades[index] }));
const groupGrades = groups.map((item, index) => ({ ...item, grade: grades[strings.length + index] }));
const shortDisclaimerGrade = grades[strings.length + groups.length];

describe('readability of the English content (Flesch–Kincaid grade)', () => {
  beforeAll(() => {
    const rows: [string, number, number][] = [
      ...groupGrades.map((group): [string, number, number] => [group.where, group.grade, MAX_GRADE_JOINED]),
      [shortDisclaimer.where, shortDisclaimerGrade, MAX_GRADE_SHORT_DISCLAIMER],
    ];
    const width = Math.max(...rows.map(([where]) => where.length));
    console.log(
      [
        `${'section'.padEnd(width)}  grade  limit`,
        ...rows.map(([where, grade, limit]) => `${where.padEnd(width)}  ${grade.toFixed(1).padStart(5)}  ${limit}`),
      ].join('\n'),
    );
  });

  it.each(groupGrades)(`$where, read together, is at or below grade ${MAX_GRADE_JOINED}`, ({ grade }) => {
    expect(grade).toBeLessThanOrEqual(MAX_GRADE_JOINED);
  });

  it(`the short disclaimer is at or below grade ${MAX_GRADE_SHORT_DISCLAIMER}`, () => {
    expect(shortDisclaimerGrade).toBeLessThanOrEqual(MAX_GRADE_SHORT_DISCLAIMER);
  });

  it.each(stringGrades)(`$where is at or below grade ${MAX_GRADE_ONE_STRING}: "$text"`, ({ grade }) => {
    expect(grade).toBeLessThanOrEqual(MAX_GRADE_ONE_STRING);
  });
});

describe('length of each spoken English string', () => {
  it.each(strings)(`$where is at most ${MAX_WORDS} words`, ({ text }) => {
    expect(wordCount(text)).toBeLessThanOrEqual(MAX_WORDS);
  });
});

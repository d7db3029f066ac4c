/**
 * One triage policy: every symptom concept of every language source has exactly one grade, with
 * sources; a concept gets that grade however it is phrased, in every locale; and the content's own
 * answers about warning signs agree with it.
 */
import { languageSourceFor, locales } from '../../lambda/src/content';
import { languages } from '../../tools/content';
import { understand } from '../../lambda/src/understanding';
import { gradeOf, helperConcepts, policySources, policyTable } from '../../lambda/src/understanding/triage';

describe('the policy covers every symptom concept', () => {
  it.each(locales)(
    '%s: every symptom of the language source has a grade, and every grade names known sources',
    (locale) => {
      const symptoms = Object.keys(languageSourceFor(locale).concepts.symptoms).filter((id) => !helperConcepts.has(id));
      expect(symptoms.filter((id) => gradeOf(id) === undefined)).toEqual([]);
      for (const [id, entry] of policyTable) {
        expect([
          id,
          entry.sources.length > 0 && entry.sources.every((source) => Object.hasOwn(policySources, source)),
        ]).toEqual([id, true]);
      }
    },
  );
});

/** Ways of reporting a symptom in each language, around its own words. Reports, not questions. */
const frames: Record<string, ((words: string) => string)[]> = {
  en: [
    (words) => words,
    (words) => `I think I've got ${words}`,
    (words) => `since the procedure ${words}`,
    (words) => `my husband says ${words}`,
  ],
  es: [
    (words) => words,
    (words) => `creo que ${words}`,
    (words) => `desde la operación ${words}`,
    (words) => `mi esposo dice ${words}`,
  ],
};

describe('a concept has the same grade however it is phrased, in every locale', () => {
  it.each(locales)('%s: each word of each graded symptom, in each frame, reads as a report of its grade', (locale) => {
    const language = locale.slice(0, 2);
    const source = languageSourceFor(locale);
    const wrong: string[] = [];
    for (const [id, lexicon] of Object.entries(source.concepts.symptoms)) {
      const grade = gradeOf(id);
      if (grade === undefined) continue;
      for (const words of lexicon.words.filter((word) => !word.includes('*'))) {
        for (const frame of frames[language]) {
          const reading = understand(frame(words), locale);
          // A phrase may hold a graver concept inside it ("chest pain" holds "pain"): the grade is at least the policy's.
          const got = reading.kind === 'report' ? reading.grade : reading.kind;
          const ranks = ['mild', 'urgent', 'emergency'];
          if (ranks.indexOf(got) < ranks.indexOf(grade)) wrong.push(`${id} (${grade}): "${frame(words)}" → ${got}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("the content's answers agree with the policy", () => {
  /** A sentence that says to call the emergency number names only emergency signs; one that says to call the doctor, urgent ones. */
  it.each(Object.keys(languages))('%s: the warning-signs answers send each sign where the policy does', (language) => {
    const content = languages[language];
    const texts = [
      content.facts.callDoctor.text,
      ...content.sections.after.parts,
      ...content.sections.risks.parts,
      content.triage.urgent.worse,
      content.triage.mild.callIf,
    ];
    const disagree: string[] = [];
    let checked = 0;
    for (const sentence of texts.flatMap((text) => text.split(/(?<=[.!?])\s+/u))) {
      const reading = understand(sentence, locales.find((locale) => locale.startsWith(language)) ?? language, 'report');
      if (reading.kind !== 'report') continue;
      checked += 1;
      const callsNumber = sentence.includes('{{number}}');
      for (const concept of reading.concepts) {
        const grade = gradeOf(concept);
        if (
          callsNumber &&
          grade !== 'emergency' &&
          !/if it (gets worse|might be)|si (empeora|puede ser)/i.test(sentence)
        )
          disagree.push(`${concept} (${grade}) with the emergency number: "${sentence}"`);
        if (!callsNumber && grade === 'emergency')
          disagree.push(`${concept} (emergency) without the emergency number: "${sentence}"`);
      }
    }
    expect(disagree).toEqual([]);
    // The check is not empty: the warning signs in these answers are read as signs.
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});

/** After the procedure: the fifth section, its facts, their sources, and the care team's word first. */
import en from '../../content/en/translation.json';
import { registry, sectionOrder } from '../../lambda/src/content';
import { languages } from '../../tools/content';
import { silenceLogs, talk } from '../helpers/talk';

silenceLogs();

const careTeam = en.after.careTeam;
const recoveryFacts = registry.facts.filter((fact) => fact.section === 'after');

function careTeamJustBeforeQuestion(speech: string): boolean {
  const at = speech.indexOf(careTeam);
  const rest = speech.slice(at + careTeam.length).trim();
  return at >= 0 && !speech.includes(careTeam, at + 1) && rest.endsWith('?') && !rest.slice(0, -1).includes('.');
}

describe('the recovery section', () => {
  it('is the fifth section, after the risks', () => {
    expect(sectionOrder).toEqual(['what', 'prep', 'process', 'risks', 'after']);
  });

  it('the menu lists five sections', async () => {
    const turns = await talk('menu', 'yes');
    const heard = turns.map((turn) => turn.speech).join(' ');
    for (const section of sectionOrder) {
      expect(heard).toContain(languages.en.sections[section].menuName);
    }
  });

  it('opens with a short summary, then each part; the care-team line comes once, just before the first question', async () => {
    const turns = await talk('what happens after the procedure', ...en.sections.after.parts.map(() => 'yes'));
    expect(turns.every((turn) => turn.topic === 'after')).toBe(true);
    expect(careTeamJustBeforeQuestion(turns[0].speech)).toBe(true);
    for (const turn of turns.slice(1))
      expect([turn.speech, turn.speech.includes(en.after.careTeam)]).toEqual([turn.speech, false]);
  });

  it('is in the tour, and "next" from the risks reaches it', async () => {
    const turns = await talk('what are the risks', 'next');
    expect(turns[1].topic).toBe('after');
  });
});

describe('the questions a recovering listener asks', () => {
  it.each([
    ['when can I go home', 'goHome'],
    ['how long should I rest', 'rest'],
    ['when will the pain get better', 'painBetter'],
    ['can I walk', 'walk'],
    ['when can I shower', 'shower'],
    ['can I lift things', 'lift'],
    ['when can I drive', 'drive'],
    ['when should I call my doctor', 'callDoctor'],
    ['how do I stop another fracture', 'preventFracture'],
    ['can I take a bath', 'shower'],
    ['how long should I lie flat', 'lieFlat'],
    ['will I see the doctor again', 'followUp'],
    ['when can I take the bandage off', 'bandage'],
    ['how should I sleep', 'sleeping'],
  ])('"%s" gets the %s fact, with the care-team line just before the question', async (utterance, fact) => {
    const [turn] = await talk(utterance);
    const text = languages.en.facts[fact].text.replace('{{number}}', '911');
    expect(turn.topic).toBe('after');
    expect(turn.speech).toContain(text.slice(0, 40));
    expect(careTeamJustBeforeQuestion(turn.speech)).toBe(true);
  });
});

describe('sources', () => {
  it('has at least 12 recovery facts', () => {
    expect(recoveryFacts.length).toBeGreaterThanOrEqual(12);
  });

  it.each(recoveryFacts.map((fact) => fact.id))(
    'the recovery fact %s names a read source with its address and date',
    (id) => {
      const sources = languages.en.facts[id].sources;
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources) {
        const text = languages.en.meta.sources[source] ?? '';
        if (source === 'seed') continue;
        expect([source, /https?:\/\//.test(text), /\(read \d{4}-\d{2}-\d{2}\)/.test(text)]).toEqual([
          source,
          true,
          true,
        ]);
      }
    },
  );

  it('names no medicine and no dose', () => {
    const texts = [...en.sections.after.parts, ...recoveryFacts.map((fact) => languages.en.facts[fact.id].text)].join(
      ' ',
    );
    expect(texts).not.toMatch(
      /\b(mg|milligram|tablet|ibuprofen|paracetamol|acetaminophen|opioid|aspirin|bisphosphonate|alendron|denosumab|calcium|vitamin)\b/i,
    );
  });
});

/**
 * What patients really ask: each fact and referral intent in the registry is answered by the skill itself (the fact
 * handler), in every locale, in one breath, and the answers say what the issue asks them to say.
 */
import { registry } from '../../lambda/src/content';
import { languages } from '../../tools/content';
import { emergencyNumberFor } from '../../lambda/src/emergency/numbers';
import { intentRequest, invoke, speechOf, topicOf } from '../helpers/envelopes';
import { MAX_WORDS, spokenText, wordCount } from '../helpers/speech';
import { translatorFor } from '../../lambda/src/content/i18n';
import { localeLayers, oneLocalePerWording, publishedLocales } from '../helpers/locales';
import { silenceLogs } from '../helpers/talk';
import { Conversation } from '../../tools/conversation';
import { fernandezHuerta, fleschKincaidGrades } from '../../scripts/readability';

silenceLogs();

const asked = [
  'bloodThinners',
  'morningMedicines',
  'allergies',
  'diabetes',
  'pregnancy',
  'rideHome',
  'whatToBring',
  'cost',
  'whoDoesIt',
  'howManyBones',
  'kyphoplasty',
  'withoutIt',
  'stopsNewFractures',
  'painRelief',
];
const referrals = registry.facts.filter((fact) => fact.kind === 'referral');
const entries = registry.facts.filter((fact) => asked.includes(fact.id) || fact.kind === 'referral');

describe.each(publishedLocales)('in %s', (locale) => {
  it.each(entries.map((fact): [string, string, string] => [fact.intent, fact.id, fact.section]))(
    '%s answers with facts.%s, in one breath',
    async (intent, id, section) => {
      const response = await invoke(intentRequest(intent, {}, locale));
      const speech = spokenText(speechOf(response));
      const expected = translatorFor(locale)(`facts.${id}.text`, { number: emergencyNumberFor(locale) });
      expect(topicOf(response)).toBe(section);
      expect(speech).toContain(expected);
      expect(wordCount(speech)).toBeLessThanOrEqual(MAX_WORDS);
      expect(speech.trim().endsWith('?')).toBe(true);
    },
  );
});

describe('the answers say what they must', () => {
  it.each(Object.entries(languages))(
    '%s: every referral says kindly that the care team can answer',
    (language, content) => {
      const line =
        language === 'es'
          ? 'Lo siento, eso no se lo puedo responder yo, pero su equipo médico sí puede.'
          : "I'm sorry, I can't answer that for you, but your care team can.";
      expect(referrals.length).toBeGreaterThanOrEqual(3);
      for (const referral of referrals)
        expect([referral.id, content.facts[referral.id].text.startsWith(line)]).toEqual([referral.id, true]);
    },
  );

  it.each(Object.entries(languages))(
    '%s: "does it work?" names the trials, the guidance, and ends by sending the listener to their doctor',
    (language, content) => {
      const text = content.facts.painRelief.text;
      for (const year of ['2009', '2018', '2016']) expect(text).toContain(year);
      expect(text).toMatch(language === 'es' ? /Pregunte a su médico[^.]*\.$/ : /Ask your doctor[^.]*\.$/);
      for (const source of ['buchbinder2009', 'kallmes2009', 'vertos4', 'cochrane2018', 'vapour', 'nice'])
        expect(content.facts.painRelief.sources).toContain(source);
    },
  );

  it.each(Object.entries(languages))(
    '%s: medicines are never stopped without the prescriber, and kyphoplasty and new fractures are answered honestly',
    (language, content) => {
      const es = language === 'es';
      expect(content.facts.bloodThinners.text).toMatch(
        es
          ? /Nunca deje un medicamento sin permiso del médico que se lo recetó/
          : /Never stop a medicine unless the doctor who gave it to you says so/,
      );
      expect(content.facts.stopsNewFractures.text).toMatch(es ? /^No\./ : /^No\./);
      expect(content.facts.withoutIt.text).toMatch(/6 (to|a) 12/);
      expect(content.facts.rideHome.text).toMatch(/^No\./);
    },
  );
});

/** The questions of issue 16's "Why", as a listener says them, through the simulator that hears as Alexa does. */
/** What people ask, in each language of content/locales.json. */
const spoken: Record<string, [string, string][]> = {
  en: [
    ['should I stop my blood thinners', 'bloodThinners'],
    ['can I take my pills that morning', 'morningMedicines'],
    ['will my insurance cover it', 'cost'],
    ['how much does it cost', 'cost'],
    ['is kyphoplasty better', 'kyphoplasty'],
    ["what happens if I don't have it", 'withoutIt'],
    ['who does it', 'whoDoesIt'],
    ['how many bones can they do at once', 'howManyBones'],
    ['can I drive myself home', 'rideHome'],
    ['what should I bring', 'whatToBring'],
    ["I'm allergic to iodine", 'allergies'],
    ["I'm diabetic", 'diabetes'],
    ["what if I'm pregnant", 'pregnancy'],
    ['does it actually work', 'painRelief'],
    ['does it prevent new fractures', 'stopsNewFractures'],
    ['how much painkiller should I take', 'referDosing'],
    ['what does my scan show', 'referOwnScan'],
    ['should I have it', 'referShouldI'],
  ],
  es: [
    ['tengo que dejar el anticoagulante', 'bloodThinners'],
    ['puedo tomar mis pastillas esa mañana', 'morningMedicines'],
    ['lo cubre el seguro', 'cost'],
    ['es mejor la cifoplastia', 'kyphoplasty'],
    ['qué pasa si no me lo hago', 'withoutIt'],
    ['quién lo hace', 'whoDoesIt'],
    ['cuántos huesos pueden tratar a la vez', 'howManyBones'],
    ['puedo volver a casa manejando', 'rideHome'],
    ['qué debo llevar', 'whatToBring'],
    ['soy alérgico al yodo', 'allergies'],
    ['soy diabético', 'diabetes'],
    ['y si estoy embarazada', 'pregnancy'],
    ['funciona', 'painRelief'],
    ['evita nuevas fracturas', 'stopsNewFractures'],
    ['qué dosis tomo', 'referDosing'],
    ['qué dice mi resonancia', 'referOwnScan'],
    ['me lo debo hacer', 'referShouldI'],
  ],
};

describe.each(oneLocalePerWording)('asked aloud in %s', (locale) => {
  const lines = spoken[localeLayers[locale][0]];
  it.each(lines)('"%s" is answered with facts.%s', async (utterance, id) => {
    const turns = await new Conversation(locale).say(utterance);
    const last = turns[turns.length - 1];
    expect(last.intent).toBe(registry.facts.find((fact) => fact.id === id)?.intent);
    expect(last.speech).toContain(
      translatorFor(locale)(`facts.${id}.text`, { number: emergencyNumberFor(locale) }).slice(0, 40),
    );
  });
});

describe('reading level of each new answer (issue 16: grade 6 or below in English, 70 or above in Spanish)', () => {
  const ids = entries.map((fact) => fact.id);
  const grades = fleschKincaidGrades(ids.map((id) => languages.en.facts[id].text));

  it.each(ids.map((id, index): [string, number] => [id, grades[index]]))(
    'English facts.%s reads at grade %d, at most 6',
    (_id, grade) => {
      expect(grade).toBeLessThanOrEqual(6);
    },
  );

  it.each(ids.map((id): [string, number] => [id, Math.round(fernandezHuerta(languages.es.facts[id].text) * 10) / 10]))(
    'Spanish facts.%s scores %d on Fernández-Huerta, at least 70',
    (_id, score) => {
      expect(score).toBeGreaterThanOrEqual(70);
    },
  );
});

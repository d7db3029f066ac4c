/**
 * What patients really ask: each fact and referral intent in the registry is answered by the skill itself (the fact
 * handler), in every locale, in one breath, and the answers say what the issue asks them to say.
 */
import { languages, registry } from '../../lambda/src/content';
import { emergencyNumberFor } from '../../lambda/src/emergency/numbers';
import { intentRequest, invoke, speechOf, topicOf } from '../helpers/envelopes';
import { MAX_WORDS, spokenText, wordCount } from '../helpers/speech';
import { translatorFor } from '../../lambda/src/content/i18n';
import { silenceLogs } from '../helpers/talk';

silenceLogs();

const locales = ['en-US', 'en-CA', 'en-GB', 'en-AU', 'en-IN', 'es-US', 'es-MX', 'es-ES'];
const asked = ['bloodThinners', 'morningMedicines', 'allergies', 'diabetes', 'pregnancy', 'rideHome', 'whatToBring', 'cost', 'whoDoesIt', 'howManyBones', 'kyphoplasty', 'withoutIt', 'stopsNewFractures', 'painRelief'];
const referrals = registry.facts.filter((fact) => fact.kind === 'referral');
const entries = registry.facts.filter((fact) => asked.includes(fact.id) || fact.kind === 'referral');

describe.each(locales)('in %s', (locale) => {
  it.each(entries.map((fact): [string, string, string] => [fact.intent, fact.id, fact.section]))('%s answers with facts.%s, in one breath', async (intent, id, section) => {
    const response = await invoke(intentRequest(intent, {}, locale));
    const speech = spokenText(speechOf(response));
    const expected = translatorFor(locale)(`facts.${id}.text`, { number: emergencyNumberFor(locale) });
    expect(topicOf(response)).toBe(section);
    expect(speech).toContain(expected);
    expect(wordCount(speech)).toBeLessThanOrEqual(MAX_WORDS);
    expect(speech.trim().endsWith('?')).toBe(true);
  });
});

describe('the answers say what they must', () => {
  it.each(Object.entries(languages))('%s: every referral says kindly that the care team can answer', (language, content) => {
    const line = language === 'es' ? 'Lo siento, eso no se lo puedo responder yo, pero su equipo médico sí puede.' : "I'm sorry, I can't answer that for you, but your care team can.";
    expect(referrals.length).toBeGreaterThanOrEqual(3);
    for (const referral of referrals) expect([referral.id, content.facts[referral.id].text.startsWith(line)]).toEqual([referral.id, true]);
  });

  it.each(Object.entries(languages))('%s: "does it work?" names the trials, the guidance, and ends by sending the listener to their doctor', (language, content) => {
    const text = content.facts.painRelief.text;
    for (const year of ['2009', '2018', '2016']) expect(text).toContain(year);
    expect(text).toMatch(language === 'es' ? /Pregunte a su médico qué quiere decir esto en su caso\.$/ : /Ask your doctor how this applies to you\.$/);
    for (const source of ['buchbinder2009', 'kallmes2009', 'vertos4', 'cochrane2018', 'vapour', 'nice']) expect(content.facts.painRelief.sources).toContain(source);
  });

  it.each(Object.entries(languages))('%s: medicines are never stopped without the prescriber, and kyphoplasty and new fractures are answered honestly', (language, content) => {
    const es = language === 'es';
    expect(content.facts.bloodThinners.text).toMatch(es ? /Nunca deje un medicamento si no se lo dice el médico que se lo dio/ : /Never stop a medicine unless the doctor who gave it to you says so/);
    expect(content.facts.stopsNewFractures.text).toMatch(es ? /^No\./ : /^No\./);
    expect(content.facts.withoutIt.text).toMatch(/6 (to|a) 12/);
    expect(content.facts.rideHome.text).toMatch(/^No\./);
  });
});

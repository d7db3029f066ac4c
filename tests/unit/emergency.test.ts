/** Emergency first, everywhere: precedence in every state, no overreach, nothing kept or logged. */
import en from '../../content/en/translation.json';
import { languages } from '../../tools/content';
import { emergencyNumbers } from '../../lambda/src/emergency/numbers';
import { setLogSink } from '../../lambda/src/log';
import { intentRequest, invoke, speechOf, topicOf } from '../helpers/envelopes';
import { spokenText } from '../helpers/speech';

const states: [string, Record<string, unknown>][] = [
  ['as the first thing said in a one-shot invocation', {}],
  ['mid-tour', { topic: 'prep', offer: { kind: 'tour', section: 'prep', part: 0 } }],
  ['in reply to a yes/no offer', { topic: 'what', offer: { kind: 'part', section: 'what', part: 1 } }],
  [
    'after "repeat"',
    { topic: 'what', said: { topic: 'what', title: { key: 'skill.name' }, lines: [{ key: 'sections.what.summary' }] } },
  ],
  ['at the slowest speech rate', { rate: 70 }],
];

const lines: string[] = [];
let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink((line) => lines.push(line));
});
afterAll(() => restoreLogs());

describe.each(states)('an emergency %s', (_name, attributes) => {
  it('is answered first with the number, and ends the session', async () => {
    const response = await invoke(intentRequest('EmergencyIntent', { bodyPart: { value: 'legs', id: 'legs' } }), {
      attributes,
      newSession: Object.keys(attributes).length === 0,
    });
    expect(spokenText(speechOf(response)).startsWith('Call 911 now.')).toBe(true);
    expect(topicOf(response)).toBe('emergency');
    expect(response.response.shouldEndSession).toBe(true);
  });
});

describe('no overreach', () => {
  it('no text in any language says the skill is calling or has called anyone', () => {
    const all = JSON.stringify(languages);
    expect(all).not.toMatch(/\b(I am|I'm|I will|I'll|I have|I've) (now )?(calling|call|called|phoned|contacted)\b/i);
    expect(all).not.toMatch(/\bcalling (an ambulance|for help|emergency services)\b/i);
  });

  it('the emergency answer says it cannot make the call, and asks nothing', async () => {
    const heard = spokenText(speechOf(await invoke(intentRequest('EmergencyIntent'))));
    expect(heard).toContain("can't make the call");
    expect(heard).not.toContain('?');
  });

  it('the number is said at least twice, digit by digit', async () => {
    const ssml = speechOf(await invoke(intentRequest('EmergencyIntent')));
    expect(ssml.match(/<say-as interpret-as='digits'>911<\/say-as>/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('neither answer gives a diagnosis or treatment advice', () => {
    const texts = [JSON.stringify(en.emergency), en.symptom.text];
    for (const text of texts)
      expect(text).not.toMatch(/\b(you (have|probably have|might have) (a|an)|take (a|an|some)|apply|rest and|ice)\b/i);
  });
});

describe('nothing said about health is kept or logged', () => {
  it('a symptom report leaves no slot value in the session or the logs', async () => {
    lines.length = 0;
    const sentinel = 'zqxsentinelpain';
    for (const intent of ['SymptomReportIntent', 'EmergencyIntent']) {
      const response = await invoke(
        intentRequest(intent, { symptom: { value: sentinel }, bodyPart: { value: sentinel } }),
        { attributes: {} },
      );
      expect(JSON.stringify(response.sessionAttributes ?? {})).not.toContain(sentinel);
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(sentinel);
  });
});

describe('the right number for every locale', () => {
  const table = Object.entries(emergencyNumbers);
  const allNumbers = new Set(table.map(([, entry]) => entry.number));

  it('covers every locale Alexa supports that the brief lists', () => {
    const expected: Record<string, string> = {
      'en-US': '911',
      'en-CA': '911',
      'es-US': '911',
      'es-MX': '911',
      'fr-CA': '911',
      'en-GB': '999',
      'en-AU': '000',
      'en-IN': '112',
      'hi-IN': '112',
      'de-DE': '112',
      'es-ES': '112',
      'it-IT': '112',
      'fr-FR': '112',
      'nl-NL': '112',
      'ja-JP': '119',
      'pt-BR': '192',
      'ar-SA': '911',
    };
    expect(Object.fromEntries(table.map(([locale, entry]) => [locale, entry.number]))).toEqual(expected);
  });

  it.each(table)('every entry names its source (%s)', (_locale, entry) => {
    expect(entry.source.length).toBeGreaterThan(20);
  });

  it.each(table)('%s hears its own number, digit by digit, and no other', async (locale, entry) => {
    const ssml = speechOf(await invoke(intentRequest('EmergencyIntent', {}, locale), { locale }));
    expect(ssml).toContain(`<say-as interpret-as='digits'>${entry.number}</say-as>`);
    for (const other of allNumbers) {
      if (other !== entry.number) expect([locale, other, ssml.includes(other)]).toEqual([locale, other, false]);
    }
  });

  it.each(table)('%s help and fallback give the same number', async (locale, entry) => {
    for (const intent of ['AMAZON.HelpIntent', 'AMAZON.FallbackIntent']) {
      const heard = spokenText(speechOf(await invoke(intentRequest(intent, {}, locale), { locale })));
      expect(heard).toContain(entry.number);
    }
  });
});

/**
 * Every locale the skill speaks: content consistency across languages and regions, the same
 * conversation in each locale, and a readability check per language.
 */
import { RATES } from '../../lambda/src/speech/rate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languages, regions } from '../../tools/content';
import { intentRequest, invoke, topicOf } from '../helpers/envelopes';
import { emergencyNumberFor } from '../../lambda/src/emergency/numbers';
import { Conversation } from '../../tools/conversation';
import { publishedLocales } from '../helpers/locales';
import { silenceLogs } from '../helpers/talk';
import { fernandezHuerta } from '../../scripts/readability';

silenceLogs();

const modelFolder = join(__dirname, '..', '..', 'skill-package', 'interactionModels', 'custom');
const locales = publishedLocales;

type Json = unknown;

/** Every leaf string of a content tree, by its dotted key. */
function leaves(value: Json, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof value === 'string') found.set(prefix, value);
  else if (Array.isArray(value))
    value.forEach((item, index) => leaves(item, `${prefix}.${index}`).forEach((text, key) => found.set(key, text)));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      leaves(item, prefix === '' ? key : `${prefix}.${key}`).forEach((text, path) => found.set(path, text));
  }
  return found;
}

/** Spoken text only: metadata and sources are not read out. */
function spoken(value: Json): Map<string, string> {
  return new Map(
    [...leaves(value)].filter(
      ([key]) => !key.startsWith('meta.') && !key.includes('.sources.') && !key.startsWith('pronunciations.'),
    ),
  );
}

const english = spoken(languages.en);
const placeholders = (text: string): string[] => (text.match(/\{\{\w+\}\}/g) ?? []).sort();
const numbers = (text: string): string[] => (text.replace(/\{\{\w+\}\}/g, '').match(/\d+/g) ?? []).sort();

describe.each(Object.entries(languages).filter(([language]) => language !== 'en'))(
  'the %s translation',
  (_language, content) => {
    const translated = spoken(content);

    it('has every key of the English content, and no other', () => {
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it('keeps every placeholder and every number of the English', () => {
      for (const [key, text] of english) {
        const other = translated.get(key) ?? '';
        expect([key, placeholders(other)]).toEqual([key, placeholders(text)]);
        for (const number of numbers(text))
          expect([key, number, numbers(other).includes(number)]).toEqual([key, number, true]);
      }
    });

    it('records its review status', () => {
      expect(content.meta.review).toMatch(/not yet reviewed by a clinician/i);
    });
  },
);

describe.each(Object.entries(regions))('the %s overrides', (_locale, overrides) => {
  const overridden = spoken(overrides);

  it('override only keys that exist in English, keeping placeholders and numbers', () => {
    for (const [key, text] of overridden) {
      expect([key, english.has(key)]).toEqual([key, true]);
      expect([key, placeholders(text)]).toEqual([key, placeholders(english.get(key) ?? '')]);
      for (const number of numbers(english.get(key) ?? ''))
        expect([key, number, numbers(text).includes(number)]).toEqual([key, number, true]);
    }
  });
});

interface Model {
  interactionModel: { languageModel: { intents: { name: string; samples: string[] }[] } };
}

function firstSample(locale: string, intent: string): string {
  const model: Model = JSON.parse(readFileSync(join(modelFolder, `${locale}.json`), 'utf8'));
  const sample = model.interactionModel.languageModel.intents
    .find((candidate) => candidate.name === intent)
    ?.samples.find((text) => !text.includes('{'));
  if (sample === undefined) throw new Error(`${locale} has no plain sample for ${intent}`);
  return sample;
}

describe.each(locales)('the conversation in %s', (locale) => {
  const number = emergencyNumberFor(locale);

  async function say(
    intent: string,
  ): Promise<{ topic: string | null; speech: string; ssml: string; endSession: boolean }> {
    const turns = await new Conversation(locale).say(firstSample(locale, intent));
    return turns[turns.length - 1];
  }

  it('launches with the short disclaimer and the local number', async () => {
    const launch = await new Conversation(locale).launch();
    expect(launch.topic).toBe('welcome');
    expect(launch.speech).toContain(number);
  });

  it.each([
    ['WhatIsIntent', 'what'],
    ['PrepareIntent', 'prep'],
    ['ProcedureIntent', 'process'],
    ['RisksIntent', 'risks'],
    ['AftercareIntent', 'after'],
    ['DisclaimerIntent', 'disclaimer'],
    ['AMAZON.HelpIntent', 'help'],
    ['AMAZON.StopIntent', 'goodbye'],
  ])('%s answers (topic %s)', async (intent, topic) => {
    expect((await say(intent)).topic).toBe(topic);
  });

  it('an emergency hears the local number first, and the session ends', async () => {
    const turn = await say('EmergencyIntent');
    expect(turn.topic).toBe('emergency');
    expect(turn.speech.slice(0, 40)).toContain(number);
    expect(turn.endSession).toBe(true);
  });

  it('"next" and "previous" move through the sections', async () => {
    const conversation = new Conversation(locale);
    await conversation.say(firstSample(locale, 'WhatIsIntent'));
    const next = await conversation.say(firstSample(locale, 'AMAZON.NextIntent'));
    const back = await conversation.say(firstSample(locale, 'AMAZON.PreviousIntent'));
    expect([next[next.length - 1].topic, back[back.length - 1].topic]).toEqual(['prep', 'what']);
  });

  it('"slower" slows every later answer', async () => {
    const conversation = new Conversation(locale);
    await conversation.say(firstSample(locale, 'SlowerIntent'));
    const turns = await conversation.say(firstSample(locale, 'RisksIntent'));
    expect(turns[turns.length - 1].ssml).toContain(`<prosody rate="${RATES[RATES.indexOf(100) - 1]}%">`);
  });
});

describe('Spanish in the simulator', () => {
  it('answers "¿qué es la vertebroplastia?" in es-US', async () => {
    const turns = await new Conversation('es-US').say('¿qué es la vertebroplastia?');
    expect(turns[turns.length - 1].intent).toBe('WhatIsIntent');
    expect(turns[turns.length - 1].topic).toBe('what');
  });
});

const FAIRLY_EASY = 70;

describe.each(Object.entries(languages).filter(([language]) => language === 'es'))(
  'readability of the %s content (Fernández-Huerta)',
  (_language, content) => {
    const rows: [string, number][] = [
      ...Object.entries(content.sections).map(([id, section]): [string, number] => [
        id,
        fernandezHuerta([section.summary, ...section.parts].join(' ')),
      ]),
      [
        'facts',
        fernandezHuerta(
          Object.values(content.facts)
            .map((fact) => fact.text)
            .join(' '),
        ),
      ],
      [
        'glossary',
        fernandezHuerta(
          Object.values(content.glossary)
            .map((term) => term.definition)
            .join(' '),
        ),
      ],
      ['disclaimer.short', fernandezHuerta(content.disclaimer.short)],
    ];

    beforeAll(() => {
      console.log(
        [
          'section  Fernández-Huerta (70+ fairly easy)',
          ...rows.map(([id, score]) => `${id.padEnd(18)} ${score.toFixed(1)}`),
        ].join('\n'),
      );
    });

    it.each(rows)('%s is fairly easy or easier', (_id, score) => {
      expect(score).toBeGreaterThanOrEqual(FAIRLY_EASY);
    });
  },
);

describe('Spanish symptom words Alexa could not resolve', () => {
  it.each([
    'un dolor muy fuerte en el pecho',
    'me falta la respiración',
    'estoy sangrando mucho',
    'se me durmieron las piernas',
  ])('"%s" still reaches the emergency answer', async (words) => {
    const response = await invoke(intentRequest('SymptomReportIntent', { symptom: { value: words } }, 'es-US'));
    expect(topicOf(response)).toBe('emergency');
  });
});

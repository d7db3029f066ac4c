/** Checks of every interaction model against Alexa's rules and our own. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../../lambda/src/content';

interface Intent {
  name: string;
  samples: string[];
  slots?: { name: string; type: string }[];
}
interface Model {
  interactionModel: { languageModel: { invocationName: string; intents: Intent[]; types: { name: string }[] } };
}

const folder = join(__dirname, '..', '..', 'skill-package', 'interactionModels', 'custom');
const locales = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace('.json', ''));

function load(locale: string): Model['interactionModel']['languageModel'] {
  const model: Model = JSON.parse(readFileSync(join(folder, `${locale}.json`), 'utf8'));
  return model.interactionModel.languageModel;
}

/** Our own rule: every custom intent has at least this many samples, so Alexa's NLU has enough to go on. */
const MIN_SAMPLES = 6;

describe.each(locales)('interaction model %s', (locale) => {
  const model = load(locale);
  const custom = model.intents.filter((intent) => !intent.name.startsWith('AMAZON.'));

  it('has a valid invocation name: two or more words, lower case letters and spaces, no launch words', () => {
    const name = model.invocationName;
    expect(name).toMatch(/^[a-z\u00e0-\u00ff]+( [a-z\u00e0-\u00ff]+)+$/);
    expect(name.split(' ').length).toBeLessThanOrEqual(3);
    for (const banned of [
      'alexa',
      'amazon',
      'echo',
      'skill',
      'app',
      'launch',
      'ask',
      'tell',
      'open',
      'start',
      'load',
      'begin',
      'enable',
      'vertebroplasty',
      'abre',
      'abrir',
      'pide',
      'dile',
      'inicia',
      'empieza',
      'vertebroplastia',
    ]) {
      expect(name.split(' ')).not.toContain(banned);
    }
  });

  it('shares no sample between two intents', () => {
    const owner = new Map<string, string>();
    for (const intent of model.intents) {
      for (const sample of intent.samples) {
        const key = sample.toLowerCase().replace(/\s+/g, ' ').trim();
        expect([key, owner.get(key) ?? intent.name]).toEqual([key, intent.name]);
        owner.set(key, intent.name);
      }
    }
  });

  it.each(custom.map((intent): [string, number] => [intent.name, intent.samples.length]))(
    '%s has enough samples (%i)',
    (_name, count) => {
      expect(count).toBeGreaterThanOrEqual(MIN_SAMPLES);
    },
  );

  it('uses only slots that the intent declares, and slot types that exist', () => {
    const types = new Set(model.types.map((type) => type.name));
    for (const intent of model.intents) {
      const declared = new Set((intent.slots ?? []).map((slot) => slot.name));
      for (const slot of intent.slots ?? []) expect(types.has(slot.type) || slot.type.startsWith('AMAZON.')).toBe(true);
      for (const sample of intent.samples) {
        for (const [, name] of sample.matchAll(/\{(\w+)\}/g))
          expect([intent.name, name, declared.has(name)]).toEqual([intent.name, name, true]);
      }
    }
  });

  it('has no digits or stray punctuation in samples', () => {
    for (const intent of model.intents) {
      for (const sample of intent.samples) expect(sample).not.toMatch(/[0-9?!;:"]/);
    }
  });

  it('declares every intent the content registry routes, plus the built-ins the skill needs', () => {
    const names = new Set(model.intents.map((intent) => intent.name));
    const needed = [
      ...registry.sections.map((section) => section.intent),
      ...registry.facts.map((fact) => fact.intent),
      'DisclaimerIntent',
      'EmergencyIntent',
      'SymptomReportIntent',
      'GlossaryIntent',
      'AMAZON.HelpIntent',
      'AMAZON.StopIntent',
      'AMAZON.CancelIntent',
      'AMAZON.FallbackIntent',
      'AMAZON.NavigateHomeIntent',
      'AMAZON.YesIntent',
      'AMAZON.NoIntent',
    ];
    for (const name of needed) expect([name, names.has(name)]).toEqual([name, true]);
  });
});

describe('skill.json', () => {
  const manifest: {
    manifest: { publishingInformation: { locales: Record<string, { examplePhrases: string[]; description: string }> } };
  } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'skill-package', 'skill.json'), 'utf8'));
  const published = Object.entries(manifest.manifest.publishingInformation.locales);

  it.each(published)('%s example phrases use the invocation name and real samples', (locale, info) => {
    const model = load(locale);
    const samples = new Set(model.intents.flatMap((intent) => intent.samples.map((sample) => sample.toLowerCase())));
    const spanish = locale.startsWith('es');
    for (const phrase of info.examplePhrases) {
      const open = `Alexa, ${spanish ? 'abre' : 'open'} ${model.invocationName}`;
      const ask = `Alexa, ${spanish ? 'pide a' : 'ask'} ${model.invocationName} `;
      if (phrase === open) continue;
      expect([phrase, phrase.startsWith(ask)]).toEqual([phrase, true]);
      expect([phrase, samples.has(phrase.slice(ask.length).toLowerCase())]).toEqual([phrase, true]);
    }
  });

  it.each(published)('%s description carries the health disclaimer', (_locale, info) => {
    expect(info.description).toMatch(/not medical advice|no es consejo médico/i);
    expect(info.description).toMatch(/emergency|emergencia/i);
  });

  it('publishes every locale that has an interaction model, and no other', () => {
    expect(published.map(([locale]) => locale).sort()).toEqual([...locales].sort());
  });
});

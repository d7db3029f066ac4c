/**
 * The README's "add content" path, walked for a new fact: it touches only files under content/ (the
 * registry, each language's translation and language source), and the generated model and the skill
 * both pick it up with no code change. The content modules, and the texts the build works out from them,
 * are swapped for edited copies in an isolated module registry, so the real files stay as they are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentLanguages, localeLayers, publishedLocales } from '../helpers/locales';
import { mockTextTables, textTablesWith } from '../helpers/builtTexts';

const content = join(__dirname, '..', '..', 'content');
const read = (file: string): Record<string, unknown> & { facts: Record<string, unknown> } =>
  JSON.parse(readFileSync(join(content, file), 'utf8'));

function edited(): Record<string, unknown> {
  const registry = JSON.parse(readFileSync(join(content, 'registry.json'), 'utf8'));
  registry.facts.push({ id: 'parking', section: 'prep', intent: 'ParkingFactIntent' });
  const en = read('en/translation.json');
  en.facts.parking = {
    text: 'Ask the hospital where to park. Many have a car park near the main door.',
    sources: ['seed'],
  };
  const es = read('es/translation.json');
  es.facts.parking = {
    text: 'Pregunte en el hospital dónde aparcar. Muchos tienen un aparcamiento junto a la entrada.',
    sources: ['seed'],
  };
  const enSource = JSON.parse(readFileSync(join(content, 'en', 'language.json'), 'utf8'));
  enSource.concepts.facts.parking = {
    questions: ['where {can|do|should} I park', 'is there {any|} parking {|at the hospital}'],
    keywords: ['park', 'parking'],
  };
  const esSource = JSON.parse(readFileSync(join(content, 'es', 'language.json'), 'utf8'));
  esSource.concepts.facts.parking = {
    questions: ['dónde {puedo|se puede} aparcar', 'hay aparcamiento'],
    keywords: ['aparcar', 'aparcamiento'],
  };
  return {
    'registry.json': registry,
    'en/translation.json': en,
    'es/translation.json': es,
    'en/language.json': enSource,
    'es/language.json': esSource,
  };
}

it('a new fact, added under content/ only, reaches the model and the answer', async () => {
  const files = edited();
  // As `npm run build` would: the texts the skill says are worked out from the edited content.
  const tables = textTablesWith(files);
  await jest.isolateModulesAsync(async () => {
    for (const [file, json] of Object.entries(files)) jest.doMock(join(content, file), () => json);
    mockTextTables(tables);
    const { buildModel } = await import('../../tools/model/generate');
    const { envelope, intentRequest, speechOf } = await import('../helpers/envelopes');
    const { handler } = await import('../../lambda/src/index');
    const { setLogSink } = await import('../../lambda/src/log');
    setLogSink(() => undefined);
    for (const locale of contentLanguages.map((language) =>
      publishedLocales.find((candidate) => localeLayers[candidate][0] === language),
    )) {
      if (locale === undefined) throw new Error('a language without a locale');
      const intent = buildModel(locale).interactionModel.languageModel.intents.find(
        (entry) => entry.name === 'ParkingFactIntent',
      );
      expect(intent?.samples.length).toBeGreaterThan(2);
    }
    const english = await handler(envelope(intentRequest('ParkingFactIntent')));
    expect(speechOf(english)).toContain('car park near the main door');
    const spanish = await handler(envelope(intentRequest('ParkingFactIntent', {}, 'es-ES')));
    expect(speechOf(spanish)).toContain('aparcamiento');
  });
});

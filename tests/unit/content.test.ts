/** The content files: schema, sources, and that every key the skill uses exists. */
import Ajv from 'ajv';
import schema from '../../content/schema.json';
import { registry } from '../../lambda/src/content';
import { languages } from '../../tools/content';
import type { LanguageContent } from '../../lambda/src/content/types';
import { parseTopic } from '../../lambda/src/replies';

const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile(schema);

function sourcesUsed(content: LanguageContent): [string, string[]][] {
  return [
    ['disclaimer', content.disclaimer.sources],
    ...Object.entries(content.sections).map(([id, section]): [string, string[]] => [`sections.${id}`, section.sources]),
    ...Object.entries(content.facts).map(([id, fact]): [string, string[]] => [`facts.${id}`, fact.sources]),
    ...Object.entries(content.glossary).map(([id, term]): [string, string[]] => [`glossary.${id}`, term.sources]),
  ];
}

describe.each(Object.entries(languages))('content for %s', (_language, content) => {
  it('matches the schema', () => {
    const valid = validate(content);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names a known source for every section, fact, term and the disclaimer', () => {
    const known = new Set(Object.keys(content.meta.sources));
    for (const [where, sources] of sourcesUsed(content)) {
      for (const source of sources) expect([where, source, known.has(source)]).toEqual([where, source, true]);
    }
  });

  it('has every section, fact and glossary term that the registry routes to', () => {
    for (const section of registry.sections) expect(content.sections[section.id]).toBeDefined();
    for (const fact of registry.facts) expect(content.facts[fact.id]).toBeDefined();
    for (const term of registry.glossary) expect(content.glossary[term]).toBeDefined();
  });

  it('has no entry that the registry does not know', () => {
    expect(Object.keys(content.sections).sort()).toEqual(registry.sections.map((section) => section.id).sort());
    expect(Object.keys(content.facts).sort()).toEqual(registry.facts.map((fact) => fact.id).sort());
    expect(Object.keys(content.glossary).sort()).toEqual([...registry.glossary].sort());
  });
});

describe('English content', () => {
  const en = languages.en;

  it('gives a pronunciation for the words text-to-speech says wrongly', () => {
    for (const word of ['vertebroplasty', 'vertebrae', 'osteoporosis']) expect(en.pronunciations[word]).toBeDefined();
  });

  it("keeps the seed's figures", () => {
    const all = JSON.stringify(en);
    expect(all).toContain('10 percent');
    expect(all).toContain('20 minutes');
    expect(all).toContain('within an hour');
  });

  it('never describes the seed page picture, which shows a different operation', () => {
    expect(JSON.stringify(en).toLowerCase()).not.toMatch(/\b(image|picture) (shows|above|below)\b/);
  });
});

describe('short answer first', () => {
  it.each(Object.entries(languages.en.sections))(
    'the %s summary is one sentence of at most 25 words',
    (_id, section) => {
      const sentences = section.summary.split(/[.!?](\s|$)/).filter((piece) => piece.trim().length > 0);
      expect(sentences).toHaveLength(1);
      expect(section.summary.split(/\s+/).length).toBeLessThanOrEqual(25);
    },
  );

  it('has at least 15 specific facts', () => {
    expect(Object.keys(languages.en.facts).length).toBeGreaterThanOrEqual(15);
  });
});

describe('sections and topics', () => {
  it.each(registry.sections.map((section) => section.id))('the section %s is also a topic', (id) => {
    expect(parseTopic(id)).toBe(id);
  });
});

/**
 * Generates each locale's interaction model from the language source (content/<language>/language.json
 * and its regional overlays) and the registry. Nobody edits a model by hand: `npm run build` writes
 * them, and a test fails when the committed files are out of date.
 *
 * Templates are expanded with alexa-utterances, then sampled into a diverse set rather than every
 * combination: a greedy pick of the phrasings that add the most word pairs not yet covered. Slot
 * types carry the vocabulary, with ids and synonyms, as Amazon recommends.
 */
import utterances from 'alexa-utterances';
import { registry } from '../../lambda/src/content';
import { emergencyPhrases } from '../../lambda/src/understanding';
import { frames, type LanguageSource, type Lexicon } from '../../lambda/src/understanding/source';
import { helperConcepts } from '../../lambda/src/understanding/triage';
import { languageSourceFor } from './language';

export interface SlotValue {
  id: string;
  name: { value: string; synonyms?: string[] };
}

export interface SlotType {
  name: string;
  values: SlotValue[];
}

export interface Intent {
  name: string;
  slots?: { name: string; type: string }[];
  samples: string[];
}

export interface InteractionModel {
  interactionModel: { languageModel: { invocationName: string; intents: Intent[]; types: SlotType[] } };
}

/** Amazon's limits for a custom model. */
export const LIMITS = { modelBytes: 1.5 * 1024 * 1024, intents: 250, slotValueChars: 140 };

/** How many samples each family of intent gets: enough for Alexa's NLU, few enough to stay diverse. */
const SAMPLES = { question: 60, move: 45, report: 160, emergency: 120, carrier: 70 };

/** Slot names as they appear in templates, and the slot type each one uses. */
const slotTypes: Record<string, string> = {
  topic: 'TOPIC',
  term: 'TERM',
  symptom: 'SYMPTOM',
  bodyPart: 'BODY_PART',
  state: 'STATE',
  severity: 'SEVERITY',
  text: 'AMAZON.SearchQuery',
};

/** What a sample may hold: letters, spaces, apostrophes, and periods in spelled-out words. */
function clean(sample: string): string {
  return sample.replace(/\s+/g, ' ').trim();
}

export function expand(template: string): string[] {
  const slots: Record<string, string> = {};
  for (const [, name] of template.matchAll(/\{-\|(\w+)\}/g)) slots[name] = name;
  return utterances(template, slots, {})
    .map(clean)
    .filter((sample: string) => sample.length > 0);
}

function key(sample: string): string {
  return sample.toLowerCase().replace(/\s+/g, ' ').trim();
}

function pairs(sample: string): string[] {
  const words = ['^', ...key(sample).split(' '), '$'];
  return words.slice(1).map((word, index) => `${words[index]} ${word}`);
}

/**
 * The most diverse `limit` samples: each pick adds the most word pairs not yet covered, so the set
 * spreads over the phrasings instead of repeating one. Deterministic, so regenerating changes nothing.
 */
export function diverse(candidates: readonly string[], limit: number, covered = new Set<string>()): string[] {
  const pool = [...new Map(candidates.map((sample) => [key(sample), sample])).values()].sort();
  const chosen: string[] = [];
  const remaining = new Set(pool);
  while (chosen.length < limit && remaining.size > 0) {
    let best = '';
    let bestGain = -1;
    for (const sample of remaining) {
      const gain = pairs(sample).filter((pair) => !covered.has(pair)).length;
      if (gain > bestGain || (gain === bestGain && sample.length < best.length)) {
        best = sample;
        bestGain = gain;
      }
    }
    remaining.delete(best);
    chosen.push(best);
    for (const pair of pairs(best)) covered.add(pair);
  }
  return chosen;
}

/**
 * Phrasings of one or two words ("qué es", "what now") are what people say most, and a pick by new word pairs can
 * pass them over for longer ones that cover the same pairs; they are kept first, always.
 */
const SHORTEST_WORDS = 2;

/** The intent's shortest phrasings, then the most diverse of the rest; then, while there is room, a few of them inside polite wrappers. */
function pick(own: readonly string[], extra: readonly string[], limit: number): string[] {
  const covered = new Set<string>();
  const shortest = diverse(
    own.filter((sample) => !sample.includes('{') && key(sample).split(' ').length <= SHORTEST_WORDS),
    limit,
    covered,
  );
  const kept = new Set(shortest.map(key));
  const first = [
    ...shortest,
    ...diverse(
      own.filter((sample) => !kept.has(key(sample))),
      limit - shortest.length,
      covered,
    ),
  ];
  const taken = new Set(first.map(key));
  const room = Math.min(limit - first.length, Math.ceil(limit / 3));
  const second = diverse(
    extra.filter((sample) => !taken.has(key(sample))),
    room,
    covered,
  );
  return [...first, ...second].sort();
}

/**
 * Whole questions inside the polite wrappers people put around them ("could you tell me how long it
 * takes"). Only questions that open with a question word are wrapped, and never with a wrapper that
 * repeats their first word, so "tell me about it" never becomes "can you tell me tell me about it".
 */
function wrapped(source: LanguageSource, samples: readonly string[]): string[] {
  const opens = new Set(source.concepts.tells.interrogatives.map(key));
  return samples.flatMap((sample) => {
    const first = key(sample).split(' ')[0];
    if (!opens.has(first) || sample.split(' ').length < 3) return [];
    const before = source.wrappers.before.filter((wrapper) => !key(wrapper).split(' ').includes(first));
    return [
      ...before.map((wrapper) => `${wrapper} ${sample}`),
      ...source.wrappers.after.map((after) => `${sample} ${after}`),
    ];
  });
}

function slotsOf(samples: readonly string[]): { name: string; type: string }[] {
  const names = new Set<string>();
  for (const sample of samples) for (const [, name] of sample.matchAll(/\{(\w+)\}/g)) names.add(name);
  return [...names].sort().map((name) => {
    const type = slotTypes[name];
    if (type === undefined) throw new Error(`the template slot {${name}} has no slot type`);
    return { name, type };
  });
}

function intent(name: string, samples: string[]): Intent {
  const slots = slotsOf(samples);
  return slots.length === 0 ? { name, samples } : { name, slots, samples };
}

/** A slot value's words: the first is its value, the rest its synonyms; wildcard words are the understanding's only. */
function slotType(name: string, entries: [string, readonly string[]][]): SlotType {
  const seen = new Set<string>();
  const values: SlotValue[] = [];
  for (const [id, words] of entries) {
    const usable = words.filter(
      (word) => !word.includes('*') && !seen.has(key(word)) && word.length <= LIMITS.slotValueChars,
    );
    for (const word of usable) seen.add(key(word));
    if (usable.length === 0) continue;
    const [value, ...synonyms] = usable;
    values.push({ id, name: synonyms.length === 0 ? { value } : { value, synonyms } });
  }
  return { name, values };
}

function lexiconType(name: string, group: Record<string, Lexicon>, skip: ReadonlySet<string> = new Set()): SlotType {
  return slotType(
    name,
    Object.entries(group)
      .filter(([id]) => !skip.has(id))
      .map(([id, lexicon]) => [id, lexicon.words]),
  );
}

export function buildModel(locale: string): InteractionModel {
  const source = languageSourceFor(locale);
  const { concepts, carriers } = source;
  const owner = new Map<string, string>();
  const intents: Intent[] = [];
  /** Adds an intent; a sample that another intent already has stays with the first, as Amazon requires. */
  const add = (name: string, own: string[], limit: number, extra: string[] = []): void => {
    const clash = own.map(key).find((sample) => owner.has(sample) && owner.get(sample) !== name);
    if (clash !== undefined)
      throw new Error(`${locale}: "${clash}" is written for both ${owner.get(clash)} and ${name}`);
    const free = (list: string[]): string[] =>
      list.filter((sample) => !owner.has(key(sample)) || owner.get(key(sample)) === name);
    const samples = pick(own, free(extra), limit);
    for (const sample of samples) owner.set(key(sample), name);
    intents.push(intent(name, samples));
  };
  const question = (id: string, concept: { questions: string[] } | undefined): string[] => {
    if (concept === undefined) throw new Error(`${locale}: the language source has no phrasings for ${id}`);
    return concept.questions.flatMap(expand);
  };

  add(
    registry.intents.emergency,
    emergencyPhrases(source, locale)
      .filter((phrase) => !phrase.includes('*'))
      .flatMap(expand),
    SAMPLES.emergency,
  );
  for (const section of registry.sections) {
    const own = question(section.id, concepts.sections[section.id]);
    add(section.intent, own, SAMPLES.question, wrapped(source, own));
  }
  for (const fact of registry.facts) {
    const own = question(fact.id, concepts.facts[fact.id]);
    add(fact.intent, own, SAMPLES.question, wrapped(source, own));
  }
  for (const move of registry.moves) {
    const phrases = concepts.moves[move.id]?.phrases;
    if (phrases === undefined) throw new Error(`${locale}: the language source has no phrases for the move ${move.id}`);
    // A word ending in "*" is the understanding's own wildcard, never a sample.
    const own = phrases.filter((phrase) => !phrase.includes('*')).flatMap(expand);
    add(
      move.intent,
      own,
      SAMPLES.move,
      own.flatMap((phrase) => source.wrappers.command.map((polite) => `${phrase} ${polite}`)),
    );
  }
  const term = carriers.term.flatMap(expand);
  const topic = carriers.topic.flatMap(expand);
  add(registry.intents.glossary, term, SAMPLES.carrier, wrapped(source, term));
  add(registry.intents.topic, topic, SAMPLES.carrier, wrapped(source, topic));
  // Only slot values reach the skill, so a carrier's own words must not carry the meaning: "my {bodyPart} hurts"
  // would arrive as "legs". Every body part comes with a state or a symptom slot beside it.
  const mute = carriers.report.find(
    (carrier) => carrier.includes('{-|bodyPart}') && !carrier.includes('{-|state}') && !carrier.includes('{-|symptom}'),
  );
  if (mute !== undefined)
    throw new Error(`${locale}: the report carrier "${mute}" needs a {-|state} slot for what the body part feels`);
  add(registry.intents.report, carriers.report.flatMap(expand), SAMPLES.report);
  for (const frame of frames)
    add(registry.intents.freeText[frame], carriers.freeText[frame].flatMap(expand), SAMPLES.carrier);
  intents.push({ name: registry.intents.home, samples: [] }, { name: registry.intents.fallback, samples: [] });

  const types: SlotType[] = [
    slotType('TOPIC', [
      ...Object.entries(concepts.sections).map(([id, concept]): [string, readonly string[]] => [
        `section.${id}`,
        concept.names ?? [],
      ]),
      ...Object.entries(concepts.terms).map(([id, term]): [string, readonly string[]] => [`term.${id}`, term.names]),
    ]),
    slotType(
      'TERM',
      Object.entries(concepts.terms).map(([id, term]) => [id, term.names]),
    ),
    lexiconType('SYMPTOM', concepts.symptoms, helperConcepts),
    lexiconType('BODY_PART', concepts.bodyParts),
    lexiconType('STATE', concepts.states),
    lexiconType('SEVERITY', concepts.severities),
  ];
  const used = new Set(intents.flatMap((entry) => (entry.slots ?? []).map((slot) => slot.type)));
  return {
    interactionModel: {
      languageModel: {
        invocationName: source.invocationName,
        intents,
        types: types.filter((type) => used.has(type.name)),
      },
    },
  };
}

/** Amazon's rules, checked on every generated model; a broken rule fails the build with its reason. */
export function problems(model: InteractionModel): string[] {
  const { intents, types } = model.interactionModel.languageModel;
  const found: string[] = [];
  if (JSON.stringify(model).length > LIMITS.modelBytes) found.push('the model is over 1.5 MB');
  if (intents.length > LIMITS.intents) found.push(`the model has ${intents.length} intents, over ${LIMITS.intents}`);
  for (const type of types) {
    for (const value of type.values) {
      for (const word of [value.name.value, ...(value.name.synonyms ?? [])]) {
        if (word.length > LIMITS.slotValueChars)
          found.push(`${type.name} value "${word}" is over ${LIMITS.slotValueChars} characters`);
      }
    }
  }
  for (const entry of intents) {
    for (const sample of entry.samples) {
      if (/[0-9?!;:",]/.test(sample)) found.push(`${entry.name}: "${sample}" has digits or punctuation`);
      const phrase = (entry.slots ?? [])
        .filter((slot) => slot.type === 'AMAZON.SearchQuery')
        .map((slot) => `{${slot.name}}`);
      if (phrase.some((slot) => sample.includes(slot)) && sample.replace(/\{\w+\}/g, '').trim().length === 0) {
        found.push(`${entry.name}: "${sample}" is only a phrase slot, which Amazon rejects`);
      }
    }
  }
  return found;
}

export function modelText(model: InteractionModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

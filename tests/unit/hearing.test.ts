/** The simulator's ears: one test for each rule the README lists, on a small model made here. */
import { languageSourceFor } from '../../lambda/src/content';
import { FALLBACK, Hearing, type Model } from '../../tools/hearing';

const model: Model = {
  intents: [
    { name: 'RisksIntent', samples: ['what are the risks', 'tell me the risks'] },
    {
      name: 'TopicIntent',
      slots: [{ name: 'topic', type: 'TOPIC' }],
      samples: ['tell me {topic}', 'tell me about {topic}'],
    },
    { name: 'EmergencyIntent', samples: ['call nine one one'] },
    { name: 'ReportIntent', slots: [{ name: 'text', type: 'AMAZON.SearchQuery' }], samples: ['I think {text}'] },
    { name: 'AMAZON.StopIntent', samples: [] },
    { name: 'AMAZON.YesIntent', samples: [] },
    { name: 'AMAZON.RepeatIntent', samples: [] },
    { name: 'AMAZON.FallbackIntent', samples: [] },
  ],
  types: [
    { name: 'TOPIC', values: [{ id: 'section.risks', name: { value: 'the risks', synonyms: ['the dangers'] } }] },
  ],
};

const hearing = new Hearing(model, languageSourceFor('en-US').speech, 'en');

describe('1. words as speech recognition delivers them', () => {
  it('turns digits into words, hyphens into spaces, curly apostrophes straight, and drops hesitations', () => {
    expect(hearing.delivered('Um, call 911')).toBe('call nine one one');
    expect(hearing.delivered('what’s x-ray')).toBe("what's x ray");
    expect(hearing.hear('uh call 911').intent).toBe('EmergencyIntent');
  });

  it('ignores case', () => {
    expect(hearing.hear('What Are The Risks').intent).toBe('RisksIntent');
  });
});

describe('2. custom slot types are open', () => {
  it('resolves a listed synonym with its id', () => {
    expect(hearing.hear('tell me about the dangers').slots.topic).toEqual({
      value: 'the dangers',
      id: 'section.risks',
      type: 'TOPIC',
    });
  });

  it('captures an unlisted value without an id (ER_SUCCESS_NO_MATCH)', () => {
    expect(hearing.hear('tell me about the cement').slots.topic).toEqual({ value: 'the cement', type: 'TOPIC' });
  });
});

describe('3. AMAZON.SearchQuery', () => {
  it('captures any words behind its literal carrier', () => {
    const heard = hearing.hear('I think my legs feel funny');
    expect(heard.intent).toBe('ReportIntent');
    expect(heard.slots.text.value).toBe('my legs feel funny');
  });

  it('needs its carrier words', () => {
    expect(hearing.hear('my legs feel funny').intent).toBe(FALLBACK);
  });
});

describe('4. built-in intents know their common phrases', () => {
  it.each([
    ['quit', 'AMAZON.StopIntent'],
    ['exit', 'AMAZON.StopIntent'],
    ['yeah', 'AMAZON.YesIntent'],
    ['say that again', 'AMAZON.RepeatIntent'],
  ])('"%s" is %s without a sample in the model', (utterance, intent) => {
    expect(hearing.hear(utterance).intent).toBe(intent);
  });
});

describe('5. the most specific sample wins', () => {
  it('more literal words beat more slot words', () => {
    expect(hearing.hear('tell me the risks').intent).toBe('RisksIntent');
  });

  it('a listed slot value beats an unlisted reading of the same words', () => {
    const heard = hearing.hear('tell me about the risks');
    expect(heard.intent).toBe('TopicIntent');
    expect(heard.slots.topic.id).toBe('section.risks');
  });

  it('words that match nothing go to the fallback', () => {
    expect(hearing.hear('purple monkey dishwasher')).toEqual({ intent: FALLBACK, slots: {} });
  });
});

describe('isSample', () => {
  it('counts a verbatim sample and one with listed slot values, but not an unlisted one', () => {
    expect(hearing.isSample('what are the risks')).toBe(true);
    expect(hearing.isSample('tell me about the dangers')).toBe(true);
    expect(hearing.isSample('tell me about the cement')).toBe(false);
  });
});

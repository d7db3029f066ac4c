/** The listening-first conversation: navigation, repeat, menu, tour, speech rate, fallback and transcript. */
import en from '../../content/en/translation.json';
import { sectionOrder } from '../../lambda/src/content';
import { languages } from '../../tools/content';
import { RATES } from '../../lambda/src/speech/rate';
import { intentRequest, invoke, launchRequest, repromptOf, speechOf } from '../helpers/envelopes';
import { spokenText } from '../helpers/speech';
import { silenceLogs, talk } from '../helpers/talk';

silenceLogs();

function last<T>(items: T[]): T {
  return items[items.length - 1];
}

describe('navigation', () => {
  it('"next" and "go back" move through the sections in order', async () => {
    const turns = await talk('what is it', 'next', 'next', 'go back', 'previous');
    expect(turns.map((turn) => turn.topic)).toEqual(['what', 'prep', 'process', 'prep', 'what']);
  });

  it('"next" with no topic yet starts at the first, and says so', async () => {
    const [turn] = await talk('next');
    expect(turn.topic).toBe(sectionOrder[0]);
    expect(turn.speech).toContain(en.navigation.nothingYet);
  });

  it('"go back" at the first section says it is the first', async () => {
    const turns = await talk('what is it', 'go back');
    expect(last(turns).speech).toContain(en.navigation.first);
    expect(last(turns).topic).toBe('what');
  });

  it('"next" after the last section says so and offers the menu', async () => {
    const turns = await talk('what happens after the procedure', 'next');
    expect(last(turns).speech).toContain(en.navigation.last);
    expect(last(turns).topic).toBe('menu');
  });

  it('"start over" goes back to the first section', async () => {
    const turns = await talk('what are the risks', 'start over');
    expect(last(turns).topic).toBe(sectionOrder[0]);
  });
});

describe('going on through a section', () => {
  it.each(sectionOrder)('in %s, only the part before the last asks to go on to the last part', async (section) => {
    const parts = languages.en.sections[section].parts.length;
    const asked = await Promise.all(
      Array.from({ length: parts - 1 }, async (_, part) =>
        spokenText(
          speechOf(
            await invoke(intentRequest('AMAZON.YesIntent'), {
              attributes: { topic: section, offer: { kind: 'part', section, part } },
              newSession: false,
            }),
          ),
        ),
      ),
    );
    expect(asked.length).toBeGreaterThan(1);
    asked.forEach((speech, part) => {
      const expected = part + 2 === parts ? en.section.goOnLast : en.section.goOn;
      expect(speech.endsWith(expected)).toBe(true);
    });
  });
});

describe('repeat', () => {
  it('replays the last response word for word', async () => {
    const turns = await talk('how do I prepare', 'yes', 'say that again');
    expect(turns[2].ssml).toBe(turns[1].ssml);
    expect(turns[2].topic).toBe('prep');
  });

  it('replays a definition, then "yes" still carries on where we were', async () => {
    const turns = await talk('what is it', 'yes', 'what does osteoporosis mean', 'repeat', 'yes');
    expect(turns[3].speech).toBe(turns[2].speech);
    expect(last(turns).speech).toContain(en.sections.what.parts[1].slice(0, 30));
  });

  it('with nothing said yet, says so and asks', async () => {
    const response = await invoke(intentRequest('AMAZON.RepeatIntent'));
    expect(spokenText(speechOf(response))).toContain(en.repeat.nothing);
  });

  it('replays the emergency answer when the session is still open', async () => {
    const response = await invoke(intentRequest('AMAZON.RepeatIntent'), { attributes: { said: 'emergency' } });
    expect(spokenText(speechOf(response)).startsWith('Call 911 now.')).toBe(true);
  });
});

describe('menu and tour', () => {
  it('lists the sections three at a time, and "yes" gives the others', async () => {
    const turns = await talk('what can I ask', 'yes');
    expect(turns[0].speech).toContain('what it is, how to get ready, and what happens on the day');
    expect(turns[0].speech).not.toContain('the risks');
    expect(turns[1].speech).toContain('the risks');
    expect(turns[1].speech.endsWith('Which would you like?')).toBe(true);
  });

  it('"tell me everything" reads every summary and part in order, pausing to ask after each', async () => {
    const pieces = sectionOrder.flatMap((section) => {
      const content = languages.en.sections[section];
      return [content.summary, ...content.parts];
    });
    const yeses = Array.from({ length: pieces.length - 1 }, () => 'yes');
    const turns = await talk('tell me everything', ...yeses);
    expect(turns).toHaveLength(pieces.length);
    turns.forEach((turn, index) => {
      expect(turn.speech).toContain(pieces[index].replace('{{number}}', '911').slice(0, 40));
      expect(turn.endSession).toBe(false);
    });
    turns.slice(0, -1).forEach((turn) => expect(turn.speech.endsWith(en.tour.goOn)).toBe(true));
    expect(last(turns).speech.endsWith(en.tour.done)).toBe(true);
  });

  it('"no" during the tour stops it and asks what else', async () => {
    const turns = await talk('tell me everything', 'no', 'yes');
    expect(turns[1].speech).toContain(en.no.question);
    expect(turns[2].speech).toContain(en.yesNothing.text);
  });
});

describe('speech rate', () => {
  function rateOf(ssml: string): number {
    const match = /<prosody rate="(\d+)%">/.exec(ssml);
    return match === null ? 100 : Number(match[1]);
  }

  const normal = RATES.indexOf(100);
  const slower = RATES.slice(0, normal).reverse();
  const faster = RATES.slice(normal + 1);

  it('steps down to the slowest, confirms at the new rate, and says when it cannot go further', async () => {
    const turns = await talk(...slower.map(() => 'speak slower'), 'slower please');
    expect(turns.map((turn) => rateOf(turn.ssml))).toEqual([...slower, RATES[0]]);
    expect(turns.every((turn) => turn.topic === 'rate')).toBe(true);
    expect(last(turns).speech).toContain(en.rate.slowest);
  });

  it('steps up to the fastest, and "normal speed" resets', async () => {
    const turns = await talk(...faster.map(() => 'speak faster'), 'speak faster', 'normal speed');
    expect(turns.map((turn) => rateOf(turn.ssml))).toEqual([...faster, RATES[RATES.length - 1], 100]);
    expect(turns[faster.length].speech).toContain(en.rate.fastest);
  });

  it('applies the rate to every later response and its reprompt', async () => {
    const response = await invoke(intentRequest('RisksIntent'), { attributes: { rate: 90 } });
    expect(rateOf(speechOf(response))).toBe(90);
    expect(rateOf(repromptOf(response))).toBe(90);
  });

  it("runs from a modestly slower rate, not below 80%, to 200% for screen-reader users, inside Alexa's limits", () => {
    expect(RATES[0]).toBe(80);
    expect(RATES[RATES.length - 1]).toBe(200);
    expect(RATES).toContain(100);
  });

  it('keeps an offer pending across a rate change', async () => {
    const turns = await talk('what is it', 'speak slower', 'yes');
    expect(turns[1].speech.endsWith(en.rate.carryOn)).toBe(true);
    expect(last(turns).speech).toContain(en.sections.what.parts[0].slice(0, 30));
  });
});

describe('yes, no, and misses', () => {
  it('"yes" with nothing offered gets a helpful answer', async () => {
    const [turn] = await talk('yes');
    expect(turn.speech).toContain(en.yesNothing.text);
    expect(turn.endSession).toBe(false);
  });

  it('after two misses in a row, fallback offers the three main choices, and one of them works', async () => {
    const turns = await talk('purple monkey', 'green elephant', 'the risks');
    expect(turns[0].speech).toContain(en.fallback.sorry.slice(0, 20));
    expect(turns[1].speech).toContain(en.fallback.choices);
    expect(turns[2].topic).toBe('risks');
  });

  it('a good answer between misses resets the count', async () => {
    const turns = await talk('purple monkey', 'what is it', 'green elephant');
    expect(last(turns).speech).toContain(en.fallback.sorry.slice(0, 20));
  });
});

describe('facts and glossary', () => {
  it.each([
    ['how long does it take', 'process', 'within an hour'],
    ['can I eat before', 'prep', 'must not eat or drink'],
    ['how long does the cement take to harden', 'process', 'about 20 minutes'],
    ['will I be awake', 'process', 'awake'],
    ['will I go home the same day', 'what', 'same day'],
    ['how often do new fractures happen', 'risks', '10 percent'],
    ['is it safe', 'risks', 'safe'],
  ])('"%s" gets a short fact (topic %s) and an offer of more', async (utterance, topic, words) => {
    const [turn] = await talk(utterance);
    expect(turn.topic).toBe(topic);
    expect(turn.speech).toContain(words);
    expect(turn.speech.endsWith('?')).toBe(true);
  });

  it.each([
    ['what does vertebrae mean', 'vertebrae'],
    ['what is a compression fracture', 'compressionFracture'],
    ['what is osteoporosis', 'osteoporosis'],
    ['what is bone cement', 'boneCement'],
    ['what is sedation', 'sedation'],
    ['what is a local anesthetic', 'localAnesthetic'],
    ['what does prone mean', 'prone'],
    ['what is imaging guidance', 'imagingGuidance'],
    ['what is an MRI', 'mri'],
    ['what is a CT scan', 'ctScan'],
  ])('"%s" is defined', async (utterance, term) => {
    const [turn] = await talk(utterance);
    expect(turn.topic).toBe('glossary');
    expect(turn.speech).toContain(languages.en.glossary[term].definition.slice(0, 30));
  });

  it('the definitions of hard words carry a pronunciation', async () => {
    const [turn] = await talk('what does vertebrae mean');
    expect(turn.ssml).toContain("<phoneme alphabet='ipa' ph='ˈvɝtəbɹeɪ'>Vertebrae</phoneme>");
  });
});

describe('transcript', () => {
  it('every content response carries a card with the same words', async () => {
    const response = await invoke(intentRequest('ProcedureIntent'));
    const card = response.response.card;
    expect(card?.type).toBe('Simple');
    const content = card?.type === 'Simple' ? (card.content ?? '') : '';
    expect(content.replace(/\s+/g, ' ')).toBe(spokenText(speechOf(response)));
  });

  it('a device with a screen gets the transcript as an APL document, and one without gets none', async () => {
    const screen = await invoke(launchRequest(), { apl: true });
    const directive = screen.response.directives?.[0];
    expect(directive?.type).toBe('Alexa.Presentation.APL.RenderDocument');
    const data = JSON.stringify(directive);
    expect(data).toContain(en.welcome.greeting);
    const speaker = await invoke(launchRequest(), { apl: false });
    expect(speaker.response.directives ?? []).toEqual([]);
  });

  it('the emergency answer shows the number in large text on a screen', async () => {
    const response = await invoke(intentRequest('EmergencyIntent'), { apl: true });
    expect(JSON.stringify(response.response.directives)).toContain('Emergency: call 911');
  });
});

describe('pauses follow the rate', () => {
  it('a slower rate lengthens the pause before the question, a faster one shortens it', async () => {
    const pauseOf = (ssml: string): number => Number(/<break time='(\d+)ms'\/>/.exec(ssml)?.[1]);
    const normal = await invoke(intentRequest('RisksIntent'));
    const slow = await invoke(intentRequest('RisksIntent'), { attributes: { rate: RATES[0] } });
    const fast = await invoke(intentRequest('RisksIntent'), { attributes: { rate: RATES[RATES.length - 1] } });
    expect(pauseOf(speechOf(slow))).toBeGreaterThan(pauseOf(speechOf(normal)));
    expect(pauseOf(speechOf(fast))).toBeLessThan(pauseOf(speechOf(normal)));
  });
});

/**
 * Issue 15's "Why", phrase by phrase: every phrase it quotes does what the listener meant, in every locale of each
 * language, heard through the simulator's ears against the generated model. Each case sets the scene as a listener
 * would reach it (an answer, then a miss; an offer; "anything else?"), says the phrase, and checks the meaning of
 * the answer: the move it made and what it spoke or kept, not merely that it answered.
 */
import { locales } from '../../lambda/src/content';
import { Conversation, type Turn } from '../../tools/conversation';
import { silenceLogs } from '../helpers/talk';

silenceLogs();

/** How each language says the scenes and the phrases. A locale takes its language's. */
interface Phrases {
  /** Asks what it is: the answer offers the rest of the section. */
  whatIsIt: string;
  /** Words the skill cannot make anything of. */
  miss: string;
  /** A mild symptom: the answer asks "anything else?". */
  mild: string;
  repair: string[];
  menu: string[];
  yes: string[];
  yesAfterMiss: string;
  no: string[];
  slower: string[];
  louder: string[];
}

const phrases: Record<string, Phrases> = {
  en: {
    whatIsIt: 'what is it',
    miss: 'purple monkey',
    mild: 'my back is a bit sore',
    repair: ['what was that', 'pardon', "I didn't catch that", 'say that again', 'again please'],
    menu: ['what else'],
    yes: ['yeah', 'yep', 'sure', 'ok'],
    yesAfterMiss: 'yes go on',
    no: ['no', 'no thanks', "that's all", 'nope', 'not now'],
    slower: ['slow down please', "you're going too fast for me"],
    louder: ['speak up'],
  },
  es: {
    whatIsIt: 'qué es',
    miss: 'trompeta de plátano',
    mild: 'me duele un poco la espalda',
    repair: ['qué dijo', 'perdón', 'no le entendí', 'repítalo', 'otra vez por favor'],
    menu: ['qué más'],
    yes: ['sí', 'claro', 'vale', 'bueno'],
    yesAfterMiss: 'sí siga',
    no: ['no', 'no gracias', 'nada más', 'ahora no'],
    slower: ['más despacio por favor', 'va muy rápido'],
    louder: ['más alto', 'no le oigo'],
  },
};

function phrasesFor(locale: string): Phrases {
  const found = phrases[locale.slice(0, 2)];
  if (found === undefined) throw new Error(`no phrases for ${locale}: add its language to this test`);
  return found;
}

async function scene(locale: string, ...utterances: string[]): Promise<Turn[]> {
  const conversation = new Conversation(locale);
  const turns: Turn[] = [];
  for (const utterance of utterances) turns.push(...(await conversation.say(utterance)));
  return turns.filter((turn) => turn.utterance !== null);
}

function lastOf(turns: Turn[]): Turn {
  const turn = turns[turns.length - 1];
  if (turn === undefined) throw new Error('no turns');
  return turn;
}

describe.each(locales)('in %s', (locale) => {
  const say = phrasesFor(locale);

  it.each(say.repair)('"%s" after a miss replays the answer that was missed, word for word', async (phrase) => {
    const [answer, miss, repair] = await scene(locale, say.whatIsIt, say.miss, phrase);
    expect(miss?.move).toBe('fallback');
    expect(repair?.move).toBe('repeat');
    expect(repair?.ssml).toBe(answer?.ssml);
  });

  it.each(say.menu)('"%s" after an answer lists the topics', async (phrase) => {
    expect(lastOf(await scene(locale, say.whatIsIt, phrase)).move).toBe('menu');
  });

  it.each(say.yes)('"%s" to "shall I go on?" goes on with the section', async (phrase) => {
    const turn = lastOf(await scene(locale, say.whatIsIt, phrase));
    expect(turn.move).toBe('yes');
    expect(turn.keys).toContain('sections.what.parts.0');
  });

  it(`"${say.yesAfterMiss}" after a miss still goes on: the miss kept the offer`, async () => {
    const [, miss, turn] = await scene(locale, say.whatIsIt, say.miss, say.yesAfterMiss);
    expect(miss?.endSession).toBe(false);
    expect(turn?.keys).toContain('sections.what.parts.0');
  });

  it.each(say.no)('"%s" to "anything else?" ends the session politely', async (phrase) => {
    const [mild, turn] = await scene(locale, say.mild, phrase);
    expect(mild?.move).toBe('symptom');
    expect(turn?.endSession).toBe(true);
    expect(turn?.speech).not.toBe('');
  });

  it.each([...say.yes, say.no[0] ?? 'no'])('"%s" with nothing pending gets a helpful question', async (phrase) => {
    const turn = lastOf(await scene(locale, phrase));
    expect(turn.endSession).toBe(false);
    expect(turn.speech.endsWith('?')).toBe(true);
  });

  it.each(say.slower)('"%s" slows the skill down one step', async (phrase) => {
    const turn = lastOf(await scene(locale, phrase));
    expect(turn.move).toBe('rate');
    expect(turn.ssml).toContain('rate="90%"');
  });

  it.each(say.louder)('"%s" makes the skill louder by one step', async (phrase) => {
    const turn = lastOf(await scene(locale, phrase));
    expect(turn.move).toBe('volume');
    expect(turn.ssml).toContain('volume="loud"');
  });
});

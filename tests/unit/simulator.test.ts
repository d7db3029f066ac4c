/** The simulator: utterances resolved against the real model, answered by the real handler. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { setLogSink } from '../../lambda/src/log';
import { Conversation, type Turn } from '../../tools/conversation';

process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';

let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(() => undefined);
});
afterAll(() => restoreLogs());

async function answer(utterance: string): Promise<Turn> {
  const conversation = new Conversation('en-US');
  const turns = await conversation.say(utterance);
  return turns[turns.length - 1];
}

describe('emergencies in the words of the issue', () => {
  it.each([
    "I can't feel my legs",
    'my chest hurts',
    "I can't breathe",
    "I'm bleeding a lot",
    'call an ambulance',
    'this is an emergency',
  ])('"%s" is told to call 911 first, and the session ends', async (utterance) => {
    const turn = await answer(utterance);
    expect(turn.topic).toBe('emergency');
    expect(turn.speech.startsWith('Call 911 now.')).toBe(true);
    expect(turn.speech).toContain("I can't make the call for you");
    expect(turn.endSession).toBe(true);
  });
});

describe('questions that mention danger are not emergencies', () => {
  it.each([
    ['what are the risks of bleeding', 'risks'],
    ['can the needle damage my nerves', 'risks'],
    ['what happens if the cement leaks', 'risks'],
    ['is it safe', 'risks'],
  ])('"%s" is answered (topic %s)', async (utterance, topic) => {
    const turn = await answer(utterance);
    expect(turn.topic).toBe(topic);
    expect(turn.endSession).toBe(false);
  });
});

describe('utterance resolution', () => {
  it('"tell me about the risks" reaches the risks, not a relaunch', async () => {
    const turn = await answer('tell me about the risks');
    expect(['RisksIntent', 'TopicIntent']).toContain(turn.intent);
    expect(turn.topic).toBe('risks');
    expect(turn.move).toBe('section');
  });

  it('words the guide cannot use get the fallback answer, whichever open slot heard them', async () => {
    const turn = await answer('purple monkey dishwasher');
    expect(turn.topic).toBe('fallback');
    expect(turn.topic).toBe('fallback');
  });

  it('a turn after the session ended relaunches first', async () => {
    const conversation = new Conversation('en-US');
    await conversation.say('call an ambulance');
    const turns = await conversation.say('what is it');
    expect(turns.map((turn) => turn.intent)).toEqual(['LaunchRequest', 'WhatIsIntent']);
  });
});

describe('npm run simulate -- --json', () => {
  const simulator = join(__dirname, '..', '..', 'build', 'simulator.js');

  function run(...args: string[]): Record<string, unknown>[] {
    const out = execFileSync(process.execPath, [simulator, '--json', ...args], { encoding: 'utf8' });
    return out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  }

  it('prints one object per response, the launch included, with every field', () => {
    const lines = run('what is it', 'what are the risks');
    expect(lines).toHaveLength(3);
    expect(lines[0].utterance).toBeNull();
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual([
        'endSession',
        'intent',
        'keys',
        'move',
        'reprompt',
        'speech',
        'ssml',
        'topic',
        'utterance',
      ]);
    }
    expect(lines.map((line) => line.topic)).toEqual(['welcome', 'what', 'risks']);
    expect(lines.map((line) => line.move)).toEqual(['welcome', 'section', 'section']);
    expect(String(lines[1].ssml).startsWith('<speak>')).toBe(true);
    expect(String(lines[1].speech)).not.toContain('<');
  });

  it('with --fresh, each turn gets a session of its own', () => {
    const lines = run('--fresh', 'what is it', 'what are the risks');
    expect(lines.map((line) => line.intent)).toEqual(['LaunchRequest', 'WhatIsIntent', 'LaunchRequest', 'RisksIntent']);
  });
});

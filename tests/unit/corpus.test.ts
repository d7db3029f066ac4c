/**
 * The emergency corpus and the ordinary-question corpus, run through the simulator (the real model and
 * the real handler). Prints recall and false alarms. Recall must be 100%, false alarms 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setLogSink } from '../../lambda/src/log';
import { Conversation, type Turn } from '../../tools/conversation';

process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';

function corpus(name: string): string[] {
  return readFileSync(join(__dirname, '..', 'corpus', name), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

const emergencies = corpus('emergencies.txt');
const questions = corpus('questions.txt');

async function answer(utterance: string): Promise<Turn> {
  const turns = await new Conversation('en-US').say(utterance);
  return turns[turns.length - 1];
}

let restoreLogs: () => void;
beforeAll(() => {
  restoreLogs = setLogSink(() => undefined);
});
afterAll(() => restoreLogs());

describe('emergency corpus', () => {
  it('has at least 150 emergency reports and 60 ordinary questions', () => {
    expect(emergencies.length).toBeGreaterThanOrEqual(150);
    expect(questions.length).toBeGreaterThanOrEqual(60);
  });

  it('recognises every emergency (recall 100%) and raises no false alarm on the questions', async () => {
    const missed: string[] = [];
    for (const utterance of emergencies) {
      const turn = await answer(utterance);
      if (turn.topic !== 'emergency' || !turn.endSession) missed.push(`${utterance} → ${turn.intent}/${turn.topic}`);
    }
    const alarms: string[] = [];
    const misrouted: string[] = [];
    for (const utterance of questions) {
      const turn = await answer(utterance);
      if (turn.topic === 'emergency') alarms.push(`${utterance} → ${turn.intent}`);
      else if (turn.topic === 'symptom' || turn.topic === 'fallback') misrouted.push(`${utterance} → ${turn.intent}/${turn.topic}`);
    }
    const recall = ((emergencies.length - missed.length) / emergencies.length) * 100;
    console.log(
      `emergency corpus: recall ${recall.toFixed(1)}% (${emergencies.length - missed.length}/${emergencies.length}); ` +
        `false alarms ${alarms.length}/${questions.length}; questions misrouted to symptom or fallback ${misrouted.length}`,
    );
    expect(missed).toEqual([]);
    expect(alarms).toEqual([]);
    expect(misrouted).toEqual([]);
  });
});

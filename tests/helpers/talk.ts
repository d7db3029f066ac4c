/** Shared set-up for tests that talk to the skill through the simulator. */
import { setLogSink } from '../../lambda/src/log';
import { Conversation, type Turn } from '../../tools/conversation';

process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';

/** Drops the skill's log lines for the tests in this file. */
export function silenceLogs(): void {
  let restore: () => void;
  beforeAll(() => {
    restore = setLogSink(() => undefined);
  });
  afterAll(() => restore());
}

/** Says each utterance in one session (relaunching if one ends), and returns the turns after the launches. */
export async function talk(...utterances: string[]): Promise<Turn[]> {
  const conversation = new Conversation('en-US');
  const turns: Turn[] = [];
  for (const utterance of utterances) turns.push(...(await conversation.say(utterance)));
  return turns.filter((turn) => turn.utterance !== null);
}

import { goodbye } from '../replies';
import { isIntentOf } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

const STOP_INTENTS: ReadonlySet<string> = new Set([
  'AMAZON.StopIntent',
  'AMAZON.CancelIntent',
  'AMAZON.NavigateHomeIntent',
]);

/** Stop, cancel and "go home" all end the conversation kindly. */
export const StopHandler: MoveHandler = {
  canHandle: (input) => isIntentOf(input, STOP_INTENTS),
  handle: (input) => respond(input, goodbye()),
};

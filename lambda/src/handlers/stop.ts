import { goodbye } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

/** Stop, cancel and "go home" all end the conversation kindly. */
export const StopHandler: MoveHandler = {
  canHandle: (input) => isIntent(input, 'AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.NavigateHomeIntent'),
  handle: (input) => respond(input, goodbye()),
};

import type { RequestHandler } from 'ask-sdk-core';
import { goodbye } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';

/** Stop, cancel and "go home" all end the conversation kindly. */
export const StopHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, 'AMAZON.StopIntent', 'AMAZON.CancelIntent', 'AMAZON.NavigateHomeIntent'),
  handle: (input) => respond(input, goodbye()),
};

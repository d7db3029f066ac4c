import type { RequestHandler } from 'ask-sdk-core';
import { declined } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';

export const NoHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, 'AMAZON.NoIntent'),
  handle: (input) => respond(input, declined()),
};

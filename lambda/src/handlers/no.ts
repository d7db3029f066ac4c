import type { RequestHandler } from 'ask-sdk-core';
import { declined, goodbye } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';
import { readState } from '../state';

/** "No" to "is there anything else?" ends the session kindly; any other "no" says what else there is. */
export const NoHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, 'AMAZON.NoIntent'),
  handle: (input) => respond(input, readState(input).offer?.kind === 'anythingElse' ? { ...goodbye(), move: 'no' } : declined()),
};

import type { RequestHandler } from 'ask-sdk-core';
import { fallback } from '../replies';
import { isType } from '../requests';
import { respond } from '../speech/respond';
import { readState } from '../state';

/** AMAZON.FallbackIntent, and any intent this version of the skill does not know. */
export const FallbackHandler: RequestHandler = {
  canHandle: (input) => isType(input, 'IntentRequest'),
  handle: (input) => respond(input, fallback(readState(input).misses)),
};

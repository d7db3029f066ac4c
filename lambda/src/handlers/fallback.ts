import type { RequestHandler } from 'ask-sdk-core';
import { fallback } from '../replies';
import { isType } from '../requests';
import { respond } from '../speech/respond';
import { context } from '../context';

/** AMAZON.FallbackIntent, and any intent this version of the skill does not know. A pending offer is kept. */
export const FallbackHandler: RequestHandler = {
  canHandle: (input) => isType(input, 'IntentRequest'),
  handle: (input) => {
    const { misses, offer } = context(input).session;
    return respond(input, fallback(misses, offer));
  },
};

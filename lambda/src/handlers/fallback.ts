import { fallback } from '../replies';
import { isType } from '../requests';
import { respond } from '../speech/respond';
import { context } from '../context';
import type { MoveHandler } from './dispatch';

/** AMAZON.FallbackIntent, and any intent this version of the skill does not know. A pending offer is kept. */
export const FallbackHandler: MoveHandler = {
  canHandle: (input) => isType(input, 'IntentRequest'),
  handle: (input) => {
    const { misses, offer } = context(input).session;
    return respond(input, fallback(misses, offer));
  },
};

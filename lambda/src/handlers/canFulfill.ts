import { isType } from '../requests';
import type { MoveHandler } from './dispatch';

/**
 * Name-free interaction asks whether we could handle an intent without being opened by name. The skill
 * does not offer that (a health guide should be opened on purpose), so the honest answer is no.
 */
export const CanFulfillHandler: MoveHandler = {
  canHandle: (input) => isType(input, 'CanFulfillIntentRequest'),
  handle: (input) => input.responseBuilder.withCanFulfillIntent({ canFulfill: 'NO' }).getResponse(),
};

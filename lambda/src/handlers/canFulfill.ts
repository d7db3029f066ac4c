import type { RequestHandler } from 'ask-sdk-core';
import { isType } from '../requests';

/**
 * Name-free interaction asks whether we could handle an intent without being opened by name. The skill
 * does not offer that (a health guide should be opened on purpose), so the honest answer is no.
 */
export const CanFulfillHandler: RequestHandler = {
  canHandle: (input) => isType(input, 'CanFulfillIntentRequest'),
  handle: (input) => input.responseBuilder.withCanFulfillIntent({ canFulfill: 'NO' }).getResponse(),
};

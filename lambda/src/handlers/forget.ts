import type { RequestHandler } from 'ask-sdk-core';
import { context } from '../context';
import { forgotten } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';

/** "Forget my settings": deletes everything stored for this listener, and says so. */
export const ForgetHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, 'ForgetSettingsIntent'),
  handle: async (input) => respond(input, forgotten(await context(input).forgetStoredSettings())),
};

import { context } from '../context';
import { forgotten } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

/** "Forget my settings": deletes everything stored for this listener, and says so. */
export const ForgetHandler: MoveHandler = {
  canHandle: (input) => isIntent(input, 'ForgetSettingsIntent'),
  handle: async (input) => respond(input, forgotten(await context(input).forgetStoredSettings())),
};

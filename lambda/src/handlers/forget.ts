import type { RequestHandler } from 'ask-sdk-core';
import { DELETE_BUDGET_MS, withinBudget } from '../interceptors/preferences';
import { errorName, log } from '../log';
import { defaultPreferences, toStored, today } from '../preferences';
import { forgotten } from '../replies';
import { isIntent, localeOf } from '../requests';
import { respond } from '../speech/respond';
import { updateState } from '../state';

/** "Forget my settings": deletes everything stored for this listener, and says so. */
export const ForgetHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, 'ForgetSettingsIntent'),
  handle: async (input) => {
    try {
      await withinBudget(input.attributesManager.deletePersistentAttributes?.() ?? Promise.resolve(), DELETE_BUDGET_MS);
    } catch (error) {
      log('warn', { event: 'preferences_delete_failed', error: errorName(error), locale: localeOf(input) });
      return respond(input, forgotten(false));
    }
    // The session starts again from defaults. Marking them as saved means nothing is written back
    // this turn; a setting changed later in the session is saved as new.
    const fresh = { ...defaultPreferences, lastVisit: today() };
    updateState(input, {
      rate: fresh.rate,
      volume: undefined,
      place: undefined,
      returning: undefined,
      disclaimerHeard: false,
      visitedBefore: false,
      preferences: 'loaded',
      saved: toStored(fresh),
    });
    return respond(input, forgotten(true));
  },
};

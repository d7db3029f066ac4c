/**
 * Loads a listener's preferences once per session, within a time budget, and saves them after the
 * response is built when they changed. Storage that is slow, down, throttled, missing or corrupt
 * costs the listener nothing but their saved settings for this session: the skill answers with
 * defaults and logs one redacted warning. A session whose load failed never saves, so a stored rate
 * is not overwritten with the default. The emergency answer skips both steps entirely.
 */
import type { HandlerInput, RequestInterceptor, ResponseInterceptor } from 'ask-sdk-core';
import { isEmergency } from '../emergency/detect';
import { errorName, log } from '../log';
import { isCorrupt, parsePreferences, toStored, today, type Preferences } from '../preferences';
import { localeOf } from '../requests';
import { normalRate } from '../speech/rate';
import { readState, updateState } from '../state';

const LOAD_BUDGET_MS = 300;
const SAVE_BUDGET_MS = 1000;
/** Deleting, for "forget my settings", gets the same budget as saving. */
export const DELETE_BUDGET_MS = SAVE_BUDGET_MS;

class StorageTimeout extends Error {
  override name = 'StorageTimeout';
}

/** Stored preferences this version cannot read. Treated like a failed load, so they are not overwritten. */
class CorruptPreferences extends Error {
  override name = 'CorruptPreferences';
}

export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageTimeout()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const LOADED = 'loaded';
const FAILED = 'failed';

function skip(input: HandlerInput): boolean {
  return isEmergency(input) || input.requestEnvelope?.session === undefined;
}

export const PreferencesLoader: RequestInterceptor = {
  process: async (input) => {
    if (skip(input)) return;
    const { preferences: status } = readState(input);
    if (status !== undefined) return;
    try {
      const stored = await withinBudget(input.attributesManager.getPersistentAttributes(), LOAD_BUDGET_MS);
      if (isCorrupt(stored)) throw new CorruptPreferences();
      const preferences = parsePreferences(stored);
      updateState(input, {
        preferences: LOADED,
        saved: toStored(preferences),
        rate: readState(input).rate ?? preferences.rate,
        volume: readState(input).volume ?? preferences.volume,
        returning: preferences.last,
        disclaimerHeard: preferences.fullDisclaimerHeard,
        visitedBefore: preferences.lastVisit !== undefined,
      });
    } catch (error) {
      log('warn', { event: 'preferences_load_failed', error: errorName(error), locale: localeOf(input) });
      updateState(input, { preferences: FAILED });
    }
  },
};

/** What the session now says the preferences are. */
function current(input: HandlerInput): Preferences {
  const state = readState(input);
  const preferences: Preferences = { rate: normalRate(state.rate), fullDisclaimerHeard: state.disclaimerHeard, lastVisit: today() };
  if (state.volume !== undefined) preferences.volume = state.volume;
  const last = state.place ?? state.returning;
  if (last !== undefined) preferences.last = last;
  return preferences;
}

export const PreferencesSaver: ResponseInterceptor = {
  process: async (input) => {
    if (skip(input)) return;
    const state = readState(input);
    if (state.preferences !== LOADED) return;
    const next = toStored(current(input));
    if (JSON.stringify(next) === JSON.stringify(state.saved)) return;
    try {
      input.attributesManager.setPersistentAttributes({ ...next });
      await withinBudget(input.attributesManager.savePersistentAttributes(), SAVE_BUDGET_MS);
      updateState(input, { saved: next });
    } catch (error) {
      log('warn', { event: 'preferences_save_failed', error: errorName(error), locale: localeOf(input) });
    }
  },
};

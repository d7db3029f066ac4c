/**
 * Loads a listener's preferences once per session, within a time budget, and saves them after the
 * response is built when they changed. Storage that is slow, down, throttled, missing or corrupt
 * costs the listener nothing but their saved settings for this session: the skill answers with
 * defaults and logs one redacted warning. A session whose load failed never saves, so a stored rate
 * is not overwritten with the default. The emergency answer skips both steps entirely.
 */
import type { HandlerInput, RequestInterceptor, ResponseInterceptor } from 'ask-sdk-core';
import { context, type RequestContext } from '../context';
import { isEmergency } from '../emergency/detect';
import { errorName, log } from '../log';
import {
  isCorrupt,
  parsePreferences,
  storedText,
  toStored,
  today,
  type Preferences,
  type StoredPreferences,
} from '../preferences';
import { localeOf } from '../requests';
import { LOAD_BUDGET_MS, SAVE_BUDGET_MS, withinBudget } from '../persistence/budget';
import { normalRate } from '../speech/rate';

/** Stored preferences this version cannot read. Treated like a failed load, so they are not overwritten. */
class CorruptPreferences extends Error {
  override name = 'CorruptPreferences';
}

function skip(input: HandlerInput): boolean {
  return isEmergency(input) || input.requestEnvelope?.session === undefined;
}

async function load(input: HandlerInput, request: RequestContext): Promise<void> {
  try {
    const stored = await withinBudget(input.attributesManager.getPersistentAttributes(), LOAD_BUDGET_MS);
    const preferences = parsePreferences(stored);
    const read = toStored(preferences);
    if (isCorrupt(stored, read)) throw new CorruptPreferences();
    const { settings } = request;
    request.update({
      session: {
        returning: preferences.last,
        disclaimerHeard: preferences.fullDisclaimerHeard,
        visitedBefore: preferences.lastVisit !== undefined,
      },
      settings: { rate: settings.rate ?? preferences.rate, volume: settings.volume ?? preferences.volume },
      store: { status: 'loaded', saved: storedText(read) },
    });
  } catch (error) {
    log('warn', { event: 'preferences_load_failed', error: errorName(error), locale: localeOf(input) });
    request.update({ store: { status: 'failed' } });
  }
}

/** Loads once a session: a promise only when it goes to the store, so that other turns do not wait for nothing. */
export const PreferencesLoader: RequestInterceptor = {
  process: (input) => {
    if (skip(input)) return undefined;
    const request = context(input);
    if (request.store.status !== undefined) return undefined;
    return load(input, request);
  },
};

/** What the session now says the preferences are. */
function current({ session, settings }: RequestContext): Preferences {
  const preferences: Preferences = {
    rate: normalRate(settings.rate),
    fullDisclaimerHeard: session.disclaimerHeard,
    lastVisit: today(),
  };
  if (settings.volume !== undefined) preferences.volume = settings.volume;
  const last = session.place ?? session.returning;
  if (last !== undefined) preferences.last = last;
  return preferences;
}

/** Writes the preferences, within the store's budget; a failure is logged, never thrown. Without async: one promise less. */
function save(input: HandlerInput, request: RequestContext, next: StoredPreferences, text: string): Promise<void> {
  const failed = (error: unknown): void => {
    log('warn', { event: 'preferences_save_failed', error: errorName(error), locale: localeOf(input) });
  };
  let saving: Promise<void>;
  try {
    input.attributesManager.setPersistentAttributes(next);
    saving = withinBudget(input.attributesManager.savePersistentAttributes(), SAVE_BUDGET_MS);
  } catch (error) {
    failed(error);
    return Promise.resolve();
  }
  return saving.then(() => {
    try {
      request.update({ store: { saved: text } });
    } catch (error) {
      failed(error);
    }
  }, failed);
}

/** Saves what changed: a promise only when there is something to write. */
export const PreferencesSaver: ResponseInterceptor = {
  process: (input) => {
    if (skip(input)) return undefined;
    const request = context(input);
    if (request.store.status !== 'loaded') return undefined;
    const next = toStored(current(request));
    const text = storedText(next);
    if (text === request.store.saved) return undefined;
    return save(input, request, next, text);
  },
};

/**
 * What is remembered for a listener between sessions, and nothing else: the speech rate and volume, the last
 * section heard and how far into it, whether the full disclaimer has been heard, and the date of the
 * last visit. Nothing the listener said is ever part of it.
 */
import { itemCount, sectionOrder } from './content';
import { normalRate, NORMAL_RATE } from './speech/rate';
import { isVolume, NORMAL_VOLUME } from './speech/volume';
import type { Place } from './replies';
import { isRecord } from './json';

export interface Preferences {
  rate: number;
  /** The skill's own volume step; absent for the normal volume. */
  volume?: string;
  last?: Place;
  fullDisclaimerHeard: boolean;
  /** YYYY-MM-DD, in UTC. */
  lastVisit?: string;
}

export const defaultPreferences: Preferences = { rate: NORMAL_RATE, fullDisclaimerHeard: false };

/** The stored form: flat, versioned, and only these fields. */
export interface StoredPreferences {
  version: 1;
  rate: number;
  volume?: string;
  lastSection?: string;
  lastPart?: number;
  fullDisclaimerHeard: boolean;
  lastVisit?: string;
}

const knownFields = new Set([
  'version',
  'rate',
  'volume',
  'lastSection',
  'lastPart',
  'fullDisclaimerHeard',
  'lastVisit',
]);

/**
 * Whether stored data has anything in it that this version cannot read: a field it does not know, or
 * one that reading changes. Nothing stored is not corrupt. `read` is what reading gives, when the
 * caller has it already. Every stored field this version knows is a string, a number or a boolean, so
 * a field is compared as it is; an object or an array in one is never what reading gives.
 */
export function isCorrupt(stored: unknown, read: StoredPreferences = toStored(parsePreferences(stored))): boolean {
  if (!isRecord(stored)) return true;
  return Object.keys(stored).some((field) => !knownFields.has(field) || stored[field] !== Reflect.get(read, field));
}

/** Reads whatever was stored, keeping each field only if it is valid. Corrupt data gives defaults. */
export function parsePreferences(stored: unknown): Preferences {
  if (!isRecord(stored)) return { ...defaultPreferences };
  const preferences: Preferences = {
    rate: normalRate(typeof stored.rate === 'number' ? stored.rate : undefined),
    fullDisclaimerHeard: stored.fullDisclaimerHeard === true,
  };
  const { lastSection, lastPart, lastVisit, volume } = stored;
  if (isVolume(volume) && volume !== NORMAL_VOLUME) preferences.volume = volume;
  if (
    typeof lastSection === 'string' &&
    sectionOrder.includes(lastSection) &&
    typeof lastPart === 'number' &&
    Number.isInteger(lastPart) &&
    lastPart >= -1
  ) {
    preferences.last = { section: lastSection, part: lastPart };
  }
  if (typeof lastVisit === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(lastVisit)) preferences.lastVisit = lastVisit;
  return preferences;
}

export function toStored(preferences: Preferences): StoredPreferences {
  const stored: StoredPreferences = {
    version: 1,
    rate: preferences.rate,
    fullDisclaimerHeard: preferences.fullDisclaimerHeard,
  };
  if (preferences.volume !== undefined && preferences.volume !== NORMAL_VOLUME) stored.volume = preferences.volume;
  if (preferences.last !== undefined) {
    stored.lastSection = preferences.last.section;
    stored.lastPart = preferences.last.part;
  }
  if (preferences.lastVisit !== undefined) stored.lastVisit = preferences.lastVisit;
  return stored;
}

/**
 * The stored form as one short line, the session's note of what was last loaded or saved, so that
 * only a change is written. Every value is a number, a name or a date, without spaces, so the fields
 * are joined by spaces ("-" where there is none); no quotes, which JSON would escape each time ask-sdk
 * copies the session attributes.
 */
export function storedText(stored: StoredPreferences): string {
  const { version, rate, fullDisclaimerHeard, volume, lastSection, lastPart, lastVisit } = stored;
  return `${version} ${rate} ${fullDisclaimerHeard ? 1 : 0} ${volume ?? '-'} ${lastSection ?? '-'} ${lastPart ?? '-'} ${lastVisit ?? '-'}`;
}

/** Whether the listener stopped part-way through a section: before its last part. */
export function stoppedMidway(locale: string, place: Place | undefined): place is Place {
  if (place === undefined) return false;
  const parts = itemCount(locale, `sections.${place.section}.parts`);
  return place.part < parts - 1;
}

const DAY_MS = 86_400_000;

/** The last day worked out, so that a request does not format a date: every save compares it. */
let known = { day: Number.NaN, text: '' };

/** The UTC date (YYYY-MM-DD) of a time in milliseconds since the epoch; by default, now. */
export function today(now: number = Date.now()): string {
  const day = Math.floor(now / DAY_MS);
  if (day !== known.day) known = { day, text: new Date(day * DAY_MS).toISOString().slice(0, 10) };
  return known.text;
}

/**
 * The emergency number a listener should call, by Alexa locale. The table is data
 * (content/emergency-numbers.json, with a source for every entry), compiled in at build time, so
 * looking a number up depends on nothing that can fail.
 */
import table from '../../../content/emergency-numbers.json';

export interface EmergencyNumber {
  number: string;
  country: string;
  source: string;
  note?: string;
}

export const emergencyNumbers: Readonly<Record<string, EmergencyNumber>> = table.numbers;

/** Only a locale the table itself lists: "__proto__" or "toString" get the fallback, not a prototype's value. */
export function emergencyNumberFor(locale: string): string {
  const entry = Object.hasOwn(emergencyNumbers, locale)
    ? emergencyNumbers[locale]
    : emergencyNumbers[table.fallbackLocale];
  return entry.number;
}

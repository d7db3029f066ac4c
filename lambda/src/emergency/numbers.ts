/**
 * The emergency number a listener should call, by Alexa locale. Compiled in; depends on nothing.
 * Where a country also has a separate ambulance number, `note` says which number we speak and why.
 */
export interface EmergencyNumber {
  number: string;
  country: string;
  source: string;
  note?: string;
}

export const emergencyNumbers: Readonly<Record<string, EmergencyNumber>> = {
  'en-US': { number: '911', country: 'United States', source: 'US Federal Communications Commission, 911 and E911 services, https://www.fcc.gov/general/9-1-1-and-e9-1-1-services' },
};

/** The locale whose number we speak when a request carries a locale we do not know. */
export const fallbackLocale = 'en-US';

export function emergencyNumberFor(locale: string): string {
  return (emergencyNumbers[locale] ?? emergencyNumbers[fallbackLocale]).number;
}

/**
 * The emergency number a listener should call, by Alexa locale. Compiled in; depends on nothing.
 * Where a country also has a separate ambulance number, `note` says which number we speak and why.
 * `source` names the organisation, the page and its address as found when the entry was checked;
 * where no official page was found, it says so rather than naming one.
 */
export interface EmergencyNumber {
  number: string;
  country: string;
  source: string;
  note?: string;
}

export const emergencyNumbers: Readonly<Record<string, EmergencyNumber>> = {
  'en-US': {
    number: '911',
    country: 'United States',
    source:
      'US Federal Communications Commission, Consumer & Governmental Affairs Bureau, "What You Need To Know About Calling 911 From Your Wireless Phone", https://docs.fcc.gov/public/attachments/DOC-237653A2.txt',
  },
  'es-US': {
    number: '911',
    country: 'United States',
    source:
      'US Federal Communications Commission, Consumer & Governmental Affairs Bureau, "What You Need To Know About Calling 911 From Your Wireless Phone", https://docs.fcc.gov/public/attachments/DOC-237653A2.txt',
  },
  'en-CA': {
    number: '911',
    country: 'Canada',
    source:
      'Canadian Radio-television and Telecommunications Commission (CRTC), Telecom Regulatory Policy CRTC 2017-182, "Next-generation 9-1-1 – Modernizing 9-1-1 networks to meet the public safety needs of Canadians", https://crtc.gc.ca/eng/archive/2017/2017-182.htm',
  },
  'fr-CA': {
    number: '911',
    country: 'Canada',
    source:
      'Canadian Radio-television and Telecommunications Commission (CRTC), Telecom Regulatory Policy CRTC 2017-182, "Next-generation 9-1-1 – Modernizing 9-1-1 networks to meet the public safety needs of Canadians" (English version; the French page was not seen), https://crtc.gc.ca/eng/archive/2017/2017-182.htm',
  },
  'es-MX': {
    number: '911',
    country: 'Mexico',
    source:
      'Gobierno de México, Policía Federal (gob.mx), article on the 088 and 911 numbers ("el 911 como el único número nacional de atención a emergencias"), https://www.gob.mx/policiafederal/articulos/088-911-responder-ante-cualquier-llamado?idiom=es',
    note: '911 replaced the older numbers (066, 060, 065 Cruz Roja, 068) and reaches police, civil protection, fire and ambulance, so we speak 911.',
  },
  'en-GB': {
    number: '999',
    country: 'United Kingdom',
    source:
      'South Western Ambulance Service NHS Foundation Trust, "When to call 999", https://www.swast.nhs.uk/when-to-call-999',
    note: 'We speak 999, the number for life-threatening emergencies. NHS 111 is urgent advice, not an emergency line; 112 also reaches the 999 operators.',
  },
  'en-AU': {
    number: '000',
    country: 'Australia',
    source:
      'Australian Government, Triple Zero, "Using other emergency numbers", https://www.triplezero.gov.au/triple-zero/other-emergency-numbers',
    note: 'We speak Triple Zero (000), the primary number from any fixed or mobile phone. 112 is a secondary number that works only from most mobile phones, and 106 is the text relay service.',
  },
  'en-IN': {
    number: '112',
    country: 'India',
    source:
      'Vikaspedia (Government of India portal), "Emergency Response Support System", https://en.vikaspedia.in/social-welfare/women-and-child-development/emergency-response-support-system',
    note: 'We speak 112, the national single emergency number (ERSS), which reaches police, fire and health services. State ambulance numbers 108 (and 102 for mother-and-child transport) still exist, and 112 was rolled out state by state.',
  },
  'hi-IN': {
    number: '112',
    country: 'India',
    source:
      'Vikaspedia (Government of India portal), "Emergency Response Support System", https://en.vikaspedia.in/social-welfare/women-and-child-development/emergency-response-support-system',
    note: 'We speak 112, the national single emergency number (ERSS), which reaches police, fire and health services. State ambulance numbers 108 (and 102 for mother-and-child transport) still exist, and 112 was rolled out state by state.',
  },
  'de-DE': {
    number: '112',
    country: 'Germany',
    source:
      'Stadt Baden-Baden, Bürgerservice, "Feuerwehr und Polizei", http://www.baden-baden.de/buergerservice/notlagen/unfaelle/feuerwehr-und-polizei/; European Commission, "What are the EU actions on 112?", http://ec.europa.eu/information_society/activities/112/actions/index_en.htm',
    note: 'In Germany 112 is itself the number for fire and ambulance (110 is police), so we speak 112. 116117 is the non-urgent out-of-hours doctor service.',
  },
  'es-ES': {
    number: '112',
    country: 'Spain',
    source:
      'European Commission, "What are the EU actions on 112?", http://ec.europa.eu/information_society/activities/112/actions/index_en.htm; no Spanish government page was found in this session',
    note: '112 reaches all services from any phone, and the caller is passed to the medical service, so we speak 112. Some regions also run 061 for medical emergencies.',
  },
  'it-IT': {
    number: '112',
    country: 'Italy',
    source:
      'Ministero della Salute, page on the Numero di emergenza unico europeo (NUE) 112, "Il numero di telefono per chiamare i servizi di emergenza in tutti gli Stati dell\'Unione Europea", http://www.salute.gov.it/portale/temi/p2_6.jsp?id=4623&area=118%2520Pronto%2520Soccorso&menu=vuoto',
    note: 'We speak 112, which works from any phone everywhere in Italy and is passed on to 118, the medical emergency service. Where the single 112 centre is not yet active, 112 is answered by the Carabinieri, who transfer the call.',
  },
  'fr-FR': {
    number: '112',
    country: 'France',
    source:
      'Service-Public.fr (Direction de l\'information légale et administrative), "Quels sont les numéros en cas d\'urgence (Samu, pompiers...) et les numéros d\'écoute ?" (fiche F33954, as republished on a gouv.fr site), https://associations.gouv.fr./1044-choix-siege-social-association.html?xml=F33954',
    note: '112 reaches all services from any phone, and the caller is passed to the medical service, so we speak 112. 15 (SAMU) goes straight to the medical service and 18 to the fire brigade; the French centres are interconnected.',
  },
  'nl-NL': {
    number: '112',
    country: 'Netherlands',
    source:
      'Politie (Dutch national police), news item "Als elke seconde telt" (11 February 2021), https://www.politie.nl/nieuws/2021/februari/11/08-als-elke-seconde-telt.html',
    note: '112 is the only emergency number for police, fire and ambulance; the caller asks for the ambulance and is put through to the ambulance dispatch centre. 0900-8844 is the non-urgent police line.',
  },
  'ja-JP': {
    number: '119',
    country: 'Japan',
    source:
      'Yao City (Osaka Prefecture), "Dial \'119\' for fire / ambulance service", https://www.city.yao.osaka.jp/0000007637.html; a Fire and Disaster Management Agency page was not found in this session',
    note: '119 is fire and ambulance together, so we speak 119. 110 is the police.',
  },
  'pt-BR': {
    number: '192',
    country: 'Brazil',
    source:
      'Ministério da Saúde, "Serviço de Atendimento Móvel de Urgência (SAMU 192)", http://www.saude.gov.br/saude-de-a-z/servico-de-atendimento-movel-de-urgencia-samu-192',
    note: '192 is the ambulance service (SAMU) itself, free from any phone, so we speak 192. 190 is the military police and 193 the fire brigade.',
  },
  'ar-SA': {
    number: '911',
    country: 'Saudi Arabia',
    source:
      'Saudi Gazette (via Zawya), "Interior Minister inaugurates Unified Security Operations Center in Saudi\'s Eastern Province" (6 September 2022), https://www.zawya.com/en/legal/crime-and-security/interior-minister-inaugurates-unified-security-operations-center-in-saudis-ep-llbh66gc; no Saudi government page was found in this session',
    note: 'We speak 911, the unified number of the National Center for Security Operations, which routes each call to the right service, including the Saudi Red Crescent. 997 is the Red Crescent ambulance line; the unified 911 centres are reported for the Riyadh, Makkah, Madinah and Eastern regions.',
  },
};

/** The locale whose number we speak when a request carries a locale we do not know. */
const fallbackLocale = 'en-US';

/** Own entries only: a locale such as `__proto__` or `toString` must not reach Object.prototype. */
export function emergencyNumberFor(locale: string): string {
  return (Object.hasOwn(emergencyNumbers, locale) ? emergencyNumbers[locale] : emergencyNumbers[fallbackLocale]).number;
}

/**
 * Which symptom reports are red flags. The slot ids come from the interaction model's SYMPTOM,
 * BODY_PART and SEVERITY types. Words Alexa heard but could not resolve are checked against
 * `redFlagWords`, so an unusual way of saying "chest pain" still reaches the emergency answer.
 */
export const redFlagSymptoms: ReadonlySet<string> = new Set([
  'chestPain',
  'breathing',
  'numbness',
  'weakness',
  'bleeding',
  'fever',
  'allergy',
  'severePain',
  'incontinence',
  'woundInfection',
  'paralysis',
  'fainting',
  'seizure',
]);

/** A pain in these places is always treated as an emergency. */
export const redFlagBodyParts: ReadonlySet<string> = new Set(['chest']);

export const redFlagSeverities: ReadonlySet<string> = new Set(['severe']);

/**
 * Stems, matched at the start of a word, for symptom words Alexa could not resolve. Only signs of
 * something happening now: background words such as "weak bones", "severe osteoporosis" or "a heart
 * condition" must not trigger the emergency answer.
 */
const redFlagWords: readonly string[] = [
  'chest', 'breath', 'breathe', 'bleed', 'numb', 'paraly', 'fever', 'allerg', 'swollen throat', 'hives',
  'faint', 'passed out', 'unconscious', 'unbearable', 'agony', 'excruciat', 'bladder', 'bowel', 'stroke',
  'seizure', 'collapse', 'choking', 'dying', 'emergency', 'ambulance',
  // Spanish
  'pecho', 'respir', 'ahog', 'sangr', 'hemorrag', 'entumec', 'adormec', 'durmi', 'dormid', 'parál', 'paral', 'fiebre', 'calentura',
  'alergi', 'garganta hinchada', 'ronchas', 'desmay', 'inconsciente', 'insoportable', 'agonía', 'vejiga', 'intestin',
  'derrame', 'convuls', 'ataque', 'muriendo', 'emergencia', 'ambulancia',
];

export function hasRedFlagWords(words: string): boolean {
  const text = words.toLowerCase();
  return redFlagWords.some((stem) => new RegExp(`(^|[^\\p{L}])${stem}`, 'u').test(text));
}

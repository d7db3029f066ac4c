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
]);

/** A pain in these places is always treated as an emergency. */
export const redFlagBodyParts: ReadonlySet<string> = new Set(['chest', 'head']);

export const redFlagSeverities: ReadonlySet<string> = new Set(['severe']);

/** Stems, matched at the start of a word, in any language the skill speaks. */
export const redFlagWords: readonly string[] = [
  'chest', 'breath', 'breathe', 'bleed', 'blood', 'numb', 'weak', 'paraly', 'fever', 'temperature',
  'allerg', 'swell', 'swollen', 'hives', 'faint', 'passed out', 'unconscious', 'severe', 'unbearable',
  'agony', 'excruciat', 'terrible', 'worst', 'bladder', 'bowel', 'pus', 'heart', 'stroke', 'seizure',
  'collapse', 'choking', 'dying', 'emergency', 'ambulance',
];

export function hasRedFlagWords(words: string): boolean {
  const text = words.toLowerCase();
  return redFlagWords.some((stem) => new RegExp(`(^|[^\\p{L}])${stem}`, 'u').test(text));
}

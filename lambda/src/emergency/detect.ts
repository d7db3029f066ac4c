/** Whether a request reports an emergency. Total: it never throws, whatever the request holds. */
import type { HandlerInput } from 'ask-sdk-core';
import { isIntent, resolvedSlotId, slotWords } from '../requests';
import { hasRedFlagWords, redFlagBodyParts, redFlagSeverities, redFlagSymptoms } from './redFlags';

export const EMERGENCY_INTENT = 'EmergencyIntent';
export const SYMPTOM_INTENT = 'SymptomReportIntent';

function slotIsRedFlag(input: HandlerInput, slot: string, ids: ReadonlySet<string>): boolean {
  const id = resolvedSlotId(input, slot);
  if (id !== undefined) return ids.has(id);
  const words = slotWords(input, slot);
  return words !== undefined && hasRedFlagWords(words);
}

/** A symptom report is a red flag when any one of its parts is. */
function isRedFlagReport(input: HandlerInput): boolean {
  return (
    slotIsRedFlag(input, 'symptom', redFlagSymptoms) ||
    slotIsRedFlag(input, 'bodyPart', redFlagBodyParts) ||
    slotIsRedFlag(input, 'severity', redFlagSeverities)
  );
}

/**
 * An emergency is the emergency intent; a red-flag symptom report; or, in any other intent, a
 * `symptom` slot that resolved to a red-flag symptom (so a model change that puts symptoms into
 * another intent cannot hide one).
 */
export function isEmergency(input: HandlerInput): boolean {
  try {
    if (isIntent(input, EMERGENCY_INTENT)) return true;
    if (isIntent(input, SYMPTOM_INTENT)) return isRedFlagReport(input);
    const symptom = resolvedSlotId(input, 'symptom');
    return symptom !== undefined && redFlagSymptoms.has(symptom);
  } catch {
    return false;
  }
}

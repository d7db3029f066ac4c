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
export function isRedFlagReport(input: HandlerInput): boolean {
  return (
    slotIsRedFlag(input, 'symptom', redFlagSymptoms) ||
    slotIsRedFlag(input, 'bodyPart', redFlagBodyParts) ||
    slotIsRedFlag(input, 'severity', redFlagSeverities)
  );
}

export function isEmergency(input: HandlerInput): boolean {
  try {
    if (isIntent(input, EMERGENCY_INTENT)) return true;
    return isIntent(input, SYMPTOM_INTENT) && isRedFlagReport(input);
  } catch {
    return false;
  }
}

/** Whether a request reports an emergency. Total: it never throws, whatever the request holds. */
import type { HandlerInput } from 'ask-sdk-core';
import { context } from '../context';
import { registry } from '../content';
import { isIntent, resolvedSlotId } from '../requests';
import { gradeOf } from '../understanding/triage';

export const EMERGENCY_INTENT = registry.intents.emergency;
export const SYMPTOM_INTENT = registry.intents.report;

/**
 * An emergency is the emergency intent, or words that the skill's own understanding reads as an
 * emergency report, in whichever intent carried them (a report, a topic, free text), or a symptom
 * slot in any intent that resolved to an emergency sign.
 */
export function isEmergency(input: HandlerInput): boolean {
  try {
    if (isIntent(input, EMERGENCY_INTENT)) return true;
    // A symptom slot that resolved to an emergency sign, in any intent: a model change cannot hide one.
    const symptom = resolvedSlotId(input, 'symptom');
    if (symptom !== undefined && gradeOf(symptom) === 'emergency') return true;
    const { reading } = context(input);
    return reading?.kind === 'report' && reading.grade === 'emergency';
  } catch {
    return false;
  }
}

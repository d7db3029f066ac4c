import type { RequestHandler } from 'ask-sdk-core';
import { SYMPTOM_INTENT } from '../emergency/detect';
import { symptom } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';

/** A symptom that is not a red flag (the emergency handler, registered first, takes those). */
export const SymptomHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, SYMPTOM_INTENT),
  handle: (input) => respond(input, symptom()),
};

import type { RequestHandler } from 'ask-sdk-core';
import { emergencyResponse } from '../emergency/answer';
import { isEmergency } from '../emergency/detect';
import { localeOf } from '../requests';
import { inputSupportsApl } from '../speech/screen';

export const EmergencyHandler: RequestHandler = {
  canHandle: (input) => isEmergency(input),
  handle: (input) => emergencyResponse(localeOf(input), inputSupportsApl(input)),
};

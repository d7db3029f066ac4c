import type { RequestHandler } from 'ask-sdk-core';
import { emergencyResponse } from '../emergency/answer';
import { isEmergency } from '../emergency/detect';
import { localeOf } from '../requests';

export const EmergencyHandler: RequestHandler = {
  canHandle: (input) => isEmergency(input),
  handle: (input) => emergencyResponse(localeOf(input)),
};

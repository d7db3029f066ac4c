import { emergencyResponse } from '../emergency/answer';
import { isEmergency } from '../emergency/detect';
import { localeOf } from '../requests';
import { inputSupportsApl } from '../speech/screen';
import type { MoveHandler } from './dispatch';

export const EmergencyHandler: MoveHandler = {
  canHandle: (input) => isEmergency(input),
  handle: (input) => emergencyResponse(localeOf(input), inputSupportsApl(input)),
};

import { disclaimerPart } from '../replies';
import { isIntent, localeOf } from '../requests';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

export const DisclaimerHandler: MoveHandler = {
  canHandle: (input) => isIntent(input, 'DisclaimerIntent'),
  handle: (input) => respond(input, disclaimerPart(localeOf(input), 0)),
};

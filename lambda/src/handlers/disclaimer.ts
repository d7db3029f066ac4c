import type { RequestHandler } from 'ask-sdk-core';
import { disclaimerPart } from '../replies';
import { isIntent, localeOf } from '../requests';
import { respond } from '../speech/respond';

export const DisclaimerHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, 'DisclaimerIntent'),
  handle: (input) => respond(input, disclaimerPart(localeOf(input), 0)),
};

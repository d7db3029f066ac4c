import type { RequestHandler } from 'ask-sdk-core';
import { help } from '../replies';
import { isIntent } from '../requests';
import { respond } from '../speech/respond';

export const HelpHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, 'AMAZON.HelpIntent'),
  handle: (input) => respond(input, help()),
};

import type { RequestHandler } from 'ask-sdk-core';
import { welcome } from '../replies';
import { isType } from '../requests';
import { respond } from '../speech/respond';

export const LaunchHandler: RequestHandler = {
  canHandle: (input) => isType(input, 'LaunchRequest'),
  handle: (input) => respond(input, welcome()),
};

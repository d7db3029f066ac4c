import type { RequestHandler } from 'ask-sdk-core';
import { unsupported } from '../replies';
import { respond } from '../speech/respond';

/** Any other request type still gets a spoken, helpful answer. Register this handler last. */
export const UnsupportedRequestHandler: RequestHandler = {
  canHandle: () => true,
  handle: (input) => respond(input, unsupported()),
};

import { unsupported } from '../replies';
import { respond } from '../speech/respond';
import type { MoveHandler } from './dispatch';

/** Any other request type still gets a spoken, helpful answer. Register this handler last. */
export const UnsupportedRequestHandler: MoveHandler = {
  canHandle: () => true,
  handle: (input) => respond(input, unsupported()),
};

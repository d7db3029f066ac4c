import type { RequestHandler } from 'ask-sdk-core';
import { isType } from '../requests';

/** Alexa does not speak a response to these; an empty one is the correct answer. */
export const SessionEndedHandler: RequestHandler = {
  canHandle: (input) => isType(input, 'SessionEndedRequest', 'System.ExceptionEncountered'),
  handle: (input) => input.responseBuilder.getResponse(),
};

import type { ErrorHandler as AskErrorHandler } from 'ask-sdk-core';
import { context } from '../context';
import { emergencyResponse } from '../emergency/answer';
import { isEmergency } from '../emergency/detect';
import { errorName, log } from '../log';
import { problem } from '../replies';
import { intentName, localeOf, requestType } from '../requests';
import { respond } from '../speech/respond';
import { isSilentRequest } from './silent';
import { inputSupportsApl } from '../speech/screen';

/** Anything that went wrong still gets a spoken answer and a reprompt; an emergency still gets its number. */
export const ErrorHandler: AskErrorHandler = {
  canHandle: () => true,
  handle: (input, error) => {
    log('error', {
      event: 'handler_error',
      error: errorName(error),
      requestType: requestType(input),
      intent: intentName(input),
      locale: localeOf(input),
    });
    if (isEmergency(input)) return emergencyResponse(localeOf(input), inputSupportsApl(input));
    // Where speech is not allowed (a session's end, audio and lifecycle events), the answer stays empty.
    if (isSilentRequest(requestType(input))) return input.responseBuilder.getResponse();
    const reply = problem();
    const response = respond(input, reply);
    // ask-sdk skips the response interceptors after an error: record what was offered here, so a
    // later "yes" does not accept an offer from before the error.
    context(input).record(reply);
    return response;
  },
};

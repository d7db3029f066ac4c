import type { RequestInterceptor, ResponseInterceptor } from 'ask-sdk-core';
import { context } from '../context';
import { log } from '../log';
import { intentName, localeOf, requestType } from '../requests';

/** Registered first: opens the request's context, which starts its clock. */
export const OpenRequestContext: RequestInterceptor = {
  process: (input) => {
    context(input);
  },
};

/** One line per request: what kind of request it was and what we answered, never what was said. */
export const RequestLogger: ResponseInterceptor = {
  process: (input) => {
    const request = context(input);
    log('info', {
      event: 'request',
      requestId: input.requestEnvelope?.request?.requestId,
      requestType: requestType(input),
      intent: intentName(input),
      locale: localeOf(input),
      topic: request.session.topic,
      handlerMs: Math.round((performance.now() - request.startedAt) * 100) / 100,
    });
  },
};

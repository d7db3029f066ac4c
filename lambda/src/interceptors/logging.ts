import type { RequestInterceptor, ResponseInterceptor } from 'ask-sdk-core';
import { log } from '../log';
import { intentName, localeOf, requestType } from '../requests';
import { readState } from '../state';

/** When each request started, keyed by its attributes manager (one per request). */
const started = new WeakMap<object, number>();

export const RequestTimer: RequestInterceptor = {
  process: (input) => {
    started.set(input.attributesManager, performance.now());
  },
};

/** One line per request: what kind of request it was and what we answered, never what was said. */
export const RequestLogger: ResponseInterceptor = {
  process: (input) => {
    const at = started.get(input.attributesManager);
    log('info', {
      event: 'request',
      requestId: input.requestEnvelope?.request?.requestId,
      requestType: requestType(input),
      intent: intentName(input),
      locale: localeOf(input),
      topic: readState(input).topic,
      handlerMs: at === undefined ? undefined : Math.round((performance.now() - at) * 100) / 100,
    });
  },
};

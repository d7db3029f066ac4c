import type { RequestInterceptor, ResponseInterceptor } from 'ask-sdk-core';
import { log } from '../log';
import { intentName, localeOf, requestType } from '../requests';
import { readState } from '../state';

const STARTED = 'startedAt';

export const RequestTimer: RequestInterceptor = {
  process: (input) => {
    input.attributesManager.getRequestAttributes()[STARTED] = performance.now();
  },
};

/** One line per request: what kind of request it was and what we answered, never what was said. */
export const RequestLogger: ResponseInterceptor = {
  process: (input) => {
    const started: unknown = input.attributesManager.getRequestAttributes()[STARTED];
    log('info', {
      event: 'request',
      requestId: input.requestEnvelope?.request?.requestId,
      requestType: requestType(input),
      intent: intentName(input),
      locale: localeOf(input),
      topic: readState(input).topic,
      handlerMs: typeof started === 'number' ? Math.round((performance.now() - started) * 100) / 100 : undefined,
    });
  },
};

/**
 * The skill's interceptors, registered with ask-sdk as one of each kind. ask-sdk awaits every
 * interceptor, a promise and a turn of the microtask queue each, six times a request. These run in the
 * same order, and wait only for an interceptor that hands back a promise: the preference store's load
 * and save, when there is something to load or save. A throw or a rejection goes to ask-sdk as before.
 */
import type { HandlerInput, RequestInterceptor, ResponseInterceptor } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';

function runRequest(
  interceptors: readonly RequestInterceptor[],
  from: number,
  input: HandlerInput,
): Promise<void> | void {
  for (let index = from; index < interceptors.length; index += 1) {
    const pending = interceptors[index].process(input);
    if (pending !== undefined) return pending.then(() => runRequest(interceptors, index + 1, input));
  }
  return undefined;
}

function runResponse(
  interceptors: readonly ResponseInterceptor[],
  from: number,
  input: HandlerInput,
  response: Response | undefined,
): Promise<void> | void {
  for (let index = from; index < interceptors.length; index += 1) {
    const pending = interceptors[index].process(input, response);
    if (pending !== undefined) return pending.then(() => runResponse(interceptors, index + 1, input, response));
  }
  return undefined;
}

export function requestChain(...interceptors: RequestInterceptor[]): RequestInterceptor {
  return { process: (input) => runRequest(interceptors, 0, input) };
}

export function responseChain(...interceptors: ResponseInterceptor[]): ResponseInterceptor {
  return { process: (input, response) => runResponse(interceptors, 0, input, response) };
}

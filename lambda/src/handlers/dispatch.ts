/**
 * How the skill answers a request, inside the one handler it registers with ask-sdk. ask-sdk awaits
 * each interceptor, and the canHandle of each handler in turn: a promise and a turn of the microtask
 * queue each, some thirty a request before the fallback handler is reached. Every handler here decides
 * from the request and its context alone, at once, and only the preference store's load and save ever
 * wait. So one ask-sdk handler runs, in order, the request interceptors, the first of the skill's
 * handlers that can take the request, and the response interceptors, waiting only for a step that hands
 * back a promise. A throw or a rejection anywhere goes to ask-sdk, which answers with the error handler
 * and skips the steps left, as it does around its own interceptors.
 */
import type { HandlerInput, RequestHandler, RequestInterceptor, ResponseInterceptor } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';

/** ask-sdk's RequestHandler, whose canHandle answers at once: it looks at the request and never waits. */
export interface MoveHandler extends RequestHandler {
  canHandle(input: HandlerInput): boolean;
}

/** The first of the handlers that can take the request, in their order; undefined when none can. */
export function firstThatCan(handlers: readonly MoveHandler[], input: HandlerInput): MoveHandler | undefined {
  for (const handler of handlers) if (handler.canHandle(input)) return handler;
  return undefined;
}

class NoHandlerError extends Error {
  override name = 'NoHandlerError';
}

export interface Steps {
  before: readonly RequestInterceptor[];
  /** In order; the last takes anything, so NoHandlerError is for a list without such a handler. */
  handlers: readonly MoveHandler[];
  after: readonly ResponseInterceptor[];
}

function runBefore(steps: Steps, from: number, input: HandlerInput): Promise<void> | undefined {
  for (let index = from; index < steps.before.length; index += 1) {
    const pending = steps.before[index].process(input);
    if (pending !== undefined) return pending.then(() => runBefore(steps, index + 1, input));
  }
  return undefined;
}

function runAfter(steps: Steps, from: number, input: HandlerInput, response: Response): Promise<void> | undefined {
  for (let index = from; index < steps.after.length; index += 1) {
    const pending = steps.after[index].process(input, response);
    if (pending !== undefined) return pending.then(() => runAfter(steps, index + 1, input, response));
  }
  return undefined;
}

function finish(steps: Steps, input: HandlerInput, response: Response): Response | Promise<Response> {
  const pending = runAfter(steps, 0, input, response);
  return pending === undefined ? response : pending.then(() => response);
}

function answer(steps: Steps, input: HandlerInput): Response | Promise<Response> {
  const handler = firstThatCan(steps.handlers, input);
  if (handler === undefined) throw new NoHandlerError();
  const output = handler.handle(input);
  return output instanceof Promise
    ? output.then((response) => finish(steps, input, response))
    : finish(steps, input, output);
}

/** The one handler the skill registers with ask-sdk. */
export function inTurn(steps: Steps): RequestHandler {
  return {
    canHandle: () => true,
    handle: (input) => {
      const pending = runBefore(steps, 0, input);
      return pending === undefined ? answer(steps, input) : pending.then(() => answer(steps, input));
    },
  };
}

/**
 * How the skill picks its handler. ask-sdk awaits the canHandle of each registered handler in turn:
 * a promise and a turn of the microtask queue for each of twenty-one handlers before the fallback is
 * reached. Every handler here decides from the request and the request context alone, at once, so
 * the skill registers one handler with ask-sdk that takes the first of its own that can, in one pass.
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';

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

/**
 * One ask-sdk handler for the skill's handlers, in order. Its list ends with a handler that takes
 * anything, so the error (answered by the error handler, as ask-sdk would) is for a list without one.
 */
export function inOrder(handlers: readonly MoveHandler[]): RequestHandler {
  return {
    canHandle: () => true,
    handle: (input) => {
      const handler = firstThatCan(handlers, input);
      if (handler === undefined) throw new NoHandlerError();
      return handler.handle(input);
    },
  };
}

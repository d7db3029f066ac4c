import type { ResponseInterceptor } from 'ask-sdk-core';
import { context } from '../context';
import { isEmergency } from '../emergency/detect';

/**
 * Keeps in the session what this response answered and offered (its topic, move, offer and place,
 * and the reply itself for "repeat"); "yes", "next" and "repeat" read it.
 */
export const ReplyRecorder: ResponseInterceptor = {
  process: (input) => {
    const request = context(input);
    if (request.reply !== undefined) request.record(request.reply);
    else if (isEmergency(input)) request.recordEmergency();
  },
};

import type { ResponseInterceptor } from 'ask-sdk-core';
import { context } from '../context';
import { isEmergency } from '../emergency/detect';
import { afterEmergency, afterReply } from '../state';

/**
 * Keeps in the session what this response answered and offered (its topic, move, offer and place,
 * and the reply itself for "repeat"); "yes", "next" and "repeat" read it.
 */
export const ReplyRecorder: ResponseInterceptor = {
  process: (input) => {
    const request = context(input);
    const { reply } = request;
    if (reply !== undefined) request.update({ session: afterReply(request.session, reply) });
    else if (isEmergency(input)) request.update({ session: afterEmergency() });
  },
};

import type { ResponseInterceptor } from 'ask-sdk-core';
import { isEmergency } from '../emergency/detect';
import { replyOf } from '../speech/respond';
import { recordReply, recordTopic } from '../state';

/** Keeps what this response answered and offered in the session; "yes", "next" and "repeat" read it. */
export const RecordTopicInterceptor: ResponseInterceptor = {
  process: (input) => {
    const reply = replyOf(input);
    if (reply !== undefined) recordReply(input, reply);
    else if (isEmergency(input)) recordTopic(input, 'emergency');
  },
};

import { log } from '../log';
import { requestType } from '../requests';
import type { MoveHandler } from './dispatch';

/**
 * Requests Alexa does not speak a response to: the end of a session, an error report, and events
 * that arrive outside a conversation (audio playback, skill lifecycle, messaging). Speech in the
 * answer to these is invalid, so the correct answer is an empty one.
 */
const silentTypes = ['SessionEndedRequest', 'System.ExceptionEncountered', 'Messaging.MessageReceived'];
const silentPrefixes = ['AudioPlayer.', 'PlaybackController.', 'AlexaSkillEvent.', 'AlexaHouseholdListEvent.'];

export function isSilentRequest(type: string): boolean {
  return silentTypes.includes(type) || silentPrefixes.some((prefix) => type.startsWith(prefix));
}

/** Every such request, not only a session's end, gets the empty answer; Alexa's own error reports are logged. */
export const SilentRequestHandler: MoveHandler = {
  canHandle: (input) => isSilentRequest(requestType(input)),
  handle: (input) => {
    const request = input.requestEnvelope.request;
    if (request.type === 'System.ExceptionEncountered') {
      // Alexa's own error type (for example INVALID_RESPONSE): an enumeration, never user data.
      const type: unknown = request.error?.type;
      log('warn', {
        event: 'alexa_reported_error',
        requestType: request.type,
        error: typeof type === 'string' ? type : 'unknown',
      });
    }
    return input.responseBuilder.getResponse();
  },
};

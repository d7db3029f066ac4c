/**
 * The answer when the skill itself failed in a way its error handler could not catch. It uses only
 * compiled-in data, so the listener still hears something useful, and always the emergency number.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { errorTextFor } from './content';
import { emergencyResponse, slowSsml, withNumber } from './emergency/answer';
import { EMERGENCY_INTENT, SYMPTOM_INTENT } from './emergency/detect';
import { emergencyNumberFor } from './emergency/numbers';
import { isSilentRequest } from './handlers/silent';
import { localeOfEnvelope } from './requests';

/**
 * Request types whose answer may not speak (the end of a session, audio and lifecycle events) get
 * an empty response, and a CanFulfillIntentRequest gets "no": speech in either is an invalid response.
 */
function silentAnswer(type: unknown): ResponseEnvelope | undefined {
  if (typeof type !== 'string') return undefined;
  if (type === 'CanFulfillIntentRequest')
    return { version: '1.0', response: { canFulfillIntent: { canFulfill: 'NO' } } };
  return isSilentRequest(type) ? { version: '1.0', response: {} } : undefined;
}

export function lastResort(event: RequestEnvelope | undefined): ResponseEnvelope {
  const locale = localeOfEnvelope(event);
  const request = event?.request;
  const silent = silentAnswer(request?.type);
  if (silent !== undefined) return silent;
  // Here nothing can be graded safely, so a symptom report of any kind gets the emergency answer.
  const name: unknown = request?.type === 'IntentRequest' ? request.intent?.name : undefined;
  if (name === EMERGENCY_INTENT || name === SYMPTOM_INTENT) {
    return { version: '1.0', response: emergencyResponse(locale) };
  }
  const number = emergencyNumberFor(locale);
  const text = withNumber(errorTextFor(locale), number);
  return {
    version: '1.0',
    response: { outputSpeech: { type: 'SSML', ssml: slowSsml([text], number) }, shouldEndSession: true },
  };
}

/**
 * The answer when the skill itself failed in a way its error handler could not catch. It uses only
 * compiled-in data, so the listener still hears something useful, and always the emergency number.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { contentFor } from './content';
import { emergencyResponse, slowSsml, withNumber } from './emergency/answer';
import { EMERGENCY_INTENT, SYMPTOM_INTENT } from './emergency/detect';
import { emergencyNumberFor } from './emergency/numbers';
import { localeOfEnvelope } from './requests';

export function lastResort(event: RequestEnvelope | undefined): ResponseEnvelope {
  const locale = localeOfEnvelope(event);
  const request = event?.request;
  // Here nothing can be graded safely, so a symptom report of any kind gets the emergency answer.
  const name: unknown = request?.type === 'IntentRequest' ? request.intent?.name : undefined;
  if (name === EMERGENCY_INTENT || name === SYMPTOM_INTENT) {
    return { version: '1.0', response: emergencyResponse(locale) };
  }
  const number = emergencyNumberFor(locale);
  const text = withNumber(contentFor(locale).error.text, number);
  return { version: '1.0', response: { outputSpeech: { type: 'SSML', ssml: slowSsml([text], number) }, shouldEndSession: true } };
}

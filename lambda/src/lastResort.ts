/**
 * The answer when the skill itself failed in a way its error handler could not catch. It uses only
 * compiled-in data, so the listener still hears something useful, and always the emergency number.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { contentFor } from './content';
import { emergencyResponse, EMERGENCY_RATE } from './emergency/answer';
import { EMERGENCY_INTENT, SYMPTOM_INTENT } from './emergency/detect';
import { emergencyNumberFor } from './emergency/numbers';
import { buildLexicon, toSsml } from './speech/render';

const noPronunciations = buildLexicon({});

function localeOf(event: RequestEnvelope | undefined): string {
  const locale: unknown = event?.request?.locale;
  return typeof locale === 'string' && locale.length > 0 ? locale : 'en-US';
}

export function lastResort(event: RequestEnvelope | undefined): ResponseEnvelope {
  const locale = localeOf(event);
  const request = event?.request;
  // Here nothing can be graded safely, so a symptom report of any kind gets the emergency answer.
  const name: unknown = request?.type === 'IntentRequest' ? request.intent?.name : undefined;
  if (name === EMERGENCY_INTENT || name === SYMPTOM_INTENT) {
    return { version: '1.0', response: emergencyResponse(locale) };
  }
  const number = emergencyNumberFor(locale);
  const text = contentFor(locale).error.text.split('{{number}}').join(number);
  return {
    version: '1.0',
    response: {
      outputSpeech: { type: 'SSML', ssml: toSsml([text], undefined, { lexicon: noPronunciations, emergencyNumber: number, rate: EMERGENCY_RATE }) },
      shouldEndSession: true,
    },
  };
}

/**
 * Builds the skill. `handler` is the AWS Lambda entry point (async; never the callback-style
 * `.lambda()`), and `skill` is exported for the simulator, the server and the tests.
 */
import { SkillBuilders } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { DisclaimerHandler } from './handlers/disclaimer';
import { EmergencyHandler } from './handlers/emergency';
import { ErrorHandler } from './handlers/error';
import { FactHandler } from './handlers/fact';
import { FallbackHandler } from './handlers/fallback';
import { GlossaryHandler } from './handlers/glossary';
import { HelpHandler } from './handlers/help';
import { LaunchHandler } from './handlers/launch';
import { MenuHandler } from './handlers/menu';
import { NavigateHandler } from './handlers/navigate';
import { NoHandler } from './handlers/no';
import { RateHandler } from './handlers/rate';
import { RepeatHandler } from './handlers/repeat';
import { SectionHandler } from './handlers/section';
import { SessionEndedHandler } from './handlers/sessionEnded';
import { StopHandler } from './handlers/stop';
import { SymptomHandler } from './handlers/symptom';
import { TourHandler } from './handlers/tour';
import { UnsupportedRequestHandler } from './handlers/unsupported';
import { YesHandler } from './handlers/yes';
import { LocalizationInterceptor } from './interceptors/localization';
import { RequestLogger, RequestTimer } from './interceptors/logging';
import { RecordTopicInterceptor } from './interceptors/recordTopic';
import { emergencyNumberFor } from './emergency/numbers';
import { lastResort } from './lastResort';
import { lastWordsSsml } from './speech/render';
import { errorName, log } from './log';

export const skill = SkillBuilders.custom()
  .addRequestHandlers(
    // The emergency comes first: it takes precedence over every other move.
    EmergencyHandler,
    SessionEndedHandler,
    LaunchHandler,
    SectionHandler,
    FactHandler,
    GlossaryHandler,
    SymptomHandler,
    DisclaimerHandler,
    NavigateHandler,
    RepeatHandler,
    MenuHandler,
    TourHandler,
    RateHandler,
    HelpHandler,
    StopHandler,
    YesHandler,
    NoHandler,
    FallbackHandler,
    UnsupportedRequestHandler,
  )
  .addErrorHandlers(ErrorHandler)
  .addRequestInterceptors(RequestTimer, LocalizationInterceptor)
  .addResponseInterceptors(RecordTopicInterceptor, RequestLogger)
  .withCustomUserAgent('spine-care-guide')
  .create();

export const handler = async (event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> => {
  try {
    return await skill.invoke(event, context);
  } catch (error) {
    log('error', { event: 'invoke_failed', error: errorName(error) });
    try {
      return lastResort(event);
    } catch {
      const locale: unknown = event?.request?.locale;
      const number = emergencyNumberFor(typeof locale === 'string' ? locale : '');
      return { version: '1.0', response: { outputSpeech: { type: 'SSML', ssml: lastWordsSsml(number) }, shouldEndSession: true } };
    }
  }
};

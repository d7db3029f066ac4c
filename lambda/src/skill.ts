/**
 * The skill, built from its parts, with nothing done on import: every host (the Lambda entry in
 * index.ts, the self-hosted server in server/, the simulator in tools/) chooses its own preference
 * store and calls `createSkill`, then wraps it with `lambdaHandler`, which never throws for a request
 * of this skill.
 */
import { SkillBuilders, type PersistenceAdapter } from 'ask-sdk-core';
import type { Skill as CustomSkill } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { EmergencyHandler } from './handlers/emergency';
import { ErrorHandler } from './handlers/error';
import { FactHandler } from './handlers/fact';
import { FallbackHandler } from './handlers/fallback';
import { GlossaryHandler } from './handlers/glossary';
import { LaunchHandler } from './handlers/launch';
import { SectionHandler } from './handlers/section';
import { isSilentRequest, SilentRequestHandler } from './handlers/silent';
import { CanFulfillHandler } from './handlers/canFulfill';
import { UnsupportedRequestHandler } from './handlers/unsupported';
import { commandHandlers } from './handlers/commands';
import { WordsHandler } from './handlers/words';
import { inTurn } from './handlers/dispatch';
import { LocalizationInterceptor } from './interceptors/localization';
import { OpenRequestContext, RequestLogger } from './interceptors/logging';
import { PreferencesLoader, PreferencesSaver } from './interceptors/preferences';
import { ReplyRecorder } from './interceptors/recordReply';
import { emergencyNumberFor } from './emergency/numbers';
import { lastResort } from './lastResort';
import { localeOfEnvelope } from './requests';
import { lastWordsSsml } from './speech/render';
import { errorName, log } from './log';

/** Builds the skill on a preference store: DynamoDB on Lambda, SQLite at home, memory in tests. */
export function createSkill(preferences: PersistenceAdapter): CustomSkill {
  const builder = SkillBuilders.custom()
    .withPersistenceAdapter(preferences)
    .addRequestHandlers(
      inTurn({
        before: [OpenRequestContext, LocalizationInterceptor, PreferencesLoader],
        handlers: [
          // The emergency comes first: it takes precedence over every other move.
          EmergencyHandler,
          SilentRequestHandler,
          CanFulfillHandler,
          LaunchHandler,
          SectionHandler,
          FactHandler,
          // Words in open slots come before the glossary: a word the model did not list is read here.
          WordsHandler,
          GlossaryHandler,
          ...commandHandlers,
          FallbackHandler,
          UnsupportedRequestHandler,
        ],
        after: [ReplyRecorder, PreferencesSaver, RequestLogger],
      }),
    )
    .addErrorHandlers(ErrorHandler)
    .withCustomUserAgent('spine-care-guide');
  // With SKILL_ID set (the stack sets it), a request for any other skill is refused before any handler runs.
  const skillId = process.env.SKILL_ID;
  if (skillId !== undefined && skillId !== '') builder.withSkillId(skillId);
  return builder.create();
}

/** A request for another skill: refused, so Lambda reports an error and nothing is spoken. */
export class OtherSkillError extends Error {
  override name = 'OtherSkillError';
}

function applicationIdOf(event: RequestEnvelope | undefined): unknown {
  return event?.context?.System?.application?.applicationId ?? event?.session?.application?.applicationId;
}

/** The answer when the skill itself failed: the last resort, or, if even that fails, the last words. */
function answerAfterFailure(event: RequestEnvelope | undefined, error: unknown): ResponseEnvelope {
  log('error', { event: 'invoke_failed', error: errorName(error) });
  try {
    return lastResort(event);
  } catch {
    const type: unknown = event?.request?.type;
    if (typeof type === 'string' && isSilentRequest(type)) return { version: '1.0', response: {} };
    const number = emergencyNumberFor(localeOfEnvelope(event));
    return {
      version: '1.0',
      response: { outputSpeech: { type: 'SSML', ssml: lastWordsSsml(number) }, shouldEndSession: true },
    };
  }
}

/**
 * Wraps a skill in the Lambda handler shape. With a skill ID, a request for any other skill is
 * refused (the promise rejects). Any other request always gets an answer: it never rejects. Written
 * with the promise's own catch rather than async and await, which would add a promise to every request.
 */
export function lambdaHandler(
  target: CustomSkill,
  skillId: string | undefined = process.env.SKILL_ID,
): (event: RequestEnvelope, context?: unknown) => Promise<ResponseEnvelope> {
  return (event, context) => {
    if (skillId !== undefined && skillId !== '' && applicationIdOf(event) !== skillId) {
      log('warn', { event: 'other_skill_refused' });
      return Promise.reject(new OtherSkillError());
    }
    let answer: Promise<ResponseEnvelope>;
    try {
      answer = target.invoke(event, context);
    } catch (error) {
      return Promise.resolve(answerAfterFailure(event, error));
    }
    return answer.catch((error: unknown) => answerAfterFailure(event, error));
  };
}

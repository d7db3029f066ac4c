/** The smallest possible ask-sdk skill: one handler, one fixed answer. The benchmark's baseline. */
import { SkillBuilders } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';

const skill = SkillBuilders.custom()
  .addRequestHandlers({
    canHandle: () => true,
    handle: (input) => input.responseBuilder.speak('Hello.').reprompt('Hello?').getResponse(),
  })
  .create();

export const handler = async (event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> =>
  skill.invoke(event, context);

/**
 * The handlers of the conversation's moves (repeat, next, stop, …), in one list: the skill registers
 * them, and a move said inside free text is handed to the same handler as if Alexa had heard it.
 */
import type { HandlerInput } from 'ask-sdk-core';
import type { IntentRequest, Response } from 'ask-sdk-model';
import { registry } from '../content';
import { DisclaimerHandler } from './disclaimer';
import { firstThatCan, type MoveHandler } from './dispatch';
import { ForgetHandler } from './forget';
import { HelpHandler } from './help';
import { MenuHandler } from './menu';
import { NavigateHandler } from './navigate';
import { NoHandler } from './no';
import { RateHandler } from './rate';
import { RepeatHandler } from './repeat';
import { StopHandler } from './stop';
import { TourHandler } from './tour';
import { VolumeHandler } from './volume';
import { YesHandler } from './yes';

export const commandHandlers: readonly MoveHandler[] = [
  DisclaimerHandler,
  NavigateHandler,
  RepeatHandler,
  MenuHandler,
  TourHandler,
  RateHandler,
  VolumeHandler,
  ForgetHandler,
  HelpHandler,
  StopHandler,
  YesHandler,
  NoHandler,
];

const intentOfMove = new Map(registry.moves.map((move) => [move.id, move.intent]));

/** The same request, as if Alexa had heard the move's own intent. The attributes manager is shared. */
function asIntent(input: HandlerInput, intent: string): HandlerInput {
  const request = input.requestEnvelope.request;
  const heard: IntentRequest = {
    type: 'IntentRequest',
    requestId: request.requestId,
    timestamp: request.timestamp,
    locale: request.locale,
    dialogState: 'COMPLETED',
    intent: { name: intent, confirmationStatus: 'NONE', slots: {} },
  };
  return { ...input, requestEnvelope: { ...input.requestEnvelope, request: heard } };
}

/** Acts on a move said in free text, as its own handler would; undefined for a move no handler takes. */
export async function perform(input: HandlerInput, move: string): Promise<Response | undefined> {
  const intent = intentOfMove.get(move);
  if (intent === undefined) return undefined;
  const moved = asIntent(input, intent);
  return firstThatCan(commandHandlers, moved)?.handle(moved);
}

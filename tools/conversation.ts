/**
 * Talks to the real skill handler the way a device would: utterances are resolved against the
 * skill's own interaction model with virtual-alexa, as bespoken's tests do. An utterance that matches
 * no sample goes to AMAZON.FallbackIntent, never to a handler as raw text.
 *
 * virtual-alexa's own utter() treats any utterance containing "ask", "tell", "open" or "launch" as a
 * launch request ("tell me about the risks" would relaunch the skill), so utterances are matched here
 * with virtual-core's Utterance and sent as explicit intents.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { VirtualAlexa, type SkillResponse } from 'virtual-alexa';
import { InteractionModel } from 'virtual-alexa/lib/src/model/InteractionModel';
import { Utterance } from 'virtual-core';
import { handler } from '../lambda/src/index';
import { spokenText } from './spoken';

export type Handler = (event: RequestEnvelope, context?: unknown) => Promise<ResponseEnvelope>;

/** The one simulated listener whose preferences a --db file keeps from run to run. */
export const SIMULATED_USER = 'amzn1.ask.account.simulated-listener';

export interface Turn {
  utterance: string | null;
  intent: string;
  topic: string | null;
  speech: string;
  ssml: string;
  reprompt: string | null;
  endSession: boolean;
}

const FALLBACK = 'AMAZON.FallbackIntent';

export function modelPath(locale: string): string {
  return join(__dirname, '..', 'skill-package', 'interactionModels', 'custom', `${locale}.json`);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export class Conversation {
  private readonly alexa: VirtualAlexa;
  private readonly model: InteractionModel;
  private open = false;

  constructor(readonly locale: string, skillHandler: Handler = handler, userId?: string) {
    const json: unknown = JSON.parse(readFileSync(modelPath(locale), 'utf8'));
    this.model = InteractionModel.fromJSON(json);
    this.alexa = VirtualAlexa.Builder().handler(skillHandler).interactionModel(json).locale(locale).create();
    if (userId !== undefined) this.alexa.context().user().setID(userId);
  }

  /** Opens the skill, as "Alexa, open spine care guide" would. */
  async launch(): Promise<Turn> {
    return this.turn(null, 'LaunchRequest', await this.alexa.launch());
  }

  /** The intent and slots an utterance resolves to, as the device would send them. */
  resolve(utterance: string): { intent: string; slots: Record<string, string> } {
    const match = new Utterance(this.model, utterance);
    if (!match.matched()) return { intent: FALLBACK, slots: {} };
    const slots: Record<string, string> = {};
    for (const [name, value] of Object.entries(record(match.toJSON()))) {
      if (typeof value === 'string') slots[name] = value;
    }
    return { intent: match.intent(), slots };
  }

  /** Says one utterance in the open session, relaunching first if the last one closed it. */
  async say(utterance: string): Promise<Turn[]> {
    const turns: Turn[] = [];
    if (!this.open) turns.push(await this.launch());
    const { intent, slots } = this.resolve(utterance);
    const request = this.alexa.request().intent(intent).slots(slots);
    turns.push(this.turn(utterance, intent, await request.send()));
    return turns;
  }

  private turn(utterance: string | null, intent: string, result: SkillResponse): Turn {
    const response = record(result.response);
    const speech = record(response.outputSpeech);
    const reprompt = response.reprompt === undefined ? undefined : record(record(response.reprompt).outputSpeech);
    const attributes = record(result.sessionAttributes);
    const endSession = response.shouldEndSession !== false;
    this.open = !endSession;
    const ssml = text(speech.ssml);
    return {
      utterance,
      intent,
      topic: typeof attributes.topic === 'string' ? attributes.topic : null,
      speech: spokenText(ssml),
      ssml,
      reprompt: reprompt === undefined ? null : spokenText(text(reprompt.ssml)),
      endSession,
    };
  }
}

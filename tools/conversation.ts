/**
 * Talks to the real skill handler the way a device would. Each utterance is heard against the
 * skill's own generated interaction model by the simulator's ears (tools/hearing.ts), which follow
 * what Amazon documents about its NLU, and sent as an IntentRequest with the slots and entity
 * resolutions Alexa would send. The session (its id, attributes and "new" flag) is kept here, as
 * Alexa keeps it between turns.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, RequestEnvelope, ResponseEnvelope, Slot } from 'ask-sdk-model';
import { languageOf, languageSourceFor } from '../lambda/src/content';
import { handler } from '../lambda/src/index';
import { isRecord } from '../lambda/src/json';
import { parseAttributes } from '../lambda/src/state';
import { Hearing, type Heard, type Model, type ModelIntent, type ModelType } from './hearing';
import { spokenText } from './spoken';

export type Handler = (event: RequestEnvelope, context?: unknown) => Promise<ResponseEnvelope>;

/** The one simulated listener whose preferences a --db file keeps from run to run. */
export const SIMULATED_USER = 'amzn1.ask.account.simulated-listener';

export interface Turn {
  utterance: string | null;
  /** What the model resolved the words to. */
  intent: string;
  /** The conversation move that answered (section, fact, repeat, emergency, …). */
  move: string | null;
  topic: string | null;
  /** The content keys the answer spoke, in order. */
  keys: string[];
  speech: string;
  ssml: string;
  reprompt: string | null;
  endSession: boolean;
}

const SKILL = 'amzn1.ask.skill.simulated';
const DEVICE = 'amzn1.ask.device.simulated';

export function modelPath(locale: string): string {
  return join(__dirname, '..', 'skill-package', 'interactionModels', 'custom', `${locale}.json`);
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isIntent(value: unknown): value is ModelIntent {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    isStrings(value.samples) &&
    (value.slots === undefined || Array.isArray(value.slots))
  );
}

function isType(value: unknown): value is ModelType {
  return isRecord(value) && typeof value.name === 'string' && Array.isArray(value.values);
}

/** The generated model, checked on the way in: the simulator trusts only what it has looked at. */
export function readModel(locale: string): Model {
  const json: unknown = JSON.parse(readFileSync(modelPath(locale), 'utf8'));
  const model = isRecord(json) && isRecord(json.interactionModel) ? json.interactionModel.languageModel : undefined;
  const intents: unknown = isRecord(model) ? model.intents : undefined;
  const types: unknown = isRecord(model) ? model.types : undefined;
  if (!Array.isArray(intents) || !Array.isArray(types) || !intents.every(isIntent) || !types.every(isType))
    throw new Error(`${modelPath(locale)} is not an interaction model`);
  return { intents, types };
}

/** The hearing for a locale's model, built once per process. */
const hearings = new Map<string, Hearing>();

export function hearingFor(locale: string): Hearing {
  const known = hearings.get(locale);
  if (known !== undefined) return known;
  const built = new Hearing(readModel(locale), languageSourceFor(locale).speech, languageOf(locale));
  hearings.set(locale, built);
  return built;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The slots of an IntentRequest as Alexa sends them: values, and entity resolution for custom types. */
function slotsOf(heard: Heard): Record<string, Slot> {
  const slots: Record<string, Slot> = {};
  for (const [name, slot] of Object.entries(heard.slots)) {
    const base: Slot = { name, value: slot.value, confirmationStatus: 'NONE' };
    if (slot.type.startsWith('AMAZON.')) {
      slots[name] = base;
      continue;
    }
    const authority = `amzn1.er-authority.echo-sdk.${SKILL}.${slot.type}`;
    slots[name] = {
      ...base,
      resolutions: {
        resolutionsPerAuthority: [
          slot.id === undefined
            ? { authority, status: { code: 'ER_SUCCESS_NO_MATCH' }, values: [] }
            : {
                authority,
                status: { code: 'ER_SUCCESS_MATCH' },
                values: [{ value: { name: slot.value, id: slot.id } }],
              },
        ],
      },
    };
  }
  return slots;
}

export class Conversation {
  private readonly hearing: Hearing;
  private open = false;
  private sessionId = '';
  private attributes: Record<string, unknown> = {};
  private fresh = true;

  constructor(
    readonly locale: string,
    private readonly skillHandler: Handler = handler,
    private readonly userId = `amzn1.ask.account.${randomUUID()}`,
  ) {
    this.hearing = hearingFor(locale);
  }

  /** Opens the skill, as "Alexa, open spine care guide" would. */
  async launch(): Promise<Turn> {
    this.sessionId = `amzn1.echo-api.session.${randomUUID()}`;
    this.attributes = {};
    this.fresh = true;
    return this.send(null, 'LaunchRequest', {
      type: 'LaunchRequest',
      requestId: this.requestId(),
      timestamp: new Date().toISOString(),
      locale: this.locale,
    });
  }

  /** The intent and slots an utterance is heard as. */
  resolve(utterance: string): Heard {
    return this.hearing.hear(utterance);
  }

  /** Says one utterance in the open session, relaunching first if the last one closed it. */
  async say(utterance: string): Promise<Turn[]> {
    return this.sayHeard(utterance, this.resolve(utterance));
  }

  /** Sends what some NLU heard (the simulator's, or Amazon's own through the Utterance Profiler). */
  async sayHeard(utterance: string, heard: Heard): Promise<Turn[]> {
    const turns: Turn[] = [];
    if (!this.open) turns.push(await this.launch());
    const request: Request = {
      type: 'IntentRequest',
      requestId: this.requestId(),
      timestamp: new Date().toISOString(),
      locale: this.locale,
      dialogState: 'COMPLETED',
      intent: { name: heard.intent, confirmationStatus: 'NONE', slots: slotsOf(heard) },
    };
    turns.push(await this.send(utterance, heard.intent, request));
    return turns;
  }

  private requestId(): string {
    return `amzn1.echo-api.request.${randomUUID()}`;
  }

  private async send(utterance: string | null, intent: string, request: Request): Promise<Turn> {
    const application = { applicationId: SKILL };
    const user = { userId: this.userId };
    const envelope: RequestEnvelope = {
      version: '1.0',
      session: { new: this.fresh, sessionId: this.sessionId, application, user, attributes: this.attributes },
      context: {
        System: {
          application,
          user,
          device: { deviceId: DEVICE, supportedInterfaces: {} },
          apiEndpoint: 'https://api.amazonalexa.com',
        },
      },
      request,
    };
    const result = await this.skillHandler(envelope);
    const response = result.response;
    const attributes = isRecord(result.sessionAttributes) ? result.sessionAttributes : {};
    const endSession = response.shouldEndSession !== false;
    this.open = !endSession;
    this.fresh = false;
    this.attributes = attributes;
    const ssml = response.outputSpeech?.type === 'SSML' ? response.outputSpeech.ssml : '';
    const reprompt = response.reprompt?.outputSpeech?.type === 'SSML' ? response.reprompt.outputSpeech.ssml : undefined;
    const { said } = parseAttributes(attributes).session;
    return {
      utterance,
      intent,
      move: typeof attributes.move === 'string' ? attributes.move : null,
      topic: typeof attributes.topic === 'string' ? attributes.topic : null,
      keys: typeof said === 'object' ? said.lines.map((line) => line.key) : [],
      speech: spokenText(text(ssml)),
      ssml,
      reprompt: reprompt === undefined ? null : spokenText(reprompt),
      endSession,
    };
  }
}

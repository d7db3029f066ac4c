/** Small builders for Alexa request envelopes, for the tests and for the tools that ask the real handler directly. */
import { randomUUID } from 'node:crypto';
import type { Intent, Request, RequestEnvelope, ResponseEnvelope, Slot } from 'ask-sdk-model';

export interface SlotInput {
  value: string;
  /** The id it resolved to in our slot type; omit for ER_SUCCESS_NO_MATCH. */
  id?: string;
}

export interface EnvelopeOptions {
  locale?: string;
  attributes?: Record<string, unknown>;
  newSession?: boolean;
  apl?: boolean;
  /** Defaults to a new listener each time, so stored preferences never leak between tests. */
  userId?: string;
}

export function slot(name: string, input: SlotInput): Slot {
  const authority = `amzn1.er-authority.echo-sdk.test.${name}`;
  return {
    name,
    value: input.value,
    confirmationStatus: 'NONE',
    resolutions: {
      resolutionsPerAuthority: [
        input.id === undefined
          ? { authority, status: { code: 'ER_SUCCESS_NO_MATCH' }, values: [] }
          : {
              authority,
              status: { code: 'ER_SUCCESS_MATCH' },
              values: [{ value: { name: input.value, id: input.id } }],
            },
      ],
    },
  };
}

export function intentRequest(name: string, slots: Record<string, SlotInput> = {}, locale = 'en-US'): Request {
  const intent: Intent = {
    name,
    confirmationStatus: 'NONE',
    slots: Object.fromEntries(Object.entries(slots).map(([slotName, input]) => [slotName, slot(slotName, input)])),
  };
  return {
    type: 'IntentRequest',
    requestId: 'amzn1.echo-api.request.test',
    timestamp: new Date().toISOString(),
    locale,
    dialogState: 'COMPLETED',
    intent,
  };
}

export function launchRequest(locale = 'en-US'): Request {
  return {
    type: 'LaunchRequest',
    requestId: 'amzn1.echo-api.request.test',
    timestamp: new Date().toISOString(),
    locale,
  };
}

export function envelope(request: Request, options: EnvelopeOptions = {}): RequestEnvelope {
  const application = { applicationId: 'amzn1.ask.skill.test' };
  const user = { userId: options.userId ?? `amzn1.ask.account.${randomUUID()}` };
  return {
    version: '1.0',
    session: {
      new: options.newSession ?? request.type === 'LaunchRequest',
      sessionId: 'amzn1.echo-api.session.test',
      application,
      user,
      attributes: options.attributes ?? {},
    },
    context: {
      System: {
        application,
        user,
        device: {
          deviceId: 'amzn1.ask.device.test',
          supportedInterfaces:
            options.apl === true ? { 'Alexa.Presentation.APL': { runtime: { maxVersion: '2023.3' } } } : {},
        },
        apiEndpoint: 'https://api.amazonalexa.com',
      },
    },
    request,
  };
}

/** The SSML a response speaks, or nothing. */
export function speechOf(response: ResponseEnvelope): string {
  const speech = response.response.outputSpeech;
  return speech?.type === 'SSML' ? speech.ssml : '';
}

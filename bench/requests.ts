/**
 * The request kinds the benchmark times, as envelopes. A launch opens a new session; every other kind
 * is the turn after that launch, carrying the session attributes the skill's own launch answer left,
 * as Alexa would send them back.
 */
import type { Request, RequestEnvelope } from 'ask-sdk-model';

export const KINDS = ['launch', 'section', 'fact', 'glossary', 'emergency', 'help', 'fallback'] as const;

export type Kind = (typeof KINDS)[number];

export type Attributes = Record<string, unknown>;

const application = { applicationId: 'amzn1.ask.skill.bench' };
const user = { userId: 'amzn1.ask.account.bench' };

function envelope(request: Request, attributes: Attributes): RequestEnvelope {
  return {
    version: '1.0',
    session: {
      new: request.type === 'LaunchRequest',
      sessionId: 'amzn1.echo-api.session.bench',
      application,
      user,
      attributes,
    },
    context: {
      System: {
        application,
        user,
        device: { deviceId: 'amzn1.ask.device.bench', supportedInterfaces: {} },
        apiEndpoint: 'https://api.amazonalexa.com',
      },
    },
    request,
  };
}

const timestamp = new Date().toISOString();

export function launchEnvelope(): RequestEnvelope {
  return envelope({ type: 'LaunchRequest', requestId: 'amzn1.echo-api.request.bench', timestamp, locale: 'en-US' }, {});
}

function intent(
  name: string,
  attributes: Attributes,
  slots: Record<string, { value: string; id: string }> = {},
): RequestEnvelope {
  return envelope(
    {
      type: 'IntentRequest',
      requestId: 'amzn1.echo-api.request.bench',
      timestamp,
      locale: 'en-US',
      dialogState: 'COMPLETED',
      intent: {
        name,
        confirmationStatus: 'NONE',
        slots: Object.fromEntries(
          Object.entries(slots).map(([slot, { value, id }]) => [
            slot,
            {
              name: slot,
              value,
              confirmationStatus: 'NONE',
              resolutions: {
                resolutionsPerAuthority: [
                  {
                    authority: 'bench',
                    status: { code: 'ER_SUCCESS_MATCH' },
                    values: [{ value: { name: value, id } }],
                  },
                ],
              },
            },
          ]),
        ),
      },
    },
    attributes,
  );
}

/** Every kind, the intents carrying `attributes`: what the skill's launch answer left in the session. */
export function envelopes(attributes: Attributes): Record<Kind, RequestEnvelope> {
  return {
    launch: launchEnvelope(),
    section: intent('RisksIntent', attributes),
    fact: intent('DurationFactIntent', attributes),
    glossary: intent('GlossaryIntent', attributes, { term: { value: 'vertebrae', id: 'vertebrae' } }),
    emergency: intent('EmergencyIntent', attributes),
    help: intent('AMAZON.HelpIntent', attributes),
    fallback: intent('AMAZON.FallbackIntent', attributes),
  };
}

/** The request kinds the benchmark times, as envelopes. */
import type { Request, RequestEnvelope } from 'ask-sdk-model';

function envelope(request: Request): RequestEnvelope {
  const application = { applicationId: 'amzn1.ask.skill.bench' };
  const user = { userId: 'amzn1.ask.account.bench' };
  return {
    version: '1.0',
    session: { new: request.type === 'LaunchRequest', sessionId: 'amzn1.echo-api.session.bench', application, user, attributes: { topic: 'welcome' } },
    context: { System: { application, user, device: { deviceId: 'amzn1.ask.device.bench', supportedInterfaces: {} }, apiEndpoint: 'https://api.amazonalexa.com' } },
    request,
  };
}

function intent(name: string, slots: Record<string, { value: string; id: string }> = {}): RequestEnvelope {
  return envelope({
    type: 'IntentRequest',
    requestId: 'amzn1.echo-api.request.bench',
    timestamp: new Date().toISOString(),
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
            resolutions: { resolutionsPerAuthority: [{ authority: 'bench', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: value, id } }] }] },
          },
        ]),
      ),
    },
  });
}

export const kinds: Record<string, RequestEnvelope> = {
  launch: envelope({ type: 'LaunchRequest', requestId: 'amzn1.echo-api.request.bench', timestamp: new Date().toISOString(), locale: 'en-US' }),
  section: intent('RisksIntent'),
  fact: intent('DurationFactIntent'),
  glossary: intent('GlossaryIntent', { term: { value: 'vertebrae', id: 'vertebrae' } }),
  emergency: intent('EmergencyIntent'),
  help: intent('AMAZON.HelpIntent'),
  fallback: intent('AMAZON.FallbackIntent'),
};

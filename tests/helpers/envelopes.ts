/** The envelope builders (tools/envelopes.ts), and a way to invoke the real handler with them. */
import type { Request, ResponseEnvelope } from 'ask-sdk-model';
import { handler } from '../../lambda/src/index';
import { envelope, type EnvelopeOptions } from '../../tools/envelopes';

export * from '../../tools/envelopes';

export async function invoke(request: Request, options: EnvelopeOptions = {}): Promise<ResponseEnvelope> {
  return handler(envelope(request, options));
}

export function repromptOf(response: ResponseEnvelope): string {
  const speech = response.response.reprompt?.outputSpeech;
  return speech?.type === 'SSML' ? speech.ssml : '';
}

export function topicOf(response: ResponseEnvelope): unknown {
  return response.sessionAttributes?.topic;
}

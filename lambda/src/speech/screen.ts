/**
 * What a device with a screen shows: the words just spoken, in large, high-contrast text, and nothing
 * else. The text goes in as data, never as markup.
 */
import type { HandlerInput } from 'ask-sdk-core';
import type { Directive, RequestEnvelope } from 'ask-sdk-model';
import { deepFreeze } from '../json';

const APL = 'Alexa.Presentation.APL';
const TOKEN = 'transcript';

function supportsApl(envelope: RequestEnvelope | undefined): boolean {
  const interfaces: unknown = envelope?.context?.System?.device?.supportedInterfaces;
  return typeof interfaces === 'object' && interfaces !== null && APL in interfaces;
}

export function inputSupportsApl(input: HandlerInput): boolean {
  return supportsApl(input.requestEnvelope);
}

/**
 * A single scrolling page: a heading and the transcript, white on black, at sizes readable from a distance.
 * Every directive shares it, so it is frozen.
 */
const document = deepFreeze({
  type: 'APL',
  version: '2023.3',
  theme: 'dark',
  mainTemplate: {
    parameters: ['transcript'],
    items: [
      {
        type: 'ScrollView',
        width: '100vw',
        height: '100vh',
        item: {
          type: 'Container',
          paddingLeft: '6vw',
          paddingRight: '6vw',
          paddingTop: '5vh',
          paddingBottom: '5vh',
          items: [
            {
              type: 'Text',
              text: '${transcript.title}',
              fontSize: '48dp',
              fontWeight: 'bold',
              color: '#FFFFFF',
              paddingBottom: '3vh',
            },
            { type: 'Text', text: '${transcript.body}', fontSize: '40dp', lineHeight: 1.4, color: '#FFFFFF' },
          ],
        },
      },
    ],
  },
  background: '#000000',
});

export function transcriptDirective(title: string, body: string): Directive {
  return {
    type: `${APL}.RenderDocument`,
    token: TOKEN,
    document,
    datasources: { transcript: { title, body } },
  };
}

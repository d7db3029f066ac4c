/** Small, total predicates over a request. None of them throws, whatever the request looks like. */
import type { HandlerInput } from 'ask-sdk-core';
import type { IntentRequest, RequestEnvelope, Slot } from 'ask-sdk-model';

export function requestType(input: HandlerInput): string {
  const request: { type?: unknown } | undefined = input.requestEnvelope?.request;
  return typeof request?.type === 'string' ? request.type : '';
}

export function isType(input: HandlerInput, type: string): boolean {
  return requestType(input) === type;
}

function intentOf(input: HandlerInput): IntentRequest['intent'] | undefined {
  const request = input.requestEnvelope?.request;
  if (request?.type !== 'IntentRequest') return undefined;
  return typeof request.intent?.name === 'string' ? request.intent : undefined;
}

export function intentName(input: HandlerInput): string | undefined {
  return intentOf(input)?.name;
}

export function isIntent(input: HandlerInput, name: string): boolean {
  return intentName(input) === name;
}

/** Whether the request is one of these intents. A set made once: every request asks each handler. */
export function isIntentOf(input: HandlerInput, names: ReadonlySet<string>): boolean {
  const name = intentName(input);
  return name !== undefined && names.has(name);
}

/** The request's locale, read from the raw envelope (the last resort has no HandlerInput). */
export function localeOfEnvelope(envelope: RequestEnvelope | undefined): string {
  const locale: unknown = envelope?.request?.locale;
  return typeof locale === 'string' && locale.length > 0 ? locale : 'en-US';
}

export function localeOf(input: HandlerInput): string {
  return localeOfEnvelope(input.requestEnvelope);
}

/** The id of the value a slot resolved to in our own slot type, if it resolved. */
export function resolvedSlotId(input: HandlerInput, slotName: string): string | undefined {
  const slot: Slot | undefined = intentOf(input)?.slots?.[slotName];
  const authorities = slot?.resolutions?.resolutionsPerAuthority ?? [];
  for (const authority of authorities) {
    if (authority.status?.code === 'ER_SUCCESS_MATCH') {
      const id = authority.values?.[0]?.value?.id;
      if (typeof id === 'string' && id.length > 0) return id;
    }
  }
  return undefined;
}

/** The raw words heard for a slot. Use only to look them up in our own lists: never speak or log them. */
export function slotWords(input: HandlerInput, slotName: string): string | undefined {
  const value: unknown = intentOf(input)?.slots?.[slotName]?.value;
  return typeof value === 'string' && value.trim().length > 0 ? value : undefined;
}

/** Every slot value heard, in the order the intent lists its slots. Use only to read them: never speak or log them. */
export function slotValues(input: HandlerInput): string[] {
  return Object.values(intentOf(input)?.slots ?? {}).flatMap((slot) => {
    const value: unknown = slot?.value;
    return typeof value === 'string' && value.trim().length > 0 ? [value] : [];
  });
}

/**
 * The checks on the request body itself: JSON in UTF-8, the shape of an Alexa request envelope,
 * the request's age, and the skill it was meant for.
 */
import type { RequestEnvelope } from 'ask-sdk-model';
import { Refusal } from './refusal';
import { isRecord } from '../lambda/src/json';

/** How far a request's timestamp may be from our clock, either way. */
const TIMESTAMP_TOLERANCE_MS = 150_000;
/** AlexaSkillEvent requests (skill enabled, permissions changed...) may arrive up to an hour late. */
const SKILL_EVENT_MAX_AGE_MS = 3_600_000;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function optionalObject(value: unknown): boolean {
  return value === undefined || isRecord(value);
}

/** The fields the skill and these checks rely on; the rest is left to ask-sdk. */
function isRequestEnvelope(value: unknown): value is RequestEnvelope {
  if (!isRecord(value) || !('version' in value) || typeof value.version !== 'string') return false;
  if (!('request' in value) || !isRecord(value.request)) return false;
  const { request } = value;
  const requestFields =
    'type' in request &&
    typeof request.type === 'string' &&
    'requestId' in request &&
    typeof request.requestId === 'string' &&
    'timestamp' in request &&
    typeof request.timestamp === 'string';
  if (!requestFields) return false;
  const context = 'context' in value ? value.context : undefined;
  if (!optionalObject(context)) return false;
  if (isRecord(context) && 'System' in context && !isRecord(context.System)) return false;
  return optionalObject('session' in value ? value.session : undefined);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseEnvelope(body: Buffer): RequestEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch {
    throw new Refusal('body_json');
  }
  if (!isRequestEnvelope(value)) throw new Refusal('body_shape');
  return value;
}

export function checkTimestamp(envelope: RequestEnvelope, now: number): void {
  const { timestamp, type } = envelope.request;
  const at = ISO_8601.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (!Number.isFinite(at)) throw new Refusal('timestamp');
  const maxAge = type.startsWith('AlexaSkillEvent.') ? SKILL_EVENT_MAX_AGE_MS : TIMESTAMP_TOLERANCE_MS;
  const age = now - at;
  if (age > maxAge || -age > TIMESTAMP_TOLERANCE_MS) throw new Refusal('timestamp');
}

/** Every application ID the request carries (context and session) must be ours, and there must be one. */
export function checkSkillId(envelope: RequestEnvelope, skillId: string): void {
  const fromContext: unknown = envelope.context?.System?.application?.applicationId;
  const fromSession: unknown = envelope.session?.application?.applicationId;
  const ids = [fromContext, fromSession].filter((id) => id !== undefined);
  if (ids.length === 0 || ids.some((id) => id !== skillId)) throw new Refusal('skill_id');
}

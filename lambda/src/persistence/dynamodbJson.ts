/**
 * DynamoDB's typed JSON (AttributeValue) for the values the store writes: JSON values, since every item is
 * built from jsonCopy'd attributes, a number stamp and strings. So the six types JSON has are the six used:
 * S, N, BOOL, NULL, L and M, written exactly as aws-lite (and the AWS SDK's util-dynamodb, which it vendors)
 * wrote them, so that the items it stored read back the same:
 *
 *   { id: 'k', stamp: 5, attributes: { rate: 85, last: null, tags: ['a'] } }
 *   → { id: { S: 'k' }, stamp: { N: '5' }, attributes: { M: { rate: { N: '85' }, last: { NULL: true }, tags: { L: [{ S: 'a' }] } } } }
 *
 * Sets (SS, NS, BS) and binary (B) are never written by the store; reading one throws, as does writing a
 * value JSON cannot hold. Neither error repeats the value.
 */
import { isRecord } from '../json';

export class DynamoDbValueError extends Error {
  override name = 'DynamoDbValueError';
}

/** One typed value: exactly one of these keys. */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> };

/** A plain object: what JSON.parse makes, and what the store builds its items from. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function toAttribute(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number') {
    // As util-dynamodb: DynamoDB has no NaN or infinity, and a number past 2^53 has already lost digits.
    if (!Number.isFinite(value)) throw new DynamoDbValueError('DynamoDB cannot store NaN or an infinity');
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) throw new DynamoDbValueError('a number past 2^53 cannot be kept');
    return { N: String(value) };
  }
  if (Array.isArray(value)) return { L: value.map(toAttribute) };
  if (isPlainObject(value)) return { M: toAttributes(value) };
  throw new DynamoDbValueError(`DynamoDB JSON has no ${typeof value} values`);
}

/** An item, a key or a set of expression values: each field typed. */
export function toAttributes(values: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toAttribute(value)]));
}

export function fromAttribute(typed: unknown): unknown {
  if (!isRecord(typed)) throw new DynamoDbValueError('a DynamoDB value is not an object');
  const [type, ...others] = Object.keys(typed);
  if (type === undefined || others.length > 0) throw new DynamoDbValueError('a DynamoDB value has not one type');
  const value = typed[type];
  switch (type) {
    case 'S':
      if (typeof value === 'string') return value;
      break;
    case 'N':
      // DynamoDB may write a number back in another form than it was sent ("1.5e-7" as "0.00000015"). One past
      // 2^53, which the store never writes, reads as the nearest double, where util-dynamodb made a BigInt that
      // JSON cannot hold.
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      break;
    case 'BOOL':
      if (typeof value === 'boolean') return value;
      break;
    case 'NULL':
      if (value === true) return null;
      break;
    case 'L':
      if (Array.isArray(value)) return value.map(fromAttribute);
      break;
    case 'M':
      if (isRecord(value)) return fromAttributes(value);
      break;
    default:
      throw new DynamoDbValueError(`the store never writes DynamoDB type ${type.slice(0, 8)}`);
  }
  throw new DynamoDbValueError(`a DynamoDB ${type} value is malformed`);
}

/**
 * An item's fields as plain values. Object.fromEntries defines each field as the item's own, so a field
 * named "__proto__" stays data and never becomes the object's prototype.
 */
export function fromAttributes(typed: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(typed).map(([name, value]) => [name, fromAttribute(value)]));
}

/**
 * DynamoDB's typed JSON, as the store's client writes and reads it: the same as aws-lite wrote (so items
 * already stored read back unchanged), every JSON value round-trips, and anything else fails with an error
 * that does not repeat the value.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import {
  DynamoDbValueError,
  fromAttribute,
  fromAttributes,
  toAttribute,
  toAttributes,
} from '../../lambda/src/persistence/dynamodbJson';
import { EVERY_TYPE, SAVED, TOMBSTONE } from '../helpers/storedByAwsLite';

const SEED = 19;

describe.each([
  ['saved preferences', SAVED],
  ['every JSON type', EVERY_TYPE],
  ['a tombstone', TOMBSTONE],
])('an item aws-lite stored: %s', (_, { plain, typed }) => {
  it('is written as aws-lite wrote it, field for field and in the same order', () => {
    expect(JSON.stringify(toAttributes(plain))).toBe(JSON.stringify(typed));
  });

  it('reads back as it was saved', () => {
    expect(fromAttributes(typed)).toEqual(plain);
  });
});

/** JSON values as jsonCopy leaves them: numbers within 2^53 (larger ones cannot be kept exactly), no -0. */
const jsonValue = fc
  .letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    ),
  }))
  .value.map((value): unknown => JSON.parse(JSON.stringify(value)));

describe('DynamoDB typed JSON', () => {
  it('round-trips every JSON value', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(fromAttribute(toAttribute(value))).toEqual(value);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('reads a number in any form DynamoDB may send it back in', () => {
    expect(fromAttribute({ N: '0.00000015' })).toBe(1.5e-7);
    expect(fromAttribute({ N: '1E+2' })).toBe(100);
    expect(fromAttribute({ N: '-0' })).toBe(-0);
  });

  it('keeps a field named __proto__ as data, never as the prototype', () => {
    const typed: Record<string, unknown> = JSON.parse('{"__proto__":{"M":{"rate":{"N":"1"}}}}');
    const plain = fromAttributes(typed);
    expect(Object.keys(plain)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(toAttributes(JSON.parse('{"__proto__":{"rate":1}}'))).toEqual(typed);
  });

  it.each([
    ['NaN', Number.NaN],
    ['an infinity', Number.POSITIVE_INFINITY],
    ['a number past 2^53', 2 ** 53 + 2],
    ['undefined', undefined],
    ['a function', () => 7],
    ['a bigint', 7n],
    ['a Date', new Date(7)],
    ['a Set', new Set(['leaked-sentinel'])],
    ['a Map', new Map([['k', 'leaked-sentinel']])],
  ])('refuses to write %s, without repeating it', (_, value) => {
    let thrown: unknown;
    try {
      toAttributes({ attributes: { nested: value } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DynamoDbValueError);
    expect(inspect(thrown)).not.toContain('leaked-sentinel');
    expect(inspect(thrown)).not.toContain('9007199254740994');
  });

  it.each([
    ['a string set', { SS: ['leaked-sentinel'] }],
    ['a number set', { NS: ['1'] }],
    ['binary', { B: 'bGVha2Vk' }],
    ['an unknown type', { X: 'leaked-sentinel' }],
    ['a number that is not one', { N: 'leaked-sentinel' }],
    ['an empty number', { N: '' }],
    ['a string that is not one', { S: 7 }],
    ['NULL that is not true', { NULL: false }],
    ['no type', {}],
    ['two types', { S: 'leaked-sentinel', N: '1' }],
    ['not an object', 'leaked-sentinel'],
  ])('refuses to read %s, without repeating it', (_, typed) => {
    let thrown: unknown;
    try {
      fromAttributes({ attributes: { M: { nested: typed } } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DynamoDbValueError);
    expect(inspect(thrown)).not.toContain('leaked-sentinel');
  });
});

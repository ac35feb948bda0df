import { describe, expect, it } from 'vitest';
import { describeValue, showValue } from './describe-value.js';

describe('describeValue', () => {
  it('quotes strings, names types of objects and arrays, shows other scalars with their type', () => {
    expect(describeValue('abc')).toBe('the string "abc"');
    expect(describeValue('')).toBe('the string ""');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(3)).toBe('number 3');
    expect(describeValue(Number.NaN)).toBe('number NaN');
    expect(describeValue(true)).toBe('boolean true');
    expect(describeValue([1, 2])).toBe('an array ([1,2])');
    expect(describeValue({ a: 1 })).toBe('a Object ({"a":1})');
    expect(describeValue(new Map())).toBe('a Map ({})');
    expect(describeValue(Object.create(null))).toBe('a object ({})');
  });
  it('cuts the JSON of a large object at 60 characters', () => {
    const s = describeValue({ long: 'x'.repeat(200) });
    expect(s).toBe(`a Object (${JSON.stringify({ long: 'x'.repeat(200) }).slice(0, 60)})`);
  });
});

describe('showValue', () => {
  it('numbers JSON cannot hold stay visible; other values are their JSON', () => {
    expect(showValue(Infinity)).toBe('Infinity');
    expect(showValue(JSON.parse('1e400'))).toBe('Infinity');
    expect(showValue(Number.NaN)).toBe('NaN');
    expect(showValue(-0.5)).toBe('-0.5');
    expect(showValue('a')).toBe('"a"');
    expect(showValue({ a: [1] })).toBe('{"a":[1]}');
    expect(showValue(undefined)).toBe('undefined');
  });
  it('falls back to String for values JSON refuses (BigInt, cycles)', () => {
    expect(showValue(10n)).toBe('10');
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(showValue(cyc)).toBe('[object Object]');
  });
});

/** requireNumber and BaselineParameterError: every refusal names the field, the allowed range and the value. */
import { describe, expect, it } from 'vitest';
import { FieldError } from '../util/field-error.js';
import { BaselineParameterError, requireNumber } from './errors.js';

function refusal(f: () => unknown): BaselineParameterError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(BaselineParameterError);
    return e as BaselineParameterError;
  }
  throw new Error('expected a refusal');
}

describe('requireNumber', () => {
  it('returns the value when it is inside the range (bounds inclusive for min/max, strict for gt)', () => {
    expect(requireNumber('k', 1.5)).toBe(1.5);
    expect(requireNumber('k', 0, { min: 0 })).toBe(0);
    expect(requireNumber('k', 3, { max: 3 })).toBe(3);
    expect(requireNumber('k', 1e-12, { gt: 0 })).toBe(1e-12);
    expect(requireNumber('n', 4, { integer: true, min: 1, max: 4 })).toBe(4);
    expect(requireNumber('x', -7, { min: -7 })).toBe(-7);
  });

  it('names the field, the whole range and the value received', () => {
    expect(() => requireNumber('k', -1, { gt: 0 })).toThrow('k must be > 0, got -1');
    expect(() => requireNumber('k', 0, { gt: 0 })).toThrow('k must be > 0, got 0');
    expect(() => requireNumber('gamma', -0.5, { min: 0 })).toThrow('gamma must be >= 0, got -0.5');
    expect(() => requireNumber('mix', 1.5, { min: 0, max: 1 })).toThrow('mix must be >= 0 and <= 1, got 1.5');
    expect(() => requireNumber('levels', 2.5, { integer: true, min: 1 })).toThrow('levels must be an integer and >= 1, got 2.5');
    expect(() => requireNumber('q', 9, { integer: true, gt: 0, max: 8 })).toThrow('q must be an integer and > 0 and <= 8, got 9');
    expect(() => requireNumber('depth', Number.NaN)).toThrow('depth must be a finite number, got NaN');
    expect(() => requireNumber('depth', Infinity, { min: 0 })).toThrow('depth must be >= 0, got Infinity');
    expect(() => requireNumber('depth', '1')).toThrow('depth must be a finite number, got 1');
    expect(() => requireNumber('depth', undefined, { gt: 0 })).toThrow('depth must be > 0, got undefined');
    expect(() => requireNumber('depth', null)).toThrow('depth must be a finite number, got null');
  });

  it('throws a BaselineParameterError, a FieldError carrying the field', () => {
    const e = refusal(() => requireNumber('sigma', -2, { gt: 0 }));
    expect(e).toBeInstanceOf(FieldError);
    expect(e.name).toBe('BaselineParameterError');
    expect(e.field).toBe('sigma');
    expect(e.message).toBe('sigma must be > 0, got -2');
    const direct = new BaselineParameterError('A', 'A must be > 0, got 0');
    expect([direct.name, direct.field, direct.message]).toEqual(['BaselineParameterError', 'A', 'A must be > 0, got 0']);
  });
});

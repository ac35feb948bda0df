import { describe, expect, it } from 'vitest';
import { assertFiniteObservations } from './finite-obs.js';

describe('assertFiniteObservations', () => {
  it('passes finite rows', () => {
    expect(() => assertFiniteObservations('p', Float32Array.from([0, -1, 1e30, 3]), 2)).not.toThrow();
    expect(() => assertFiniteObservations('p', new Float32Array(0), 2)).not.toThrow();
  });
  it('names the policy, row and column of the first bad value', () => {
    expect(() => assertFiniteObservations('hjb', Float32Array.from([0, 0, 0, 0, 0, Number.NaN]), 3)).toThrow('hjb.act: observation row 1, column 2 must be a finite number, got NaN');
    expect(() => assertFiniteObservations('as', [0, Infinity, -Infinity], 2)).toThrow('as.act: observation row 0, column 1 must be a finite number, got Infinity');
    expect(() => assertFiniteObservations('as', [0, 0, -Infinity], 2)).toThrow(RangeError);
    expect(() => assertFiniteObservations('x', ['1' as unknown as number], 1)).toThrow('row 0, column 0 must be a finite number, got 1');
  });
});

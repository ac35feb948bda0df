import { describe as group, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { describe } from './describe.js';

group('describe', () => {
  it('n, mean, sample sd (n - 1) and se = sd / sqrt(n) against a two-pass computation', () => {
    const rng = seedrandom('describe');
    const x = Float64Array.from({ length: 123 }, () => 1e6 + rng()); // large offset: no cancellation
    const n = x.length;
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    const d = describe(x);
    expect(d.n).toBe(n);
    expect(d.mean).toBeCloseTo(mean, 9);
    expect(d.std).toBeCloseTo(sd, 9);
    expect(d.se).toBeCloseTo(sd / Math.sqrt(n), 10);
    expect(Math.abs(d.std - 1 / Math.sqrt(12))).toBeLessThan(0.05); // uniform(0, 1) spread
  });
  it('hand values; one value has sd 0; none is refused', () => {
    expect(describe([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, std: Math.sqrt(32 / 7), se: Math.sqrt(32 / 7) / Math.sqrt(8) });
    expect(describe([3])).toEqual({ n: 1, mean: 3, std: 0, se: 0 });
    expect(() => describe([])).toThrow('describe needs at least one value, got 0');
  });
});

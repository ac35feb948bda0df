import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { tailRisk } from './risk.js';

describe('tailRisk', () => {
  it('VaR = -(k-th smallest), CVaR = -(mean of the k smallest), k = ceil(n (1 - level)), on random samples', () => {
    const rng = seedrandom('var');
    for (const n of [1, 7, 20, 99, 101, 1000]) {
      const x = Array.from({ length: n }, () => rng() * 10 - 5);
      const sorted = [...x].sort((a, b) => a - b);
      for (const level of [0.5, 0.9, 0.95, 0.99]) {
        // k by exact rational arithmetic: ceil(n (100 - 100 level) / 100)
        const k = Math.max(1, Math.ceil((n * Math.round(100 - 100 * level)) / 100));
        const r = tailRisk(x, level);
        expect(r.level).toBe(level);
        expect(r.valueAtRisk).toBe(-sorted[k - 1]!);
        expect(r.conditionalValueAtRisk).toBeCloseTo(-sorted.slice(0, k).reduce((a, b) => a + b, 0) / k, 12);
        expect(r.conditionalValueAtRisk).toBeGreaterThanOrEqual(r.valueAtRisk - 1e-12);
      }
    }
  });
  it('n (1 - level) at an integer is not rounded up by float error (100 x 0.05 = 5.000000000000004)', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    expect(tailRisk(x, 0.95).valueAtRisk).toBe(-4);
    expect(tailRisk(x, 0.95).conditionalValueAtRisk).toBe(-2);
    expect(tailRisk(Float64Array.of(3, -2), 0.99)).toEqual({ level: 0.99, valueAtRisk: 2, conditionalValueAtRisk: 2 });
  });
  it('named errors', () => {
    expect(() => tailRisk([], 0.95)).toThrow('tailRisk needs at least one episode, got 0');
    expect(() => tailRisk([1], 0)).toThrow('VaR level must be in (0, 1), got 0');
    expect(() => tailRisk([1], Number.NaN)).toThrow('VaR level must be in (0, 1), got NaN');
  });
});

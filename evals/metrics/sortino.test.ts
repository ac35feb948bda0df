import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { sortinoRatio } from './sortino.js';

describe('sortinoRatio', () => {
  it('mean / sqrt(mean of min(x, 0)^2) on random PnL (n in the denominator, not the losing count), annualised', () => {
    const rng = seedrandom('sortino');
    const x = Array.from({ length: 300 }, () => rng() * 2 - 0.7);
    const n = x.length;
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const dd = Math.sqrt(x.reduce((a, b) => a + Math.min(b, 0) ** 2, 0) / n);
    const r = sortinoRatio(x, 12);
    expect(r.perEpisode!).toBeCloseTo(mean / dd, 12);
    expect(r.annualised!).toBeCloseTo((mean / dd) * Math.sqrt(12), 12);
    expect(sortinoRatio(x.map((v) => 7 * v), 12).perEpisode!).toBeCloseTo(mean / dd, 12);
  });
  it('gains beyond the target do not move the downside deviation', () => {
    const a = sortinoRatio([-1, 2, 3], 1);
    const b = sortinoRatio([-1, 20, 3], 1);
    // DD = sqrt(1/3) in both; only the mean changes
    expect(a.perEpisode! * Math.sqrt(1 / 3)).toBeCloseTo(4 / 3, 14);
    expect(b.perEpisode! * Math.sqrt(1 / 3)).toBeCloseTo(22 / 3, 14);
  });
  it('null with fewer than 2 episodes or no losses (zero PnL is not a loss)', () => {
    expect(sortinoRatio([-3], 1)).toEqual({ perEpisode: null, annualised: null });
    expect(sortinoRatio([0, 0, 1], 1)).toEqual({ perEpisode: null, annualised: null });
    expect(() => sortinoRatio([1, 2], -1)).toThrow('episodesPerYear must be > 0, got -1');
  });
});

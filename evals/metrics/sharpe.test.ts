import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { sharpeRatio } from './sharpe.js';

describe('sharpeRatio', () => {
  it('mean / sample sd on random PnL, annualised by sqrt(episodes per year); scale-invariant', () => {
    const rng = seedrandom('sharpe');
    const x = Array.from({ length: 200 }, () => rng() * 3 - 1);
    const m = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
    const s = sharpeRatio(x, 63);
    expect(s.perEpisode!).toBeCloseTo(m / sd, 12);
    expect(s.annualised!).toBeCloseTo((m / sd) * Math.sqrt(63), 12);
    expect(sharpeRatio(x.map((v) => 1000 * v), 63).perEpisode!).toBeCloseTo(m / sd, 12);
    expect(sharpeRatio(x.map((v) => -v), 63).perEpisode!).toBeCloseTo(-m / sd, 12);
  });
  it('null where the variance is at rounding level of the mean', () => {
    expect(sharpeRatio([1e6, 1e6 + 1e-7, 1e6], 252)).toEqual({ perEpisode: null, annualised: null });
    expect(sharpeRatio([1e6, 1e6 + 1, 1e6], 252).perEpisode).not.toBeNull();
    expect(sharpeRatio([], 252)).toEqual({ perEpisode: null, annualised: null });
  });
  it('episodesPerYear must be > 0', () => {
    expect(() => sharpeRatio([1, 2], 0)).toThrow('episodesPerYear must be > 0, got 0');
    expect(() => sharpeRatio([1, 2], Number.NaN)).toThrow('episodesPerYear must be > 0, got NaN');
  });
});

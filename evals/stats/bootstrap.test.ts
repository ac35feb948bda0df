/**
 * Percentile bootstrap of a mean: reproducible by seed, the interval brackets the sample mean and
 * its width matches the normal theory 2 z sd/sqrt(n) for a smooth sample; coverage of the true mean
 * over repeated samples is within binomial error of the level. Type-7 quantiles against R's values.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { bootstrapMeanCI, quantileSorted } from './bootstrap.js';

describe('quantileSorted', () => {
  it('type 7 (R default): quantile(c(1, 2, 4, 8), p)', () => {
    const x = [1, 2, 4, 8];
    // R: quantile(c(1,2,4,8), c(0, .1, .25, .5, .9, 1)) = 1, 1.3, 1.75, 3, 6.8, 8
    const want = [1, 1.3, 1.75, 3, 6.8, 8];
    [0, 0.1, 0.25, 0.5, 0.9, 1].forEach((p, i) => expect(quantileSorted(x, p)).toBeCloseTo(want[i]!, 12));
    expect(quantileSorted([5], 0.3)).toBe(5);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
  });
});

describe('bootstrapMeanCI', () => {
  const rng = seedrandom('boot');
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const x = Float64Array.from({ length: 400 }, () => 3 + 2 * gauss());
  it('same seed, same interval bit for bit; another seed, another interval', () => {
    const a = bootstrapMeanCI(x, { seed: 7 });
    expect(bootstrapMeanCI(x, { seed: 7 })).toEqual(a);
    expect(bootstrapMeanCI(x, { seed: 8 })).not.toEqual(a);
  });
  it('brackets the sample mean with about the normal-theory width (within 10%)', () => {
    const n = x.length;
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    for (const [level, z] of [[0.95, 1.959964], [0.8, 1.281552]] as const) {
      const [lo, hi] = bootstrapMeanCI(x, { seed: 1, level, resamples: 4000 });
      expect(lo).toBeLessThan(mean);
      expect(hi).toBeGreaterThan(mean);
      expect(Math.abs((hi - lo) / ((2 * z * sd) / Math.sqrt(n)) - 1)).toBeLessThan(0.1);
    }
  });
  it('covers the true mean at about the level over repeated samples (within 4 binomial se)', () => {
    const trials = 200;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const s = Float64Array.from({ length: 40 }, () => gauss());
      const [lo, hi] = bootstrapMeanCI(s, { seed: t, level: 0.9, resamples: 400 });
      if (lo <= 0 && 0 <= hi) covered++;
    }
    // the percentile interval undercovers slightly at n = 40 (about (n-1)/n in width)
    expect(Math.abs(covered / trials - 0.9)).toBeLessThan(4 * Math.sqrt((0.9 * 0.1) / trials));
  });
  it('a constant sample gives a point interval; named errors', () => {
    expect(bootstrapMeanCI([2, 2, 2], { seed: 0 })).toEqual([2, 2]);
    expect(() => bootstrapMeanCI([], { seed: 0 })).toThrow('bootstrapMeanCI needs at least one value, got 0');
    expect(() => bootstrapMeanCI([1], { seed: 0, resamples: 99 })).toThrow('resamples must be an integer >= 100, got 99');
    expect(() => bootstrapMeanCI([1], { seed: 0, level: 1 })).toThrow('level must be in (0, 1), got 1');
  });
});

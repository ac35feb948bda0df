import { describe as suite, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { bootstrapMeanCI, quantileSorted } from './bootstrap.js';
import { describe } from './describe.js';
import { pairedDifference } from './paired.js';

suite('describe / paired / bootstrap', () => {
  it('describes a hand-made sample', () => {
    const d = describe([1, 2, 3, 4]);
    expect(d.mean).toBe(2.5);
    expect(d.std).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(d.se).toBeCloseTo(Math.sqrt(5 / 3) / 2, 14);
    expect(() => describe([])).toThrow(/at least one value, got 0/);
  });

  it('paired t interval on a hand-made pair matches the textbook formula', () => {
    // d = [1, 2, 3, 4, 5]: mean 3, sd sqrt(2.5), t_{0.975,4} = 2.776445105 (table value).
    const a = [2, 4, 6, 8, 10];
    const b = [1, 2, 3, 4, 5];
    const r = pairedDifference(a, b, { seed: 1 });
    const half = 2.776445105 * Math.sqrt(2.5) / Math.sqrt(5);
    console.log('paired t half-width', r.tInterval[1] - 3, 'expected', half, 'tol 1e-8');
    expect(Math.abs(r.tInterval[0] - (3 - half))).toBeLessThan(1e-8);
    expect(Math.abs(r.tInterval[1] - (3 + half))).toBeLessThan(1e-8);
    expect(r.wins).toBe(5);
    expect(r.winRate).toBe(1);
  });

  it('counts ties as half wins', () => {
    const r = pairedDifference([1, 1, 0, 2], [1, 0, 1, 2], { seed: 3 });
    expect([r.wins, r.losses, r.ties]).toEqual([1, 1, 2]);
    expect(r.winRate).toBe(0.5);
  });

  it('bootstrap is seeded (bit-identical) and agrees with the t interval on normal data', () => {
    const rng = seedrandom.alea('normal-data');
    const xs = new Float64Array(2000);
    for (let i = 0; i < xs.length; i++) {
      xs[i] = 1 + Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    }
    const r = pairedDifference(xs, new Float64Array(xs.length), { seed: 42 });
    const again = bootstrapMeanCI(xs, { seed: 42 });
    expect(again).toEqual(r.bootstrapInterval);
    // For n = 2000 normal data both intervals have half-width ~1.96 sd/sqrt(n); allow 10% (MC error of B=2000).
    const wT = r.tInterval[1] - r.tInterval[0];
    const wB = r.bootstrapInterval[1] - r.bootstrapInterval[0];
    console.log('t width', wT, 'bootstrap width', wB, 'tol 10%');
    expect(Math.abs(wB - wT) / wT).toBeLessThan(0.1);
    expect(bootstrapMeanCI(xs, { seed: 43 })).not.toEqual(again);
  });

  it('type-7 quantile', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
  });

  it('rejects mismatched or too-short samples', () => {
    expect(() => pairedDifference([1, 2], [1], { seed: 0 })).toThrow(/same length, got 2 and 1/);
    expect(() => pairedDifference([1], [1], { seed: 0 })).toThrow(/at least 2 episodes, got 1/);
  });
});

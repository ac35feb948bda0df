/**
 * The seeded uniform policy: the same seed gives the same stream whatever the batch split, and the
 * draws are uniform on the action space (moments within 4 standard errors; every discrete index).
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { randomPolicy } from './random.js';

describe('randomPolicy', () => {
  it('one stream: ten batches of 10 rows equal one batch of 100, bit for bit', () => {
    const c = resolveEnvConfig('default');
    const one = randomPolicy(c, { seed: 7 }).act(new Float32Array(200), 100);
    const split = randomPolicy(c, { seed: 7 });
    const parts: number[] = [];
    for (let i = 0; i < 10; i++) parts.push(...split.act(new Float32Array(20), 10));
    expect(parts).toEqual(Array.from(one));
    expect(Array.from(randomPolicy(c).act(new Float32Array(4), 2))).toEqual(Array.from(randomPolicy(c, { seed: 0 }).act(new Float32Array(4), 2)));
  });
  it('Box actions: each component uniform in [low, high] (mean and variance within 4 se)', () => {
    for (const [action, lo, hi] of [[{ mode: 'normalized-depths', maxDepth: 5 }, -1, 1], [{ mode: 'depths', maxDepth: 3 }, 0, 3]] as const) {
      const c = resolveEnvConfig('default', { action });
      const n = 20_000;
      const a = randomPolicy(c, { seed: 11 }).act(new Float32Array(2 * n), n);
      const w = hi - lo;
      for (let j = 0; j < 2; j++) {
        let s = 0;
        let s2 = 0;
        for (let r = 0; r < n; r++) {
          const x = a[2 * r + j]!;
          expect(x >= lo && x <= hi).toBe(true);
          s += x;
          s2 += x * x;
        }
        const mean = s / n;
        const v = s2 / n - mean * mean;
        // uniform: mean (lo+hi)/2, sd w/sqrt(12); var of x^2-based estimate: se ~ w^2 sqrt(4/45)/sqrt(n)
        expect(Math.abs(mean - (lo + hi) / 2)).toBeLessThan((4 * w) / Math.sqrt(12 * n));
        expect(Math.abs(v - (w * w) / 12)).toBeLessThan((4 * w * w * Math.sqrt(1 / 180)) / Math.sqrt(n));
      }
    }
  });
  it('Discrete actions: integers covering every index, counts within 4 se of n/K', () => {
    const c = resolveEnvConfig('default', { action: { mode: 'discrete', grid: [0.5, 1, 2] } });
    const n = 9000;
    const a = randomPolicy(c, { seed: 2 }).act(new Float32Array(2 * n), n);
    expect(a.length).toBe(n);
    const counts = new Array(9).fill(0);
    for (const x of a) {
      expect(Number.isInteger(x) && x >= 0 && x < 9).toBe(true);
      counts[x]++;
    }
    const se = Math.sqrt((n * (1 / 9) * (8 / 9)));
    for (const k of counts) expect(Math.abs(k - n / 9)).toBeLessThan(4 * se);
  });
  it('checks its inputs and records the spec', () => {
    const c = resolveEnvConfig('default');
    expect(() => randomPolicy(c, { seed: 1.5 })).toThrow('seed must be an integer, got 1.5');
    expect(() => randomPolicy(c).act(new Float32Array(3), 2)).toThrow('random.act: obs must hold batch * obsDim = 2 * 2 = 4 values, got 3');
    const p = randomPolicy(c);
    expect(p.name).toBe('random');
    expect(p.spec).toEqual(c);
    expect(p.spec).not.toBe(c);
  });
});

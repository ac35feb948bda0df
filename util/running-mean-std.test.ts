/**
 * RunningMeanStd: the Chan-Golub-LeVeque parallel update against a two-pass mean and population
 * variance of the whole stream (with the epsilon prior sample at mean 0, var 1), and the state
 * round trip with its named errors.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { RunningMeanStd } from './running-mean-std.js';

/** Two-pass moments of the stream with a prior pseudo-sample of weight eps at mean 0, var 1. */
function pooled(rows: number[][], eps: number): { mean: number[]; var: number[] } {
  const d = rows[0]!.length;
  const n = rows.length;
  const tot = n + eps;
  const mean: number[] = [];
  const v: number[] = [];
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (const r of rows) s += r[j]!;
    const m = s / tot; // prior mean 0 contributes 0 * eps
    let ss = eps * (1 + m * m); // prior: E[(x - m)^2] = var + (0 - m)^2
    for (const r of rows) ss += (r[j]! - m) ** 2;
    mean.push(m);
    v.push(ss / tot);
  }
  return { mean, var: v };
}

describe('RunningMeanStd', () => {
  it('starts at mean 0, var 1, count epsilon', () => {
    const r = new RunningMeanStd(3);
    expect(Array.from(r.mean)).toEqual([0, 0, 0]);
    expect(Array.from(r.var)).toEqual([1, 1, 1]);
    expect(r.count).toBe(1e-4);
    expect(new RunningMeanStd(1, 0.5).count).toBe(0.5);
  });

  it('batched updates in any split equal the pooled two-pass moments of the stream', () => {
    const rng = seedrandom('rms-test');
    const rows = Array.from({ length: 37 }, () => [rng() * 10 - 3, 100 + rng() * 0.01, rng() < 0.5 ? -5 : 5]);
    const want = pooled(rows, 1e-4);
    for (const splits of [[37], [1, 36], [10, 10, 10, 7], Array.from({ length: 37 }, () => 1)]) {
      const r = new RunningMeanStd(3);
      let at = 0;
      for (const b of splits) {
        r.update(rows.slice(at, at + b).flat(), b);
        at += b;
      }
      expect(r.count).toBeCloseTo(37 + 1e-4, 12);
      for (let j = 0; j < 3; j++) {
        expect(r.mean[j]).toBeCloseTo(want.mean[j]!, 9);
        expect(Math.abs(r.var[j]! - want.var[j]!)).toBeLessThan(1e-9 * Math.max(1, want.var[j]!));
      }
    }
  });

  it('update with the default batch reads one row', () => {
    const r = new RunningMeanStd(2, 1);
    r.update([4, -2]);
    // prior (0, var 1, weight 1) and one sample: mean = x/2, var = (1 + x^2/4 + x^2/4) / 2
    expect(Array.from(r.mean)).toEqual([2, -1]);
    expect(r.var[0]).toBeCloseTo((1 + 4 + 4) / 2, 12);
    expect(r.var[1]).toBeCloseTo((1 + 1 + 1) / 2, 12);
    expect(r.count).toBe(2);
  });

  it('updateFromMoments merges two groups exactly', () => {
    const r = new RunningMeanStd(1, 2);
    r.mean[0] = 1;
    r.var[0] = 4;
    r.updateFromMoments([4], [1], 4);
    // pooled: n = 6, mean = (2*1 + 4*4)/6 = 3; M2 = 2*4 + 4*1 + 9 * 2 * 4 / 6 = 24
    expect(r.mean[0]).toBeCloseTo(3, 12);
    expect(r.var[0]).toBeCloseTo(24 / 6, 12);
    expect(r.count).toBe(6);
  });

  it('state() / fromState() round trip, with named errors for bad states', () => {
    const r = new RunningMeanStd(2);
    r.update([1, 2, 3, 5], 2);
    const s = r.state();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    const back = RunningMeanStd.fromState(JSON.parse(JSON.stringify(s)));
    expect(Array.from(back.mean)).toEqual(Array.from(r.mean));
    expect(Array.from(back.var)).toEqual(Array.from(r.var));
    expect(back.count).toBe(r.count);
    expect(() => RunningMeanStd.fromState({ mean: [0], var: [1, 1], count: 1 }, 'obsNorm')).toThrow('obsNorm: mean and var must be arrays of equal length');
    expect(() => RunningMeanStd.fromState({ mean: [0], var: [1], count: 0 })).toThrow('normalization.count must be > 0, got 0');
    expect(() => RunningMeanStd.fromState({ mean: [0, 0], var: [1, -1], count: 1 })).toThrow('normalization: entry 1 has mean 0 var -1 (must be finite, var >= 0)');
    expect(() => RunningMeanStd.fromState({ mean: [Number.NaN], var: [1], count: 1 })).toThrow(/entry 0 has mean NaN/);
  });
});

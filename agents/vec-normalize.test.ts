import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../models/random.js';
import { RunningMeanStd, VecNormalize } from './vec-normalize.js';

describe('RunningMeanStd', () => {
  it('equals the direct mean / population variance of all data (parallel moments), up to the 1e-4 prior count', () => {
    const rng = SeededRandom.fromSeed(1);
    const rms = new RunningMeanStd(2);
    const all: number[][] = [[], []];
    for (let b = 0; b < 20; b++) {
      const batch = 1 + (b % 7);
      const x = new Float64Array(batch * 2);
      for (let i = 0; i < batch; i++) {
        x[2 * i] = 3 + 2 * rng.normal();
        x[2 * i + 1] = -1 + 0.5 * rng.normal();
        all[0]!.push(x[2 * i]!);
        all[1]!.push(x[2 * i + 1]!);
      }
      rms.update(x, batch);
    }
    for (let j = 0; j < 2; j++) {
      const xs = all[j]!;
      const m = xs.reduce((s, v) => s + v, 0) / xs.length;
      const v = xs.reduce((s, y) => s + (y - m) ** 2, 0) / xs.length;
      console.log(`dim ${j}: mean ${rms.mean[j]} vs ${m}, var ${rms.var[j]} vs ${v}, tol 1e-4 relative`);
      expect(Math.abs(rms.mean[j]! - m)).toBeLessThan(1e-4 * Math.max(1, Math.abs(m)));
      expect(Math.abs(rms.var[j]! - v) / v).toBeLessThan(1e-4);
    }
  });
});

describe('VecNormalize', () => {
  it('normalises and clips observations, scales rewards by the discounted-return std and resets returns on done', () => {
    const vn = new VecNormalize(1, 2, 0.9);
    vn.observe([0, 10], 2);
    const out = new Float32Array(2);
    vn.normalizeObs([0, 10], 2, out);
    const m = vn.obsRms.mean[0]!;
    const s = Math.sqrt(vn.obsRms.var[0]! + 1e-8);
    expect(out[0]).toBeCloseTo((0 - m) / s, 5);
    expect(out[1]).toBeCloseTo((10 - m) / s, 5);
    vn.normalizeObs([1e6, -1e6], 2, out);
    expect(Array.from(out)).toEqual([10, -10]);
    const r = new Float64Array(2);
    vn.normalizeRewards([1, 2], [0, 1], r);
    // returns = [1, 2] -> ret_rms over them; rewards / sqrt(var + eps).
    const retVar = vn.retRms.var[0]!;
    expect(r[0]).toBeCloseTo(1 / Math.sqrt(retVar + 1e-8), 10);
    expect(r[1]).toBeCloseTo(2 / Math.sqrt(retVar + 1e-8), 10);
    expect(Array.from(vn.returns)).toEqual([1, 0]);
    vn.normalizeRewards([1, 1], [0, 0], r);
    expect(vn.returns[0]).toBeCloseTo(1.9, 12);
    expect(vn.returns[1]).toBeCloseTo(1, 12);
  });

  it('round-trips its state', () => {
    const a = new VecNormalize(2, 1, 0.99);
    a.observe([1, 2, 3, 4], 2);
    const b = new VecNormalize(2, 1, 0.99);
    b.loadState(JSON.parse(JSON.stringify(a.state())));
    expect(b.state()).toEqual(a.state());
    expect(() => new VecNormalize(3, 1, 0.99).loadState(a.state())).toThrow(/obsDim 3/);
  });
});

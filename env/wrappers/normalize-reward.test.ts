/**
 * NormalizeReward (Gymnasium 1.0): G <- G gamma (1 - terminated) + r over the steps, r scaled by
 * 1 / sqrt(var(G) + epsilon) with var the pooled variance of every G so far and the prior
 * pseudo-sample (weight 1e-4, mean 0, variance 1), recomputed by hand, across an episode end;
 * no centring; frozen with updateRunningMean = false; gamma must lie in [0, 1].
 */
import { describe, expect, it } from 'vitest';
import { make } from '../registry.js';
import { NormalizeReward } from './normalize-reward.js';
import { TimeLimit } from './time-limit.js';

function pooledVar(xs: readonly number[]): number {
  const w = 1e-4;
  const tot = w + xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / tot;
  return (w + xs.reduce((a, b) => a + b * b, 0)) / tot - mean * mean;
}

describe('NormalizeReward', () => {
  it('scales r by the running std of the discounted return, which restarts after a terminated step', () => {
    const gamma = 0.9;
    const eps = 1e-8;
    // a 20-step market (liquidation: T 0.2, dt 0.01) so the run crosses episode ends
    const env = new NormalizeReward(make('liquidation'), gamma, eps);
    const raw = make('liquidation');
    env.reset({ seed: 7 });
    raw.reset({ seed: 7 });
    let G = 0;
    const gs: number[] = [];
    let ends = 0;
    for (let k = 0; k < 50; k++) {
      const a = env.step([-0.5, -0.5]);
      const b = raw.step([-0.5, -0.5]);
      G = G * gamma * (b.terminated ? 0 : 1) + b.reward;
      gs.push(G);
      const want = b.reward / Math.sqrt(pooledVar(gs) + eps);
      expect(Math.abs(a.reward - want), `step ${k}: got ${a.reward}, expected ${want}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(want)));
      expect(a.observation).toEqual(b.observation);
      if (b.terminated) {
        ends++;
        env.reset();
        raw.reset();
      }
    }
    expect(ends).toBe(2);
  });

  it('does not restart the discounted return on truncation (only on termination)', () => {
    const env = new NormalizeReward(new TimeLimit(make('as2008'), 3), 0.5);
    const raw = make('as2008');
    env.reset({ seed: 2 });
    raw.reset({ seed: 2 });
    let G = 0;
    const gs: number[] = [];
    for (let k = 0; k < 6; k++) {
      if (k === 3) {
        env.reset({ seed: 3 });
        raw.reset({ seed: 3 });
      }
      const a = env.step([0, 0]);
      const r = raw.step([0, 0]).reward;
      G = G * 0.5 + r;
      gs.push(G);
      expect(a.reward).toBeCloseTo(r / Math.sqrt(pooledVar(gs) + 1e-8), 9);
    }
  });

  it('with updateRunningMean = false keeps the variance fixed', () => {
    const env = new NormalizeReward(make('as2008'));
    env.reset({ seed: 1 });
    for (let k = 0; k < 10; k++) env.step([0, 0]);
    env.updateRunningMean = false;
    const v = env.rms.var[0]!;
    const raw = make('as2008');
    raw.reset({ seed: 1 });
    for (let k = 0; k < 10; k++) raw.step([0, 0]);
    expect(env.step([0, 0]).reward).toBeCloseTo(raw.step([0, 0]).reward / Math.sqrt(v + 1e-8), 12);
    expect(env.rms.var[0]).toBe(v);
  });

  it('refuses gamma outside [0, 1], naming it', () => {
    for (const g of [-0.1, 1.01, NaN]) expect(() => new NormalizeReward(make('as2008'), g)).toThrow(`NormalizeReward: gamma must be in [0, 1], got ${g}`);
    expect(new NormalizeReward(make('as2008'), 1).gamma).toBe(1);
  });
});

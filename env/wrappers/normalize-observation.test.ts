/**
 * NormalizeObservation: obs -> (obs - mean) / sqrt(var + epsilon) with the running moments of
 * every observation seen so far, the current one included (reset's too), recomputed by hand as
 * the pooled moments of the seen observations and the prior pseudo-sample (weight 1e-4, mean 0,
 * variance 1); frozen statistics with updateRunningMean = false; the raw env is untouched.
 */
import { describe, expect, it } from 'vitest';
import { make } from '../registry.js';
import { NormalizeObservation } from './normalize-observation.js';

/** Pooled mean and variance of `xs` with a prior group of weight 1e-4, mean 0, variance 1. */
function pooled(xs: readonly number[]): { mean: number; variance: number } {
  const w = 1e-4;
  const tot = w + xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / tot;
  const second = (w * 1 + xs.reduce((a, b) => a + b * b, 0)) / tot;
  return { mean, variance: second - mean * mean };
}

describe('NormalizeObservation', () => {
  it('standardises each component with the moments of all observations so far (reset included)', () => {
    const eps = 1e-6;
    const env = new NormalizeObservation(make('as2008'), eps);
    const raw = make('as2008');
    const seen: number[][] = [[], []];
    const check = (normed: Float32Array, obs: Float32Array, k: number): void => {
      for (let j = 0; j < 2; j++) {
        seen[j]!.push(obs[j]!);
        const { mean, variance } = pooled(seen[j]!);
        const want = (obs[j]! - mean) / Math.sqrt(variance + eps);
        expect(Math.abs(normed[j]! - want), `step ${k}, component ${j}: got ${normed[j]}, expected ${want}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(want)));
      }
    };
    check(env.reset({ seed: 4 }).observation, raw.reset({ seed: 4 }).observation, 0);
    for (let k = 1; k <= 60; k++) check(env.step([-0.9, -0.9]).observation, raw.step([-0.9, -0.9]).observation, k);
    expect(env.rms.count).toBeCloseTo(61 + 1e-4, 10);
  });

  it('with updateRunningMean = false uses frozen statistics', () => {
    const env = new NormalizeObservation(make('as2008'));
    env.reset({ seed: 1 });
    for (let k = 0; k < 20; k++) env.step([0, 0]);
    env.updateRunningMean = false;
    const mean = Array.from(env.rms.mean);
    const v = Array.from(env.rms.var);
    const raw = make('as2008');
    raw.reset({ seed: 1 });
    for (let k = 0; k < 20; k++) raw.step([0, 0]);
    const n = env.step([0, 0]).observation;
    const o = raw.step([0, 0]).observation;
    expect(Array.from(env.rms.mean)).toEqual(mean);
    for (let j = 0; j < 2; j++) expect(n[j]).toBeCloseTo((o[j]! - mean[j]!) / Math.sqrt(v[j]! + 1e-8), 5);
  });

  it('reports an unbounded observation space of the wrapped dimension and passes reward and flags through', () => {
    const env = new NormalizeObservation(make('as2008', { observation: { features: ['inventory', 'time', 'last-fills'] } }));
    expect(env.observationSpace.shape).toEqual([4]);
    expect(env.observationSpace.low.every((x) => x === -Infinity)).toBe(true);
    expect(env.observationSpace.high.every((x) => x === Infinity)).toBe(true);
    const raw = make('as2008', { observation: { features: ['inventory', 'time', 'last-fills'] } });
    env.reset({ seed: 2 });
    raw.reset({ seed: 2 });
    const a = env.step([0, 0]);
    const b = raw.step([0, 0]);
    expect([a.reward, a.terminated, a.truncated, a.info]).toEqual([b.reward, b.terminated, b.truncated, b.info]);
  });
});

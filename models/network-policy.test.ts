/**
 * NetworkPolicy (network-policy.ts) on a hand-set network whose outputs are known in closed form:
 * the observation normalisation and its clip, the Gaussian mean (deterministic) or a seeded
 * sample, the categorical argmax or inverse-CDF sample, a residual base added before clipping to
 * the box, and the refusals of bad batches and mismatched options.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { makeVec } from '../env/registry.js';
import { ActorCritic } from './actor-critic.js';
import { selectBackend } from './backend.js';
import { clipToBox, NetworkPolicy } from './network-policy.js';
import { SeededRandom } from './random.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const net = { hidden: [1], activation: 'tanh' as const, logStdInit: 0, orthoInit: true };

/** Gaussian, obsDim 2, 2 actions: mean = (tanh(x0), -2 tanh(x0)), log-std (-1, 0.5). */
function gaussian(): ActorCritic {
  const ac = new ActorCritic({ obsDim: 2, outDim: 2, distribution: 'diag-gaussian', net });
  ac.view('actor/dense_0/kernel').set([1, 0]);
  ac.view('actor/action_net/kernel').set([1, -2]);
  ac.view('log_std').set([-1, 0.5]);
  return ac;
}
const mean = (x0: number): [number, number] => [Math.tanh(x0), -2 * Math.tanh(x0)];
const clip = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const box = { kind: 'box' as const, low: [-1, -1], high: [1, 1] };

describe('clipToBox', () => {
  it('clips each column of each row to its own bounds, in place', () => {
    const a = Float32Array.from([-3, 0.5, 2, 2, -0.25, -9]);
    clipToBox(a, 3, [-1, 0], [1, 1.5]);
    expect(Array.from(a)).toEqual([-1, 0.5, 1, 1.5, -0.25, 0]);
  });
});

describe('NetworkPolicy', () => {
  it('normalize: (x - mean) / sqrt(var + eps), clipped to +-clip; no statistics = the input itself', () => {
    const p = new NetworkPolicy({ name: 'n', ac: gaussian(), actionSpace: box, obsNorm: { mean: [1, -2], var: [4, 0.25], clip: 3, epsilon: 0 } });
    expect(Array.from(p.normalize(Float32Array.from([3, -2, -100, 0]), 2))).toEqual([1, 0, -3, 3]);
    const raw = Float32Array.from([0.5, 0.5]);
    const q = new NetworkPolicy({ name: 'q', ac: gaussian(), actionSpace: box, obsNorm: null });
    expect(q.normalize(raw, 1)).toBe(raw);
    expect([q.obsDim, q.actDim]).toEqual([2, 2]);
  });

  it('deterministic: the Gaussian mean of the normalised observation, clipped to the box', () => {
    const p = new NetworkPolicy({ name: 'n', ac: gaussian(), actionSpace: box, obsNorm: { mean: [1, 0], var: [4, 1], clip: 10, epsilon: 0 } });
    const obs = Float32Array.from([2, 7, -1, 0, 1, 5]);
    const a = p.act(obs, 3);
    const want = [2, -1, 1].flatMap((x) => mean((x - 1) / 2).map((m) => clip(m, -1, 1)));
    expect(a).toHaveLength(6);
    a.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    expect(a[3]).toBe(1); // -2 tanh(-1) = 1.52 clipped
  });

  it('stochastic: mean + exp(log_std) z with z from its own generator seeded by `seed` (the same seed, the same draws)', () => {
    const make = (seed: number): NetworkPolicy => new NetworkPolicy({ name: 's', ac: gaussian(), actionSpace: { kind: 'box', low: [-5, -5], high: [5, 5] }, obsNorm: null, seed });
    const obs = Float32Array.from([0.3, 0, -0.6, 0]);
    const rng = SeededRandom.fromSeed(4);
    const want: number[] = [];
    for (const x0 of [0.3, -0.6]) {
      const m = mean(x0);
      want.push(m[0] + Math.exp(-1) * rng.normal(), m[1] + Math.exp(0.5) * rng.normal());
    }
    const a = make(4).act(obs, 2, { deterministic: false });
    a.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    expect(Array.from(make(4).act(obs, 2, { deterministic: false }))).toEqual(Array.from(a));
    expect(Array.from(make(5).act(obs, 2, { deterministic: false }))).not.toEqual(Array.from(a));
    // the default seed is 0
    const d = new NetworkPolicy({ name: 'd', ac: gaussian(), actionSpace: { kind: 'box', low: [-5, -5], high: [5, 5] }, obsNorm: null });
    expect(Array.from(d.act(obs, 2, { deterministic: false }))).toEqual(Array.from(make(0).act(obs, 2, { deterministic: false })));
  });

  it('discrete: argmax of the logits, or a class drawn by inverse CDF of their softmax', () => {
    const ac = new ActorCritic({ obsDim: 2, outDim: 3, distribution: 'categorical', net });
    ac.view('actor/action_net/bias').set([0, 2, 1]);
    const p = new NetworkPolicy({ name: 'c', ac, actionSpace: { kind: 'discrete', n: 3 }, obsNorm: null, seed: 8 });
    expect(p.actDim).toBe(1);
    const obs = new Float32Array(2 * 50);
    expect(Array.from(p.act(obs.subarray(0, 4), 2))).toEqual([1, 1]);
    const z = Math.exp(0) + Math.exp(2) + Math.exp(1);
    const cdf = [1 / z, (1 + Math.exp(2)) / z];
    const rng = SeededRandom.fromSeed(8);
    const want = Array.from({ length: 50 }, () => {
      const u = rng.uniform();
      return u < cdf[0]! ? 0 : u < cdf[1]! ? 1 : 2;
    });
    expect(Array.from(p.act(obs, 50, { deterministic: false }))).toEqual(want);
    expect(new Set(want).size).toBe(3);
  });

  it('residual: the base policy\'s deterministic action is added before clipping', () => {
    const env = makeVec('as2008', { numEnvs: 2 });
    const base = makeBaselinePolicy('hjb', env.config as never);
    const ac = new ActorCritic({ obsDim: 2, outDim: 2, distribution: 'diag-gaussian', net });
    ac.view('actor/action_net/bias').set([0.25, -0.5]);
    const p = new NetworkPolicy({ name: 'r', ac, actionSpace: box, obsNorm: null, residualBase: base });
    const obs = Float32Array.from(env.reset({ seed: 2 }).observations);
    const b = base.act(obs, 2, { deterministic: true });
    const want = Array.from(b).map((v, i) => clip(v + (i % 2 === 0 ? 0.25 : -0.5), -1, 1));
    p.act(obs, 2).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
  });

  it('refuses a bad batch, a wrong obs length and non-finite observations, naming the policy; and mismatched options', () => {
    const p = new NetworkPolicy({ name: 'pol', ac: gaussian(), actionSpace: box, obsNorm: null });
    expect(() => p.act(new Float32Array(2), 0)).toThrow('pol.act: batch must be an integer >= 1, got 0');
    expect(() => p.act(new Float32Array(2), 1.5)).toThrow(/batch must be an integer >= 1, got 1\.5/);
    expect(() => p.act(new Float32Array(3), 2)).toThrow('pol.act: obs has 3 values, expected batch 2 x obsDim 2');
    expect(() => p.act(Float32Array.from([0, 0, 0, Number.NaN]), 2)).toThrow('pol.act: observation row 1, column 1 must be a finite number, got NaN');
    expect(() => new NetworkPolicy({ name: 'x', ac: gaussian(), actionSpace: box, obsNorm: { mean: [0], var: [1], clip: 5, epsilon: 1e-8 } })).toThrow('NetworkPolicy: normalisation has 1 dims, network obsDim is 2');
    const cat = new ActorCritic({ obsDim: 2, outDim: 2, distribution: 'categorical', net });
    const base = makeBaselinePolicy('hjb', makeVec('as2008', { numEnvs: 1 }).config as never);
    expect(() => new NetworkPolicy({ name: 'x', ac: cat, actionSpace: { kind: 'discrete', n: 2 }, obsNorm: null, residualBase: base })).toThrow('NetworkPolicy: residual policies need a Box action space');
  });
});

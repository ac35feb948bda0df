/**
 * RandomLiquidityFill's own contract: two uniforms (u, v) every step; the first step of an
 * episode sets A_e dt = A dt e^{spread (2u - 1)}, k_e = k e^{spread (2v - 1)} (recomputed from a
 * twin stream), kept until reset(i); p = min(1, A_e e^{-k_e delta} dt); spread 0 is
 * ExponentialFill. (The law of log A_e / A: arrival-models.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { StreamRngs } from '../rng.js';
import { ExponentialFill } from './exponential-fill.js';
import { RandomLiquidityFill } from './random-liquidity-fill.js';

describe('RandomLiquidityFill', () => {
  const cfg = { A: 140, k: 1.5, spread: 0.5 };
  const dt = 0.005;

  it('sets A_e dt = A dt e^{spread (2u - 1)} and k_e = k e^{spread (2v - 1)} from the episode\'s first two uniforms, drawing two every step', () => {
    const m = new RandomLiquidityFill(cfg, dt, 1);
    const rng = new StreamRngs(1);
    const ref = new StreamRngs(1);
    rng.seed(0, 17);
    ref.seed(0, 17);
    for (let e = 0; e < 5; e++) {
      m.reset(0);
      m.beginStep(0, rng);
      const u = ref.uniform(0);
      const v = ref.uniform(0);
      const adt = cfg.A * dt * Math.exp(cfg.spread * (2 * u - 1));
      const ke = cfg.k * Math.exp(cfg.spread * (2 * v - 1));
      expect(m.episodeAdt[0]).toBeCloseTo(adt, 14);
      expect(m.episodeK[0]).toBeCloseTo(ke, 14);
      const [firstA, firstK] = [m.episodeAdt[0], m.episodeK[0]];
      for (let k = 0; k < 10; k++) {
        m.beginStep(0, rng);
        ref.uniform(0);
        ref.uniform(0);
        m.endStep();
        expect([m.episodeAdt[0], m.episodeK[0]]).toEqual([firstA, firstK]);
      }
      expect(m.episodeAdt[0]).toBeCloseTo(adt, 14);
      expect(m.fillProbability(0, 0, 0.3)).toBeCloseTo(Math.min(1, adt * Math.exp(-ke * 0.3)), 14);
      expect(m.fills(0, 1, 0.3, m.fillProbability(0, 1, 0.3))).toBe(false);
    }
    expect(rng.uniform(0)).toBe(ref.uniform(0));
  });

  it('starts at the nominal A dt and k before any step, and keeps one episode per env', () => {
    const m = new RandomLiquidityFill(cfg, dt, 2);
    expect(Array.from(m.episodeAdt)).toEqual([cfg.A * dt, cfg.A * dt]);
    expect(Array.from(m.episodeK)).toEqual([cfg.k, cfg.k]);
    const rng = new StreamRngs(2);
    rng.seed(0, 1);
    rng.seed(1, 2);
    m.beginStep(0, rng);
    m.beginStep(1, rng);
    const [a0, a1] = [m.episodeAdt[0], m.episodeAdt[1]];
    expect(a0).not.toBe(a1);
    m.reset(1);
    m.beginStep(0, rng);
    m.beginStep(1, rng);
    expect(m.episodeAdt[0]).toBe(a0); // env 0's episode goes on
    expect(m.episodeAdt[1]).not.toBe(a1); // env 1 drew a new one
  });

  it('with spread 0 fills exactly as ExponentialFill', () => {
    const m = new RandomLiquidityFill({ ...cfg, spread: 0 }, dt, 1);
    const e = new ExponentialFill(cfg, dt);
    const rng = new StreamRngs(1);
    rng.seed(0, 5);
    m.beginStep(0, rng);
    for (const d of [-1, 0, 0.2, 1, 4]) expect(m.fillProbability(0, 0, d)).toBeCloseTo(e.fillProbability(0, 0, d), 15);
    expect(m.name).toBe('RandomLiquidityFill');
  });
});

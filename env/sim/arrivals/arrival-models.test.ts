/**
 * Order-flow models against their analytic rates (fixed seeds; tolerances in standard errors).
 */
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/expect-close.js';
import { StreamRngs } from '../rng.js';
import type { ArrivalModel } from '../types.js';
import { ExponentialFill } from './exponential-fill.js';
import { HawkesArrivals } from './hawkes.js';
import { PowerLawFill } from './power-law-fill.js';
import { RandomLiquidityFill } from './random-liquidity-fill.js';

/** Empirical fill frequency of a quote at `depth`, deciding fills with `fills()`. */
function fillRate(model: ArrivalModel, depth: number, n: number): number {
  const rng = new StreamRngs(1);
  rng.seed(0, 42);
  let fills = 0;
  for (let k = 0; k < n; k++) {
    model.beginStep(0, rng);
    if (model.fills(0, 0, depth, rng.uniform(0))) fills++;
    model.endStep(0);
  }
  return fills / n;
}

describe('ExponentialFill', () => {
  it('fills at depth delta with probability A exp(-k delta) dt per step', () => {
    const [A, k, dt] = [140, 1.5, 0.005];
    const n = 200_000;
    for (const depth of [0, 0.5, 1, 2]) {
      const p = A * Math.exp(-k * depth) * dt;
      expectClose(`fill rate at depth ${depth}`, fillRate(new ExponentialFill({ A, k }, dt), depth, n), p, 5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('decides fills exactly as u < p (the exp-free shortcut never changes an outcome)', () => {
    const m = new ExponentialFill({ A: 140, k: 1.5 }, 0.005);
    const rng = new StreamRngs(1);
    rng.seed(0, 9);
    for (let j = 0; j < 100_000; j++) {
      const depth = rng.uniform(0) * 4;
      const u = rng.uniform(0);
      if (m.fills(0, 0, depth, u) !== u < m.fillProbability(0, 0, depth)) throw new Error(`mismatch at depth ${depth}, u ${u}`);
    }
    expect(m.fillProbability(0, 0, -100)).toBe(1);
  });
});

describe('PowerLawFill', () => {
  it('fills with probability A (1 + delta/delta0)^(-alpha) dt per step', () => {
    const cfg = { A: 100, alpha: 2, delta0: 0.5 };
    const dt = 0.005;
    const n = 200_000;
    const depth = 0.5;
    const p = cfg.A * (1 + depth / cfg.delta0) ** -cfg.alpha * dt;
    expectClose('power-law fill rate', fillRate(new PowerLawFill(cfg, dt), depth, n), p, 5 * Math.sqrt((p * (1 - p)) / n));
  });
});

describe('HawkesArrivals', () => {
  it('has mean intensity mu / (1 - branching ratio)', () => {
    const cfg = { A: 50, k: 1.5, branching: 0.6, decay: 20 };
    const dt = 0.005;
    const envs = 100;
    const steps = 6_000;
    const burn = 400;
    const h = new HawkesArrivals(cfg, dt, envs);
    const rng = new StreamRngs(envs);
    let arrivals = 0;
    for (let i = 0; i < envs; i++) {
      rng.seed(i, 1000 + i);
      for (let k = 0; k < steps; k++) {
        h.beginStep(i, rng);
        if (k >= burn) arrivals += h.counts[2 * i]! + h.counts[2 * i + 1]!;
        h.endStep(i);
      }
    }
    const rate = arrivals / (2 * envs * (steps - burn) * dt);
    const expected = cfg.A / (1 - cfg.branching);
    // Counts over a long window have variance ~ mean / (1 - eta)^2 (clustering): SE ~ 2.5 * sqrt(N)/N.
    const total = expected * 2 * envs * (steps - burn) * dt;
    expectClose('hawkes mean intensity', rate, expected, (5 * expected * Math.sqrt(total)) / (1 - cfg.branching) / total);
  });

  it('clusters: arrival counts are over-dispersed compared with Poisson', () => {
    const h = new HawkesArrivals({ A: 50, k: 1.5, branching: 0.6, decay: 20 }, 0.005, 1);
    const rng = new StreamRngs(1);
    rng.seed(0, 3);
    const window = 40;
    const sums: number[] = [];
    let acc = 0;
    for (let k = 0; k < 200_000; k++) {
      h.beginStep(0, rng);
      acc += h.counts[0]!;
      h.endStep(0);
      if ((k + 1) % window === 0) {
        sums.push(acc);
        acc = 0;
      }
    }
    const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
    const variance = sums.reduce((a, b) => a + (b - mean) ** 2, 0) / (sums.length - 1);
    expect(variance / mean).toBeGreaterThan(2);
  });

  it('fills a quote with probability 1 - (1 - e^{-k delta})^N given N arrivals', () => {
    const h = new HawkesArrivals({ A: 50, k: 1.5, branching: 0.5, decay: 20 }, 0.005, 1);
    h.counts[0] = 3;
    expect(h.fillProbability(0, 0, 1)).toBeCloseTo(1 - (1 - Math.exp(-1.5)) ** 3, 14);
    h.counts[0] = 0;
    expect(h.fillProbability(0, 0, 0)).toBe(0);
  });
});

describe('RandomLiquidityFill', () => {
  it('draws log A_e/A and log k_e/k uniform on [-spread, spread] once per episode, then fills as exponential', () => {
    const spread = Math.LN2;
    const m = new RandomLiquidityFill({ A: 140, k: 1.5, spread }, 0.005, 1);
    const rng = new StreamRngs(1);
    rng.seed(0, 5);
    const n = 4000;
    const logsA: number[] = [];
    const logsK: number[] = [];
    for (let e = 0; e < n; e++) {
      m.reset(0);
      m.beginStep(0, rng);
      const a1 = m.episodeAdt[0]!;
      const k1 = m.episodeK[0]!;
      m.beginStep(0, rng); // later steps keep the episode's parameters
      expect(m.episodeAdt[0]).toBe(a1);
      expect(m.episodeK[0]).toBe(k1);
      expect(m.fillProbability(0, 1, 0.7)).toBeCloseTo(Math.min(1, a1 * Math.exp(-k1 * 0.7)), 14);
      logsA.push(Math.log(a1 / (140 * 0.005)));
      logsK.push(Math.log(k1 / 1.5));
    }
    for (const [name, xs] of [['log A_e/A', logsA], ['log k_e/k', logsK]] as const) {
      const mean = xs.reduce((s, x) => s + x, 0) / n;
      const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(-spread);
      expect(Math.max(...xs)).toBeLessThanOrEqual(spread);
      expectClose(`${name} mean`, mean, 0, 5 * Math.sqrt(spread ** 2 / 3 / n));
      expectClose(`${name} variance`, v, spread ** 2 / 3, 0.05 * spread ** 2);
    }
  });
});

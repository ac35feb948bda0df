/**
 * HawkesArrivals' own recursion: N ~ Poisson((A + x) dt) per side (one uniform each, bid first),
 * then x' = x e^{-beta dt} + J N with J = eta (1 - e^{-beta dt}) / dt, recomputed from a twin
 * stream; the time-averaged intensity lambda_t = A + x_t is A / (1 - eta) (Monte Carlo over
 * independent envs); reset clears env i only. (Arrival-count rate and clustering:
 * arrival-models.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/expect-close.js';
import { StreamRngs } from '../rng.js';
import { HawkesArrivals } from './hawkes.js';

const cfg = { A: 50, k: 1.5, branching: 0.6, decay: 20 };
const dt = 0.005;

describe('HawkesArrivals', () => {
  it('draws N_bid, N_ask ~ Poisson((A + x) dt) and updates x\' = x e^{-beta dt} + J N, J = eta (1 - e^{-beta dt}) / dt', () => {
    const h = new HawkesArrivals(cfg, dt, 1);
    const rng = new StreamRngs(1);
    const ref = new StreamRngs(1);
    rng.seed(0, 31);
    ref.seed(0, 31);
    const J = (cfg.branching * (1 - Math.exp(-cfg.decay * dt))) / dt;
    const x = [0, 0];
    let excited = 0;
    for (let k = 0; k < 500; k++) {
      expect(h.intensity(0, 0)).toBeCloseTo(cfg.A + x[0]!, 10);
      expect(h.intensity(0, 1)).toBeCloseTo(cfg.A + x[1]!, 10);
      h.beginStep(0, rng);
      const n = [ref.poisson(0, (cfg.A + x[0]!) * dt), ref.poisson(0, (cfg.A + x[1]!) * dt)];
      expect([h.counts[0], h.counts[1]]).toEqual(n);
      h.endStep(0);
      for (const s of [0, 1]) x[s] = x[s]! * Math.exp(-cfg.decay * dt) + J * n[s]!;
      expect(h.excitation[0]).toBeCloseTo(x[0]!, 10);
      expect(h.excitation[1]).toBeCloseTo(x[1]!, 10);
      if (x[0]! > cfg.A) excited++;
    }
    expect(excited).toBeGreaterThan(0); // clusters happened, so the recursion was exercised
    expect(rng.uniform(0)).toBe(ref.uniform(0)); // exactly two uniforms per step
  });

  it('has a time-averaged intensity A / (1 - eta) (stationary mean), on both sides', () => {
    const envs = 200;
    const steps = 2500;
    const burn = 300;
    const h = new HawkesArrivals(cfg, dt, envs);
    const rng = new StreamRngs(envs);
    const perEnv = new Float64Array(envs);
    let bid = 0;
    let ask = 0;
    for (let i = 0; i < envs; i++) {
      rng.seed(i, 500 + i);
      let acc = 0;
      for (let k = 0; k < steps; k++) {
        if (k >= burn) {
          acc += h.intensity(i, 0) + h.intensity(i, 1);
          bid += h.intensity(i, 0);
          ask += h.intensity(i, 1);
        }
        h.beginStep(i, rng);
        h.endStep(i);
      }
      perEnv[i] = acc / (2 * (steps - burn));
    }
    const expected = cfg.A / (1 - cfg.branching);
    // the envs are independent: the standard error is the spread of the per-env averages / sqrt(envs)
    let m = 0;
    for (const v of perEnv) m += v;
    m /= envs;
    let v = 0;
    for (const x of perEnv) v += (x - m) ** 2;
    const se = Math.sqrt(v / (envs - 1) / envs);
    expectClose('hawkes mean intensity', m, expected, 5 * se);
    const w = envs * (steps - burn);
    expectClose('bid mean intensity', bid / w, expected, 5 * se * Math.SQRT2);
    expectClose('ask mean intensity', ask / w, expected, 5 * se * Math.SQRT2);
  });

  it('with eta = 0 is a Poisson flow of constant intensity A (the excitation stays 0)', () => {
    const h = new HawkesArrivals({ ...cfg, branching: 0 }, dt, 1);
    const rng = new StreamRngs(1);
    rng.seed(0, 2);
    for (let k = 0; k < 200; k++) {
      h.beginStep(0, rng);
      h.endStep(0);
    }
    expect([h.excitation[0], h.excitation[1], h.intensity(0, 1)]).toEqual([0, 0, cfg.A]);
  });

  it('fills a quote at or through the mid whenever an order arrived; none without arrivals; fills = u < p', () => {
    const h = new HawkesArrivals(cfg, dt, 1);
    h.counts[1] = 2;
    expect(h.fillProbability(0, 1, 0)).toBe(1);
    expect(h.fillProbability(0, 1, -1)).toBe(1);
    expect(h.fillProbability(0, 1, 0.4)).toBeCloseTo(1 - (1 - Math.exp(-0.6)) ** 2, 14);
    expect(h.fillProbability(0, 0, 0)).toBe(0); // bid side had no arrivals
    const p = h.fillProbability(0, 1, 0.4);
    expect([h.fills(0, 1, 0.4, p * (1 - 1e-12)), h.fills(0, 1, 0.4, p)]).toEqual([true, false]);
  });

  it('reset(i) clears env i\'s excitation and counts only', () => {
    const h = new HawkesArrivals(cfg, dt, 2);
    h.excitation.fill(7);
    h.counts.fill(3);
    h.reset(1);
    expect(Array.from(h.excitation)).toEqual([7, 7, 0, 0]);
    expect(Array.from(h.counts)).toEqual([3, 3, 0, 0]);
    expect(h.intensity(1, 0)).toBe(cfg.A);
    expect(h.name).toBe('HawkesArrivals');
  });
});

/**
 * Price models against their closed-form moments (fixed seeds; tolerances = 5 standard errors of
 * the Monte-Carlo estimate unless stated).
 */
import { describe, expect, it } from 'vitest';
import { expectClose, meanVar } from '../../test-utils/expect-close.js';
import { StreamRngs } from '../rng.js';
import type { PriceModel } from '../types.js';
import { BrownianPrice } from './brownian.js';
import { GeometricBrownianPrice } from './gbm.js';
import { JumpDiffusionPrice } from './jump-diffusion.js';
import { OrnsteinUhlenbeckPrice } from './ornstein-uhlenbeck.js';
import { RegimeSwitchingPrice } from './regime-switching.js';
import { stationaryDistribution } from '../../effective-params.js';

/** Terminal values of `paths` paths of `steps` steps from s0. */
function terminal(model: PriceModel, s0: number, paths: number, steps: number, seed = 1): Float64Array {
  const rng = new StreamRngs(paths);
  const out = new Float64Array(paths);
  for (let i = 0; i < paths; i++) {
    rng.seed(i, seed + i);
    let s = s0;
    for (let k = 0; k < steps; k++) s = model.next(i, s, rng);
    out[i] = s;
  }
  return out;
}

/** One-step increments of a single long path. */
function increments(model: PriceModel, s0: number, n: number): Float64Array {
  const rng = new StreamRngs(1);
  rng.seed(0, 11);
  const out = new Float64Array(n);
  let s = s0;
  for (let k = 0; k < n; k++) {
    const s1 = model.next(0, s, rng);
    out[k] = s1 - s;
    s = s1;
  }
  return out;
}

describe('BrownianPrice', () => {
  it('has increments with mean mu dt and variance sigma^2 dt', () => {
    const dt = 0.005;
    const sigma = 2;
    const mu = 10;
    const n = 200_000;
    const { mean, variance } = meanVar(increments(new BrownianPrice({ sigma, mu, binomial: false }, dt), 100, n));
    const v = sigma * sigma * dt;
    expectClose('brownian increment mean', mean, mu * dt, 5 * Math.sqrt(v / n));
    expectClose('brownian increment variance', variance, v, 5 * v * Math.sqrt(2 / n));
  });

  it('binomial variant steps exactly +-sigma sqrt(dt) (+ mu dt), each half the time', () => {
    const dt = 0.01;
    const incs = increments(new BrownianPrice({ sigma: 2, mu: 0, binomial: true }, dt), 100, 40_000);
    let ups = 0;
    let worst = 0;
    for (const x of incs) {
      worst = Math.max(worst, Math.abs(Math.abs(x) - 0.2));
      if (x > 0) ups++;
    }
    expect(worst).toBeLessThan(1e-9);
    expectClose('binomial up fraction', ups / incs.length, 0.5, 5 * Math.sqrt(0.25 / incs.length));
  });
});

describe('GeometricBrownianPrice', () => {
  it('matches E[S_T] = S0 e^{mu T} and Var[S_T] = S0^2 e^{2 mu T}(e^{sigma^2 T} - 1)', () => {
    const [s0, mu, sigma, T, steps, paths] = [100, 0.1, 0.2, 1, 50, 20_000];
    const xs = terminal(new GeometricBrownianPrice({ sigma, mu }, T / steps), s0, paths, steps);
    const { mean, variance } = meanVar(xs);
    const m = s0 * Math.exp(mu * T);
    const v = s0 * s0 * Math.exp(2 * mu * T) * Math.expm1(sigma * sigma * T);
    expectClose('gbm mean', mean, m, 5 * Math.sqrt(v / paths));
    // lognormal kurtosis ~ 3.7 here: SE(var) ~ v sqrt((kurt - 1) / n); 5 SE
    expectClose('gbm variance', variance, v, 5 * v * Math.sqrt(3 / paths));
  });
});

describe('OrnsteinUhlenbeckPrice', () => {
  it('matches E[S_T] = theta + (S0 - theta) e^{-kappa T}, Var = sigma^2 (1 - e^{-2 kappa T}) / (2 kappa)', () => {
    const [s0, kappa, theta, sigma, T, steps, paths] = [90, 2, 100, 3, 1, 40, 20_000];
    const xs = terminal(new OrnsteinUhlenbeckPrice({ sigma, kappa, mean: theta }, T / steps), s0, paths, steps);
    const { mean, variance } = meanVar(xs);
    const m = theta + (s0 - theta) * Math.exp(-kappa * T);
    const v = (sigma * sigma * -Math.expm1(-2 * kappa * T)) / (2 * kappa);
    expectClose('ou mean', mean, m, 5 * Math.sqrt(v / paths));
    expectClose('ou variance', variance, v, 5 * v * Math.sqrt(2 / paths));
  });
});

describe('JumpDiffusionPrice', () => {
  it('has increment mean (mu + lambda m) dt and variance (sigma^2 + lambda (m^2 + s^2)) dt', () => {
    const cfg = { sigma: 1, mu: 0.5, jumpIntensity: 20, jumpMean: 0.3, jumpStd: 0.4 };
    const dt = 0.01;
    const n = 300_000;
    const { mean, variance } = meanVar(increments(new JumpDiffusionPrice(cfg, dt), 100, n));
    const m = (cfg.mu + cfg.jumpIntensity * cfg.jumpMean) * dt;
    const v = (cfg.sigma ** 2 + cfg.jumpIntensity * (cfg.jumpMean ** 2 + cfg.jumpStd ** 2)) * dt;
    expectClose('jump increment mean', mean, m, 5 * Math.sqrt(v / n));
    // heavy tails (jumps): SE(var) ~ v sqrt((kurt - 1) / n), kurt < 10 here
    expectClose('jump increment variance', variance, v, 5 * v * Math.sqrt(9 / n));
  });
});

describe('RegimeSwitchingPrice', () => {
  it('spends the stationary fraction of time in each regime and uses its sigma', () => {
    const transition = [
      [0.99, 0.01],
      [0.03, 0.97],
    ];
    const regimes = [
      { name: 'calm', mu: 0, sigma: 1 },
      { name: 'stressed', mu: 0, sigma: 4 },
    ];
    const dt = 0.01;
    const model = new RegimeSwitchingPrice({ regimes, transition, initialRegime: 0 }, dt, 1);
    const rng = new StreamRngs(1);
    rng.seed(0, 5);
    const n = 400_000;
    let inStressed = 0;
    let sumSqCalm = 0;
    let nCalm = 0;
    let s = 100;
    for (let k = 0; k < n; k++) {
      const r = model.regime(0);
      const s1 = model.next(0, s, rng);
      if (r === 1) inStressed++;
      else {
        sumSqCalm += (s1 - s) ** 2;
        nCalm++;
      }
      s = s1;
    }
    const pi = stationaryDistribution(transition);
    expect(pi[1]).toBeCloseTo(0.25, 12);
    // regime occupation is autocorrelated (mean sojourn 33 steps): allow 0.02 absolute
    expectClose('stressed fraction', inStressed / n, 0.25, 0.02);
    expectClose('calm variance rate', sumSqCalm / nCalm / dt, 1, 5 * Math.sqrt(2 / nCalm));
  });
});

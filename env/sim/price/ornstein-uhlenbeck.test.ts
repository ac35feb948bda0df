/**
 * OrnsteinUhlenbeckPrice's own step, the exact discretisation
 * S' = theta + (S - theta) e^{-kappa dt} + sigma sqrt((1 - e^{-2 kappa dt}) / (2 kappa)) Z,
 * recomputed from a twin stream; the stationary law N(theta, sigma^2 / (2 kappa)) and the lag-1
 * autocorrelation e^{-kappa dt} by Monte Carlo. (Transient moments: price-models.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { expectClose, meanVar } from '../../test-utils/expect-close.js';
import { StreamRngs } from '../rng.js';
import { OrnsteinUhlenbeckPrice } from './ornstein-uhlenbeck.js';

describe('OrnsteinUhlenbeckPrice', () => {
  it('steps exactly theta + (S - theta) e^{-kappa dt} + sigma sqrt((1 - e^{-2 kappa dt}) / (2 kappa)) Z', () => {
    const [sigma, kappa, theta, dt] = [3, 5, 100, 0.01];
    const m = new OrnsteinUhlenbeckPrice({ sigma, kappa, mean: theta }, dt);
    const rng = new StreamRngs(1);
    const ref = new StreamRngs(1);
    rng.seed(0, 21);
    ref.seed(0, 21);
    const a = Math.exp(-kappa * dt);
    const b = sigma * Math.sqrt((1 - Math.exp(-2 * kappa * dt)) / (2 * kappa));
    let s = 80;
    for (let k = 0; k < 50; k++) {
      const s1 = m.next(0, s, rng);
      expect(s1).toBeCloseTo(theta + (s - theta) * a + b * ref.normal(0), 11);
      s = s1;
    }
    expect(rng.uniform(0)).toBe(ref.uniform(0));
    expect([m.name, m.numRegimes, m.regime()]).toEqual(['OrnsteinUhlenbeckPrice', 1, 0]);
  });

  it('with sigma = 0 decays deterministically to theta at rate kappa', () => {
    const m = new OrnsteinUhlenbeckPrice({ sigma: 0, kappa: 2, mean: 50 }, 0.1);
    const rng = new StreamRngs(1);
    rng.seed(0, 1);
    let s = 60;
    for (let k = 0; k < 10; k++) s = m.next(0, s, rng);
    expect(s).toBeCloseTo(50 + 10 * Math.exp(-2 * 1), 12);
  });

  it('has the stationary law N(theta, sigma^2 / (2 kappa)) and lag-1 autocorrelation e^{-kappa dt}', () => {
    const [sigma, kappa, theta, dt] = [2, 4, 10, 0.05];
    const m = new OrnsteinUhlenbeckPrice({ sigma, kappa, mean: theta }, dt);
    const rng = new StreamRngs(1);
    rng.seed(0, 8);
    const n = 200_000;
    const xs = new Float64Array(n);
    let s = theta;
    for (let k = 0; k < 200; k++) s = m.next(0, s, rng); // burn-in (already stationary at theta +- noise)
    for (let k = 0; k < n; k++) {
      s = m.next(0, s, rng);
      xs[k] = s;
    }
    const { mean, variance } = meanVar(xs);
    const v = (sigma * sigma) / (2 * kappa);
    const rho = Math.exp(-kappa * dt);
    // autocorrelated samples: effective n = n (1 - rho) / (1 + rho) for the mean; (1 - rho^2)/(1 + rho^2) for the variance
    const nMean = (n * (1 - rho)) / (1 + rho);
    const nVar = (n * (1 - rho * rho)) / (1 + rho * rho);
    expectClose('ou stationary mean', mean, theta, 5 * Math.sqrt(v / nMean));
    expectClose('ou stationary variance', variance, v, 5 * v * Math.sqrt(2 / nVar));
    let c = 0;
    for (let k = 1; k < n; k++) c += (xs[k]! - mean) * (xs[k - 1]! - mean);
    const r1 = c / (n - 1) / variance;
    expectClose('ou lag-1 autocorrelation', r1, rho, 5 * Math.sqrt((1 - rho * rho) / n) * 2);
  });
});

/**
 * GeometricBrownianPrice's own step: S' = S exp((mu - sigma^2/2) dt + sigma sqrt(dt) Z), Z the
 * stream's next normal (recomputed from a twin stream); log-increments with mean
 * (mu - sigma^2/2) dt and variance sigma^2 dt (Monte Carlo, 5 standard errors); positive for ever.
 * (Terminal moments: price-models.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { expectClose, meanVar } from '../../test-utils/expect-close.js';
import { StreamRngs } from '../rng.js';
import { GeometricBrownianPrice } from './gbm.js';

describe('GeometricBrownianPrice', () => {
  it('steps S exp((mu - sigma^2/2) dt + sigma sqrt(dt) Z) exactly, one normal per step', () => {
    const [sigma, mu, dt] = [0.3, 0.05, 0.01];
    const m = new GeometricBrownianPrice({ sigma, mu }, dt);
    const rng = new StreamRngs(1);
    const ref = new StreamRngs(1);
    rng.seed(0, 4);
    ref.seed(0, 4);
    let s = 100;
    for (let k = 0; k < 50; k++) {
      const s1 = m.next(0, s, rng);
      expect(s1 / (s * Math.exp((mu - 0.5 * sigma * sigma) * dt + sigma * Math.sqrt(dt) * ref.normal(0)))).toBeCloseTo(1, 13);
      s = s1;
    }
    expect(rng.uniform(0)).toBe(ref.uniform(0));
    expect([m.name, m.numRegimes, m.regime()]).toEqual(['GeometricBrownianPrice', 1, 0]);
  });

  it('has log-increments with mean (mu - sigma^2/2) dt and variance sigma^2 dt, and stays positive', () => {
    const [sigma, mu, dt, n] = [0.8, 0.4, 0.02, 200_000];
    const m = new GeometricBrownianPrice({ sigma, mu }, dt);
    const rng = new StreamRngs(1);
    rng.seed(0, 12);
    const logs = new Float64Array(n);
    let lowest = Infinity;
    for (let k = 0; k < n; k++) {
      // from S = 1 each time (the step is scale-free): no under/overflow over the long run
      const s1 = m.next(0, 1, rng);
      logs[k] = Math.log(s1);
      lowest = Math.min(lowest, s1);
    }
    expect(lowest).toBeGreaterThan(0);
    const { mean, variance } = meanVar(logs);
    const v = sigma * sigma * dt;
    expectClose('gbm log-increment mean', mean, (mu - 0.5 * sigma * sigma) * dt, 5 * Math.sqrt(v / n));
    expectClose('gbm log-increment variance', variance, v, 5 * v * Math.sqrt(2 / n));
  });

  it('is proportional: the step from 2S is twice the step from S on the same draw', () => {
    const m = new GeometricBrownianPrice({ sigma: 0.2, mu: 0 }, 0.1);
    const a = new StreamRngs(1);
    const b = new StreamRngs(1);
    a.seed(0, 9);
    b.seed(0, 9);
    for (let k = 0; k < 20; k++) expect(m.next(0, 200, a)).toBeCloseTo(2 * m.next(0, 100, b), 10);
  });
});

/**
 * JumpDiffusionPrice's own step: S' = S + mu dt + sigma sqrt(dt) Z1 + N m + sqrt(N) s Z2 with
 * Z1, N ~ Poisson(lambda dt) by inversion of one uniform, Z2 drawn in that order every step
 * (recomputed from a twin stream); the jump count's law P(N = 0) = e^{-lambda dt}.
 * (Increment moments: price-models.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/expect-close.js';
import { StreamRngs } from '../rng.js';
import { JumpDiffusionPrice } from './jump-diffusion.js';

describe('JumpDiffusionPrice', () => {
  const cfg = { sigma: 1, mu: 0.5, jumpIntensity: 40, jumpMean: 0.3, jumpStd: 0.4 };

  it('steps exactly S + mu dt + sigma sqrt(dt) Z1 + N m + sqrt(N) s Z2, drawing Z1, N, Z2 every step', () => {
    const dt = 0.05; // lambda dt = 2: several jumps per step are common
    const m = new JumpDiffusionPrice(cfg, dt);
    const rng = new StreamRngs(1);
    const ref = new StreamRngs(1);
    rng.seed(0, 5);
    ref.seed(0, 5);
    let s = 100;
    const seen = new Set<number>();
    for (let k = 0; k < 200; k++) {
      const s1 = m.next(0, s, rng);
      const z1 = ref.normal(0);
      // N by inversion of one uniform
      const u = ref.uniform(0);
      let nJ = 0;
      let p = Math.exp(-cfg.jumpIntensity * dt);
      let cdf = p;
      while (u >= cdf) {
        nJ++;
        p *= (cfg.jumpIntensity * dt) / nJ;
        cdf += p;
      }
      seen.add(nJ);
      const z2 = ref.normal(0);
      expect(s1).toBeCloseTo(s + cfg.mu * dt + cfg.sigma * Math.sqrt(dt) * z1 + nJ * cfg.jumpMean + Math.sqrt(nJ) * cfg.jumpStd * z2, 11);
      s = s1;
    }
    expect(seen.has(0) && seen.has(3)).toBe(true);
    expect(rng.uniform(0)).toBe(ref.uniform(0));
    expect([m.name, m.numRegimes, m.regime()]).toEqual(['JumpDiffusionPrice', 1, 0]);
  });

  it('with zero intensity is the Brownian step but still draws three variates (streams stay aligned)', () => {
    const m = new JumpDiffusionPrice({ ...cfg, jumpIntensity: 0 }, 0.01);
    const rng = new StreamRngs(1);
    const ref = new StreamRngs(1);
    rng.seed(0, 6);
    ref.seed(0, 6);
    for (let k = 0; k < 30; k++) {
      const ds = m.next(0, 10, rng) - 10;
      const z1 = ref.normal(0);
      ref.uniform(0);
      ref.normal(0);
      expect(ds).toBeCloseTo(cfg.mu * 0.01 + cfg.sigma * 0.1 * z1, 12);
    }
    expect(rng.uniform(0)).toBe(ref.uniform(0));
  });

  it('jumps in a fraction 1 - e^{-lambda dt} of the steps (zero diffusion: the jump part alone)', () => {
    const dt = 0.01;
    const m = new JumpDiffusionPrice({ sigma: 0, mu: 0, jumpIntensity: 30, jumpMean: 1, jumpStd: 0 }, dt);
    const rng = new StreamRngs(1);
    rng.seed(0, 77);
    const n = 100_000;
    let jumps = 0;
    let total = 0;
    let offGrid = 0;
    for (let k = 0; k < n; k++) {
      const ds = m.next(0, 0, rng);
      if (!Number.isInteger(ds)) offGrid++; // N m with m = 1, s = 0: whole numbers
      if (ds !== 0) jumps++;
      total += ds;
    }
    expect(offGrid).toBe(0);
    const p = 1 - Math.exp(-30 * dt);
    expectClose('fraction of steps with a jump', jumps / n, p, 5 * Math.sqrt((p * (1 - p)) / n));
    expectClose('mean jumps per step', total / n, 30 * dt, 5 * Math.sqrt((30 * dt) / n));
  });
});

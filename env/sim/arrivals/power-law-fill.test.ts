/**
 * PowerLawFill's own contract: p = min(1, A (1 + delta/delta0)^(-alpha) dt), depth <= 0 as depth
 * 0, non-increasing, fills = u < p, no draws. (Empirical fill rate: arrival-models.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { PowerLawFill } from './power-law-fill.js';

describe('PowerLawFill', () => {
  const cfg = { A: 140, alpha: 3, delta0: 1 };
  const dt = 0.005;
  const m = new PowerLawFill(cfg, dt);

  it('gives p = min(1, A (1 + delta/delta0)^(-alpha) dt)', () => {
    for (const depth of [0.01, 0.5, 1, 2, 9]) {
      expect(m.fillProbability(0, 0, depth)).toBeCloseTo(Math.min(1, cfg.A * (1 + depth / cfg.delta0) ** -cfg.alpha * dt), 15);
    }
    expect(m.fillProbability(0, 1, 1)).toBeCloseTo(0.7 / 8, 15);
    expect(m.fillProbability(0, 0, 9)).toBeCloseTo(0.7 / 1000, 15);
    const big = new PowerLawFill({ A: 1000, alpha: 2, delta0: 0.5 }, 0.01); // A dt = 10
    expect(big.fillProbability(0, 0, 0.5)).toBe(1); // 10 / 4 capped
    expect(big.fillProbability(0, 0, 1.5)).toBeCloseTo(10 / 16, 15);
  });

  it('fills a quote at or through the mid (depth <= 0) like depth 0: min(1, A dt)', () => {
    expect(m.fillProbability(0, 0, 0)).toBeCloseTo(0.7, 15);
    expect(m.fillProbability(0, 0, -3)).toBeCloseTo(0.7, 15);
    expect(new PowerLawFill({ A: 500, alpha: 1, delta0: 1 }, 0.01).fillProbability(0, 1, -1)).toBe(1);
  });

  it('is non-increasing in depth, and fills exactly when u < p', () => {
    let prev = Infinity;
    for (let d = -1; d <= 10; d += 0.05) {
      const p = m.fillProbability(0, 0, d);
      expect(p).toBeLessThanOrEqual(prev);
      prev = p;
      for (const u of [p * (1 - 1e-12), p, p * (1 + 1e-12)]) expect(m.fills(0, 0, d, u)).toBe(u < p);
    }
    expect(m.name).toBe('PowerLawFill');
  });
});

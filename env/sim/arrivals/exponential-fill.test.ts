/**
 * ExponentialFill's own contract: p = min(1, A e^{-k delta} dt) exactly, non-increasing in depth,
 * `fills` = u < p also at the edges of its exp-free Taylor shortcut, and no draws of its own.
 * (Empirical fill rates: arrival-models.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { StreamRngs } from '../rng.js';
import { ExponentialFill } from './exponential-fill.js';

describe('ExponentialFill', () => {
  const A = 140;
  const k = 1.5;
  const dt = 0.005;
  const m = new ExponentialFill({ A, k }, dt);

  it('gives p = min(1, A exp(-k delta) dt), the same for both sides and every env', () => {
    for (const depth of [0, 0.1, 0.5, 1, 2.5, 10]) {
      const p = Math.min(1, A * Math.exp(-k * depth) * dt);
      expect(m.fillProbability(0, 0, depth)).toBeCloseTo(p, 15);
      expect(m.fillProbability(3, 1, depth)).toBe(m.fillProbability(0, 0, depth));
    }
    expect(m.fillProbability(0, 0, 0)).toBeCloseTo(0.7, 15);
    // a stale quote through the mid (negative depth): e^{+k |delta|}, capped at 1
    expect(m.fillProbability(0, 0, -0.1)).toBeCloseTo(0.7 * Math.exp(0.15), 14);
    expect(m.fillProbability(0, 1, -5)).toBe(1);
    const big = new ExponentialFill({ A: 1000, k: 1 }, 0.01); // A dt = 10
    expect(big.fillProbability(0, 0, 1)).toBe(1);
    expect(big.fillProbability(0, 0, Math.log(10) + 1)).toBeCloseTo(Math.exp(-1), 14);
  });

  it('is non-increasing in depth', () => {
    let prev = Infinity;
    for (let d = -2; d <= 8; d += 0.01) {
      const p = m.fillProbability(0, 0, d);
      expect(p).toBeLessThanOrEqual(prev);
      prev = p;
    }
  });

  it('decides fills as u < p right at p, just below and just above it, and at the Taylor bounds', () => {
    for (const depth of [0, 1e-6, 0.01, 0.3, 1, 3, 7, -0.2]) {
      const p = m.fillProbability(0, 0, depth);
      const x = k * depth;
      const lower = A * dt * (1 - x + (x * x) / 2 - (x * x * x) / 6);
      const upper = (A * dt) / (1 + x + (x * x) / 2 + (x * x * x) / 6);
      for (const u of [p, p * (1 - 1e-12), p * (1 + 1e-12), lower, upper, 0, 0.999999]) {
        if (!(u >= 0 && u < 1)) continue;
        expect(m.fills(0, 0, depth, u), `depth ${depth}, u ${u}`).toBe(u < p);
      }
    }
  });

  it('draws nothing and keeps no state: beginStep / endStep / reset leave the stream where it was', () => {
    const a = new StreamRngs(1);
    const b = new StreamRngs(1);
    a.seed(0, 3);
    b.seed(0, 3);
    m.reset();
    m.beginStep();
    m.endStep();
    expect(a.uniform(0)).toBe(b.uniform(0));
    expect(m.name).toBe('ExponentialFill');
  });
});

/**
 * hjb-toxic and hjb-fees checked against their derivation (the closed form theta = p J q^2/2 +
 * theta_HJB' against a direct RK4 integration of the HJB with the fill costs), against hjb without
 * those costs, against the exact optimum of adverse-selection and maker-fees, and by Monte Carlo.
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import type { HjbModel } from './hjb-model.js';
import { solveHjbAt } from './hjb-solver.js';
import { makeBaselinePolicy } from './registry.js';
import { priorCheck } from './test-utils/prior-check.js';

describe('hjb-toxic', () => {
  it.each([
    ['informed fills', 0.3, 0.8, 0],
    ['a maker fee', 0, 0, 0.15],
    ['both', 0.3, 0.8, 0.15],
  ])("the closed form solves the HJB with %s (RK4 of the ODE, 20,000 steps): theta and both quotes", (_label, p, J, c) => {
    const [A, k, phi, alpha, Q, T] = [10, 1.5, 0.1, 0.5, 5, 1];
    const H = (x: number): number => (A / (Math.E * k)) * Math.exp(-k * x);
    // the Hamiltonians' arguments: theta(q) - theta(q +- 1) + the fill's expected cost
    const argBid = (th: Float64Array, q: number): number => th[q + Q]! - th[q + 1 + Q]! + p * J * (q + 1) + c;
    const argAsk = (th: Float64Array, q: number): number => th[q + Q]! - th[q - 1 + Q]! - p * J * (q - 1) + c;
    // d theta / dt = phi q^2 - H(bid) - H(ask), theta(T, q) = -alpha q^2, integrated backwards.
    const f = (th: Float64Array): Float64Array =>
      Float64Array.from({ length: 2 * Q + 1 }, (_, i) => {
        const q = i - Q;
        return phi * q * q - (q < Q ? H(argBid(th, q)) : 0) - (q > -Q ? H(argAsk(th, q)) : 0);
      });
    let th = Float64Array.from({ length: 2 * Q + 1 }, (_, i) => -alpha * (i - Q) ** 2);
    const n = 20_000;
    const h = -T / n;
    for (let s = 0; s < n; s++) {
      const k1 = f(th);
      const k2 = f(th.map((x, i) => x + (h / 2) * k1[i]!));
      const k3 = f(th.map((x, i) => x + (h / 2) * k2[i]!));
      const k4 = f(th.map((x, i) => x + h * k3[i]!));
      th = th.map((x, i) => x + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
    }
    const widen = c + (p * J) / 2;
    const eq: HjbModel = { A: A * Math.exp(-k * widen), k, gamma: 0.1, xi: 0, phi, alpha: alpha + (p * J) / 2, maxInventory: Q, horizon: T };
    const logV = solveHjbAt(eq, 0, T / 2000);
    const closed = Float64Array.from({ length: 2 * Q + 1 }, (_, i) => (p * J * (i - Q) ** 2) / 2 + logV[i]! / k);
    for (let i = 0; i <= 2 * Q; i++) expect(Math.abs(closed[i]! - th[i]!)).toBeLessThan(1e-6);
    // delta* = argument + 1/k: the equivalent HJB's depths, c + p J / 2 wider
    for (let q = -Q; q < Q; q++) {
      const eqBid = logV[q + Q]! / k - logV[q + 1 + Q]! / k + 1 / k;
      expect(Math.abs(argBid(th, q) + 1 / k - (eqBid + widen))).toBeLessThan(1e-6);
    }
  });

  it('is hjb where no fill is informed (hjb-toxic) or there is no fee (hjb-fees)', () => {
    const c = resolveEnvConfig('default');
    const obs = Float32Array.from([-0.6, 0, 0, 0.5, 0.2, 0.97, 1, 0.3]);
    expect(Array.from(makeBaselinePolicy('hjb-toxic', c).act(obs, 4))).toEqual(Array.from(makeBaselinePolicy('hjb', c).act(obs, 4)));
    expect(Array.from(makeBaselinePolicy('hjb-fees', c).act(obs, 4))).toEqual(Array.from(makeBaselinePolicy('hjb', c).act(obs, 4)));
  });

  it('hjb-fees takes almost all the headroom of maker-fees, and Monte Carlo agrees with its exact value', () => {
    const { vStar, exact, captured, z } = priorCheck('maker-fees', 'hjb-fees', 92_000);
    expect(exact).toBeLessThanOrEqual(vStar);
    expect(captured).toBeGreaterThan(0.99);
    expect(Math.abs(z)).toBeLessThanOrEqual(3);
  });

  it('lies between the HJB policy and the exact optimum in adverse-selection, and Monte Carlo agrees with its exact value', () => {
    const { vStar, exact, captured, z } = priorCheck('adverse-selection', 'hjb-toxic', 91_000);
    expect(exact).toBeLessThan(vStar);
    expect(captured).toBeGreaterThan(0.7);
    expect(Math.abs(z)).toBeLessThanOrEqual(3);
  });

  it('is refused outside its model, naming the field', () => {
    const arrival = resolveEnvConfig('adverse-selection', { toxicity: { rule: 'arrival' } });
    expect(() => makeBaselinePolicy('hjb-toxic', arrival)).toThrow(/toxicity.rule must be "fill" for the hjb-toxic policy/);
    expect(() => makeBaselinePolicy('hjb-toxic', resolveEnvConfig('default', { reward: { kind: 'cara' } }))).toThrow(/reward.kind must be "running-penalty" for the hjb-toxic policy/);
    expect(() => makeBaselinePolicy('hjb-toxic', resolveEnvConfig('default', { arrivals: { kind: 'power-law' } }))).toThrow(/hjb-toxic|arrivals/);
  });
});

/**
 * The gap decomposition (performance difference lemma) checked four ways: its terms sum to
 * V* - V^pi with V^pi the recursion's value, bit for bit, and every term is >= 0 (HJB policies on
 * every kind of finite market: ticks, terminal penalty, regimes, fees, informed fills with order
 * size 2); the occupancies are probability laws whose expected rewards sum to V^pi (a forward
 * computation against the backward one); the optimum's own policy loses nothing; the occupancy
 * matches the simulator's law of the inventory (Monte Carlo); unsupported markets are refused
 * with the reason.
 */
import { describe, expect, it } from 'vitest';
import type { EnvOverrides } from '../env/config.js';
import { makeVec } from '../env/registry.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { expectedReturnByRecursion, policyStepDepths } from './discrete-evaluation.js';
import { dpOptimalPolicy } from './dp-optimal.js';
import { exactOptimum } from './exact-optimum.js';
import { effectiveDepth, finiteMdpOf, stepValue } from './finite-mdp.js';
import { gapDecomposition } from './gap-decomposition.js';
import { makeBaselinePolicy } from './registry.js';

const markets: [string, string, EnvOverrides][] = [
  ['as2008 (default)', 'default', {}],
  ['coarse ticks', 'coarse-ticks', {}],
  ['liquidation (q0 = 10, terminal penalty)', 'liquidation', {}],
  ['regimes (observed), realized penalty', 'regime-risk', {}],
  ['maker fees', 'maker-fees', {}],
  ['informed fills, order size 2', 'adverse-selection', { orderSize: 2, maxInventory: 20 }],
];

describe('gapDecomposition of the HJB policy', () => {
  for (const [label, id, over] of markets) {
    it(`${label}: the terms are >= 0 and sum to V* - V^pi, V^pi as the recursion's`, () => {
      const c = resolveEnvConfig(id, over);
      const pol = makeBaselinePolicy('hjb', c);
      const g = gapDecomposition(c, pol, { top: Infinity });
      const mdp = finiteMdpOf(c);
      const { steps: N, regimes: m, width: W, maxInventory: Q, orderSize: s } = mdp;
      const plane = m * W;
      expect(g.value).toBe(exactOptimum(c).value);
      expect(g.policyValue).toBe(expectedReturnByRecursion(c, pol).value);
      expect(g.gap).toBe(g.value - g.policyValue);
      expect(g.gap).toBeGreaterThan(0);
      expect(Math.abs(g.decomposedGap - g.gap)).toBeLessThanOrEqual(1e-9 * Math.abs(g.gap));
      expect([g.steps, g.regimes, g.byStep.length, g.loss.length, g.occupancy.length]).toEqual([N, m, N, N * plane, N * plane]);
      expect(g.minLoss).toBeGreaterThanOrEqual(-1e-9);
      expect(g.loss.every((l) => l >= -1e-9)).toBe(true);
      expect(g.byStep.every((b) => b >= -1e-9)).toBe(true);
      expect(g.byStep.reduce((a, b) => a + b, 0)).toBeCloseTo(g.decomposedGap, 12);
      // occupancies: a law at each step; forward sum of expected rewards under them = V^pi
      const depthsAt = policyStepDepths(c, mdp, pol);
      const depths = new Float64Array(2 * plane);
      const zero = new Float64Array(W);
      let forward = 0;
      for (let n = 0; n < N; n++) {
        const d = g.occupancy.subarray(n * plane, (n + 1) * plane);
        expect(Math.abs(d.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        expect(d.every((x) => x >= 0)).toBe(true);
        depthsAt(n, depths);
        for (let r = 0; r < m; r++) {
          for (let j = 0; j < W; j++) {
            const w = d[r * W + j]!;
            if (w === 0) continue;
            // order size 2 from q0 = 0: only multiples of the order size are reached
            expect(Math.abs((j - Q - mdp.initialInventory) % s)).toBe(0);
            const cell = r * W + j;
            forward += w * stepValue(mdp, n, j - Q, r, effectiveDepth(mdp, depths[2 * cell]!), effectiveDepth(mdp, depths[2 * cell + 1]!), zero, n === N - 1);
          }
        }
      }
      expect(Math.abs(forward - g.policyValue)).toBeLessThanOrEqual(1e-9 * Math.abs(g.policyValue));
      // every visited cell is listed (top = Infinity), sorted by weighted loss, summing to the gap
      const visited = g.occupancy.reduce((a, x) => a + (x > 0 ? 1 : 0), 0);
      expect(g.states.length).toBe(visited);
      let sum = 0;
      for (let i = 0; i < g.states.length; i++) {
        const st = g.states[i]!;
        expect(st.weighted).toBe(st.occupancy * st.loss);
        if (i > 0) expect(st.weighted).toBeLessThanOrEqual(g.states[i - 1]!.weighted);
        expect(st.occupancy).toBe(g.occupancy[(st.step * m + st.regime) * W + st.inventory + Q]);
        sum += st.weighted;
      }
      expect(Math.abs(sum - g.decomposedGap)).toBeLessThanOrEqual(1e-9 * Math.abs(g.gap));
      const first = g.states[0]!;
      console.log(`${id}: V* ${g.value.toFixed(6)} V_HJB ${g.policyValue.toFixed(6)} gap ${g.gap.toExponential(4)} (decomposed - gap ${(g.decomposedGap - g.gap).toExponential(2)}); top state n=${first.step} q=${first.inventory} r=${first.regime} weighted ${first.weighted.toExponential(3)}`);
    });
  }

  it('returns the top 10 by default, the top K on request, with effective depths (NaN where not quoted)', () => {
    const c = resolveEnvConfig('coarse-ticks');
    const opt = exactOptimum(c);
    const pol = makeBaselinePolicy('hjb', c);
    const all = gapDecomposition(c, pol, { optimum: opt, top: Infinity });
    const ten = gapDecomposition(c, pol, { optimum: opt });
    const three = gapDecomposition(c, pol, { optimum: opt, top: 3 });
    expect(ten.states).toEqual(all.states.slice(0, 10));
    expect(three.states).toEqual(all.states.slice(0, 3));
    expect(gapDecomposition(c, pol, { optimum: opt, top: 0 }).states).toEqual([]);
    const tick = c.tickSize;
    for (const st of all.states) {
      for (const d of [...st.policyDepths, ...st.optimalDepths]) if (!Number.isNaN(d)) expect(Math.abs(d / tick - Math.round(d / tick))).toBeLessThan(1e-9);
      expect(Number.isNaN(st.policyDepths[0])).toBe(st.inventory + c.orderSize > c.maxInventory);
      expect(Number.isNaN(st.optimalDepths[1])).toBe(st.inventory - c.orderSize < -c.maxInventory);
    }
  });
});

describe('gapDecomposition of the optimal policy', () => {
  for (const id of ['default', 'coarse-ticks', 'regime-risk', 'maker-fees']) {
    it(`${id}: dp-optimal loses nothing anywhere`, () => {
      const c = resolveEnvConfig(id);
      const opt = exactOptimum(c);
      const g = gapDecomposition(c, dpOptimalPolicy(c, opt), { optimum: opt });
      expect(Math.abs(g.gap)).toBeLessThan(1e-9);
      expect(Math.abs(g.decomposedGap)).toBeLessThan(1e-9);
      expect(g.loss.every((l) => Math.abs(l) < 1e-9)).toBe(true);
      for (const st of g.states) expect(Math.abs(st.weighted)).toBeLessThan(1e-9);
    });
  }
  it('liquidation: dp-optimal loses only the float32 rounding of a depth at the kink p = 1 (linear there, not quadratic)', () => {
    // the optimal ask there is the largest depth with p = 1; a float32 action a few 1e-8 below it
    // gives up that much spread per fill, the decomposition shows it (about 4.5e-8 per step)
    const c = resolveEnvConfig('liquidation');
    const opt = exactOptimum(c);
    const g = gapDecomposition(c, dpOptimalPolicy(c, opt), { optimum: opt });
    expect(Math.abs(g.gap)).toBeLessThan(1e-6);
    expect(Math.abs(g.decomposedGap - g.gap)).toBeLessThan(1e-12);
    expect(g.loss.every((l) => l > -1e-9 && l < 1e-7)).toBe(true);
    const top = g.states[0]!;
    expect(top.policyDepths[1]).toBeCloseTo(top.optimalDepths[1], 6);
  });
});

describe('occupancy against the simulator', () => {
  it('liquidation, HJB: the law of q at step 10 matches 4000 simulated episodes (|z| <= 4 per level)', () => {
    const c = resolveEnvConfig('liquidation');
    const pol = makeBaselinePolicy('hjb', c);
    const g = gapDecomposition(c, pol, { top: 0 });
    const { width: W, maxInventory: Q } = finiteMdpOf(c);
    const n = 10;
    const E = 4000;
    const vec = makeVec(c, { numEnvs: E });
    let obs = vec.reset({ seed: 5 }).observations;
    let inv = new Float64Array(E);
    for (let k = 0; k < n; k++) {
      const r = vec.step(pol.act(obs, E, { deterministic: true }));
      obs = r.observations;
      inv = Float64Array.from(r.market.inventory);
    }
    vec.close?.();
    const counts = new Float64Array(W);
    for (const q of inv) counts[Math.round(q) + Q]! += 1;
    for (let j = 0; j < W; j++) {
      const p = g.occupancy[n * W + j]!;
      const freq = counts[j]! / E;
      const se = Math.sqrt(Math.max(p * (1 - p), 1e-6) / E);
      expect(Math.abs(freq - p) / se).toBeLessThanOrEqual(4);
    }
  });
});

describe('gapDecomposition refuses', () => {
  const pol = (id: string, over: EnvOverrides = {}): [ReturnType<typeof resolveEnvConfig>, ReturnType<typeof makeBaselinePolicy>] => {
    const c = resolveEnvConfig(id, over);
    return [c, makeBaselinePolicy('as', c)];
  };
  it('markets without a finite state or with unobserved features, naming the reason', () => {
    expect(() => gapDecomposition(...pol('hawkes-fills'))).toThrow(/^gap decomposition: .*arrivals.kind "hawkes": the excitation of each side is a continuous state/);
    expect(() => gapDecomposition(...pol('latency'))).toThrow(/^gap decomposition: .*latencySteps 2: the quotes in flight are a continuous state/);
    expect(() => gapDecomposition(...pol('default', { orderSize: 0.5, maxInventory: 10 }))).toThrow(/^gap decomposition: .*orderSize must be an integer, got 0\.5/);
    expect(() => gapDecomposition(...pol('default', { observation: { features: ['inventory', 'time', 'last-fills'] } }))).toThrow(/^gap decomposition: .*may read only inventory, time and regime, got \["last-fills"\]/);
  });
  it('an optimum of another market and a bad top, naming the field', () => {
    const [c, p] = pol('default', { horizon: 0.1 });
    const other = exactOptimum(resolveEnvConfig('default', { horizon: 0.2 }));
    expect(() => gapDecomposition(c, p, { optimum: other })).toThrow(/optimum was solved for another market .*horizon/);
    for (const top of [-1, 2.5, NaN]) expect(() => gapDecomposition(c, p, { top })).toThrow(new RegExp(`top must be a non-negative integer or Infinity, got ${top}`));
  });
});

/**
 * The exact optimum (backward induction) checked three ways: against the HJB policy's exact value
 * in the default market (V* above it by a small positive amount: the HJB is optimal in continuous
 * time only), against a brute-force 2-D grid per state (the maximiser), and against Monte Carlo of
 * the optimal table in the simulator (4,000 seeds, |z| <= 3) in every supported market, where the
 * HJB policy's generalised exact value is checked by Monte Carlo on the same seeds too.
 */
import { describe, expect, it } from 'vitest';
import type { EnvOverrides } from '../env/config.js';
import { makeVec } from '../env/registry.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { expectedReturnByRecursion } from './discrete-evaluation.js';
import { dpOptimalPolicy } from './dp-optimal.js';
import { exactOptimum, optimizeState } from './exact-optimum.js';
import { continuation, effectiveDepth, finiteMdpOf, stepValue } from './finite-mdp.js';
import { makeBaselinePolicy } from './registry.js';
import { runBaselineEpisodes, summarizeSample } from './run-baseline.js';

describe('exact optimum of the default market', () => {
  it('is above the HJB policy by a small positive amount', () => {
    const c = resolveEnvConfig('default');
    const opt = exactOptimum(c);
    const hjb = expectedReturnByRecursion(c, makeBaselinePolicy('hjb', c)).value;
    console.log(`default: V* = ${opt.value.toFixed(6)}, V_HJB = ${hjb.toFixed(6)}, V* - V_HJB = ${(opt.value - hjb).toFixed(6)}`);
    expect(opt.value - hjb).toBeGreaterThan(0);
    expect(opt.value - hjb).toBeLessThan(0.05);
    expect(opt.value).toBeCloseTo(66.875, 3);
  });
});

describe('per-state maximiser against a brute-force grid', () => {
  const markets: [string, EnvOverrides][] = [
    ['default', {}],
    ['adverse-selection', {}],
    ['toxic-fees', {}],
    ['maker-fees', {}],
    ['regime-risk', {}],
    ['default', { arrivals: { kind: 'power-law' } }],
  ];
  for (const [id, over] of markets) {
    it(`${id} ${JSON.stringify(over)}`, () => {
      const c = resolveEnvConfig(id, over);
      const opt = exactOptimum(c);
      const mdp = finiteMdpOf(c);
      const { width: W, regimes: m, maxInventory: Q, steps: N } = mdp;
      const plane = m * W;
      const cont = new Float64Array(plane);
      let worst = 0;
      for (const n of [0, Math.floor(N / 2), N - 1]) {
        continuation(mdp, opt.values.subarray((n + 1) * plane, (n + 2) * plane), cont);
        for (const q of [-Q + 1, -3, 0, 5, Q - 1]) {
          for (let r = 0; r < m; r++) {
            const c1 = cont.subarray(r * W, (r + 1) * W);
            const last = n === N - 1;
            const vStar = opt.values[n * plane + r * W + q + Q] as number;
            const dom = mdp.domain;
            const hi = dom.kind === 'interval' ? dom.hi : 0;
            // coarse grid over the whole box, then a fine grid around its best point
            let best = -Infinity;
            let bb = 0;
            let ba = 0;
            const G = 100;
            for (let i = 0; i <= G; i++) {
              for (let j = 0; j <= G; j++) {
                const v = stepValue(mdp, n, q, r, (i * hi) / G, (j * hi) / G, c1, last);
                if (v > best) [best, bb, ba] = [v, (i * hi) / G, (j * hi) / G];
              }
            }
            const h = hi / G;
            for (let i = -20; i <= 20; i++) {
              for (let j = -20; j <= 20; j++) {
                const db = Math.min(hi, Math.max(0, bb + (i * h) / 20));
                const da = Math.min(hi, Math.max(0, ba + (j * h) / 20));
                best = Math.max(best, stepValue(mdp, n, q, r, db, da, c1, last));
              }
            }
            expect(best).toBeLessThanOrEqual(vStar + 1e-12);
            worst = Math.max(worst, vStar - best);
            const again = optimizeState(mdp, n, q, r, c1, last, { db: 4, da: 0 });
            expect(Math.abs(again.value - vStar)).toBeLessThan(1e-12);
          }
        }
      }
      console.log(`${id}: brute-force grid never beats the maximiser; largest V* - grid best = ${worst.toExponential(2)} (grid step ${(c.action.mode === 'discrete' ? 0 : (c.action as { maxDepth: number }).maxDepth / 2000).toExponential(1)})`);
      expect(worst).toBeLessThan(1e-5);
    });
  }

  it('enumerates a tick grid exactly', () => {
    // the market with a continuous action: every depth rounds to a tick of the enumerated grid
    const c = resolveEnvConfig('coarse-ticks', { action: { mode: 'normalized-depths', maxDepth: 5 } });
    const opt = exactOptimum(c);
    const mdp = finiteMdpOf(c);
    const { width: W, maxInventory: Q } = mdp;
    const cont = new Float64Array(W);
    continuation(mdp, opt.values.subarray(W, 2 * W), cont);
    let best = -Infinity;
    for (let i = 0; i <= 200; i++) for (let j = 0; j <= 200; j++) best = Math.max(best, stepValue(mdp, 0, 0, 0, effectiveDepth(mdp, i * 0.025), effectiveDepth(mdp, j * 0.025), cont, false));
    expect(best).toBeCloseTo(opt.values[Q] as number, 12);
  });
});

describe('Monte Carlo of the optimal table and of the HJB policy in the simulator (4,000 seeds, common random numbers)', () => {
  const markets: [string, EnvOverrides][] = [
    ['default', {}],
    ['trend', {}],
    ['adverse-selection', {}],
    ['toxic-fees', {}],
    ['coarse-ticks', {}],
    ['maker-fees', {}],
    ['liquidation', {}],
    ['regime-risk', {}],
    ['regime-switching', {}],
    ['default', { arrivals: { kind: 'power-law' } }],
    ['default', { orderSize: 2, reward: { kind: 'pnl', terminalPenalty: 0.5 } }],
    ['default', { action: { mode: 'discrete' } }],
  ];
  for (const [id, over] of markets) {
    it(`${id} ${JSON.stringify(over)}`, () => {
      const c = resolveEnvConfig(id, over);
      const opt = exactOptimum(c);
      const policies = [dpOptimalPolicy(c, opt)];
      if (c.arrivals.kind === 'exponential' && c.orderSize === 1) policies.push(makeBaselinePolicy('hjb', c) as never);
      for (const policy of policies) {
        const exact = policy.name === 'dp-optimal' ? opt.value : expectedReturnByRecursion(c, policy).value;
        const env = makeVec(c, { numEnvs: 1000 });
        const r = runBaselineEpisodes(env, policy, { episodes: 4000, seed: 90_000 });
        env.close();
        const s = summarizeSample(r.returns);
        const z = (s.mean - exact) / s.se;
        console.log(`${id} ${JSON.stringify(over)} ${policy.name}: MC ${s.mean.toFixed(4)} +- ${s.se.toFixed(4)} vs exact ${exact.toFixed(4)}: z = ${z.toFixed(2)} (tol 3)`);
        expect(Math.abs(z)).toBeLessThanOrEqual(3);
      }
    });
  }
});

describe('tick-ladder actions (coarse-ticks: discrete actions at the tick buckets\' centres)', () => {
  it('leave the HJB policy\'s quotes as they are and dp-optimal sends its grid levels unchanged', () => {
    const ladder = resolveEnvConfig('coarse-ticks');
    const box = resolveEnvConfig('coarse-ticks', { action: { mode: 'normalized-depths', maxDepth: 5 } });
    expect(ladder.action).toEqual({ mode: 'discrete', grid: [0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3.25, 3.75, 4.25, 4.75] });
    const hjbLadder = expectedReturnByRecursion(ladder, makeBaselinePolicy('hjb', ladder)).value;
    const hjbBox = expectedReturnByRecursion(box, makeBaselinePolicy('hjb', box)).value;
    const opt = exactOptimum(ladder);
    const dp = expectedReturnByRecursion(ladder, dpOptimalPolicy(ladder, opt)).value;
    const boxOpt = exactOptimum(box).value;
    console.log(`coarse-ticks: hjb ${hjbLadder.toFixed(6)} (ladder) vs ${hjbBox.toFixed(6)} (continuous); V* ${opt.value.toFixed(6)} (ladder) vs ${boxOpt.toFixed(6)}; dp-optimal ${dp.toFixed(6)}`);
    // each grid level is its tick bucket's centre: the nearest level is the tick a continuous quote rounds to
    expect(Math.abs(hjbLadder - hjbBox)).toBeLessThan(1e-4);
    expect(dp).toBeCloseTo(opt.value, 9);
    // the ladder lacks only depth 0 (a quote at the mid)
    expect(opt.value).toBeLessThanOrEqual(boxOpt + 1e-9);
    expect(boxOpt - opt.value).toBeLessThan(0.01);
  });
});

describe('the drift-aware HJB (mu q on the matrix diagonal) against the exact optimum', () => {
  it('captures >= 99% of the headroom the drift-blind HJB leaves in the trend market', () => {
    const c = resolveEnvConfig('trend');
    const vStar = exactOptimum(c).value;
    const hjb = expectedReturnByRecursion(c, makeBaselinePolicy('hjb', c)).value;
    const drift = expectedReturnByRecursion(c, makeBaselinePolicy('hjb-drift', c)).value;
    const captured = (drift - hjb) / (vStar - hjb);
    console.log(`trend: V* ${vStar.toFixed(4)}, hjb ${hjb.toFixed(4)}, hjb-drift ${drift.toFixed(4)}: headroom captured ${(100 * captured).toFixed(2)}%`);
    expect(captured).toBeGreaterThan(0.99);
    expect(drift).toBeLessThanOrEqual(vStar + 1e-9);
  });
  it('equals the plain HJB without drift', () => {
    const c = resolveEnvConfig('default');
    const a = makeBaselinePolicy('hjb', c);
    const b = makeBaselinePolicy('hjb-drift', c);
    const obs = Float32Array.from([0.2, 0.5, -0.4, 0.9]);
    expect(Array.from(b.act(obs, 2))).toEqual(Array.from(a.act(obs, 2)));
  });
});

describe('markets outside the finite MDP are refused with the reason', () => {
  const cases: [string, EnvOverrides, RegExp][] = [
    ['hawkes', {}, /arrivals.kind "hawkes": the excitation/],
    ['latency', {}, /latencySteps 2: the quotes in flight/],
    ['default', { reward: { kind: 'cara' } }, /reward.kind "cara"/],
    ['default', { tickSize: 0.1 }, /tickSize 0.1 with a mid off the tick lattice/],
    ['regime-switching', { observation: { features: ['inventory', 'time'] } }, /the regime is hidden/],
    ['default', { price: { kind: 'ou' } }, /price.kind "ou"/],
    ['default', { action: { mode: 'spread-skew' } }, /spread-skew/],
  ];
  for (const [id, over, msg] of cases) {
    it(`${id} ${JSON.stringify(over)}`, () => {
      expect(() => exactOptimum(resolveEnvConfig(id, over))).toThrow(msg);
    });
  }
  it('policy evaluation refuses observations the recursion does not track', () => {
    const c = resolveEnvConfig('default', { observation: { features: ['inventory', 'time', 'mid-returns'] } });
    expect(() => expectedReturnByRecursion(c, makeBaselinePolicy('hjb', c))).toThrow(/may read only inventory, time and regime/);
    expect(exactOptimum(c).value).toBeCloseTo(exactOptimum(resolveEnvConfig('default')).value, 12);
  });
});

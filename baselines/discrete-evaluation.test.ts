/**
 * The backward recursion of a Markov policy's value against a forward computation: the law of
 * (q, regime) pushed forward step by step, each step's expected reward summed under it (the two
 * orders of summation must agree); and the policy route (observations built per cell) against the
 * depth-rule route.
 */
import { describe, expect, it } from 'vitest';
import type { EnvConfig, EnvOverrides } from '../env/config.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { type DepthRule, expectedReturnByRecursion, expectedReturnOfDepthRule } from './discrete-evaluation.js';
import { effectiveDepth, finiteMdpOf, stepValue } from './finite-mdp.js';
import { inventorySkewPolicy } from './inventory-skew.js';
import { depthRulePolicy } from './policy-support.js';

function forwardValue(c: EnvConfig, rule: DepthRule): number {
  const mdp = finiteMdpOf(c);
  const { steps: N, width: W, maxInventory: Q, regimes: m, orderSize: s } = mdp;
  const zero = new Float64Array(W);
  let law = new Float64Array(m * W);
  law[mdp.initialRegime * W + mdp.initialInventory + Q] = 1;
  let total = 0;
  const d = new Float64Array(2);
  for (let n = 0; n < N; n++) {
    const next = new Float64Array(m * W);
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < W; j++) {
        const w = law[r * W + j]!;
        if (w === 0) continue;
        const q = j - Q;
        rule(n, q, r, d);
        const db = effectiveDepth(mdp, d[0]!);
        const da = effectiveDepth(mdp, d[1]!);
        total += w * stepValue(mdp, n, q, r, db, da, zero, n === N - 1);
        const pb = q + s <= Q ? mdp.fillProb(db) : 0;
        const pa = q - s >= -Q ? mdp.fillProb(da) : 0;
        for (const [dq, p] of [[s, pb * (1 - pa)], [-s, pa * (1 - pb)], [0, pb * pa + (1 - pb) * (1 - pa)]] as const) {
          for (let r1 = 0; r1 < m; r1++) next[r1 * W + j + dq] = next[r1 * W + j + dq]! + w * p * mdp.transition[r * m + r1]!;
        }
      }
    }
    law = next;
  }
  return total;
}

const skewRule: DepthRule = (n, q, r, out) => {
  out[0] = 0.6 + 0.05 * q + 0.002 * n + 0.3 * r;
  out[1] = Math.max(0, 0.6 - 0.05 * q) + 0.001 * n;
};

describe('expectedReturnOfDepthRule', () => {
  const markets: [string, string, EnvOverrides][] = [
    ['running penalty from q0 = 3 with a terminal penalty', 'default', { maxInventory: 6, horizon: 0.1, initialInventory: 3, reward: { terminalPenalty: 0.2 } }],
    ['regimes, realized penalty', 'regime-risk', { maxInventory: 5, horizon: 0.1 }],
    ['ticks on a lattice mid', 'coarse-ticks', { maxInventory: 4, horizon: 12 / 256, action: { mode: 'depths', maxDepth: 3 } }],
    ['informed fills, order size 2', 'adverse-selection', { maxInventory: 6, horizon: 0.05, orderSize: 2 }],
  ];
  for (const [label, id, over] of markets) {
    it(`${label}: equals the forward computation`, () => {
      const c = resolveEnvConfig(id, over);
      const res = expectedReturnOfDepthRule(c, skewRule);
      const fwd = forwardValue(c, skewRule);
      expect(Math.abs(res.value - fwd)).toBeLessThan(1e-10 * (1 + Math.abs(fwd)));
      const mdp = finiteMdpOf(c);
      expect([res.steps, res.width, res.regimes]).toEqual([mdp.steps, mdp.width, mdp.regimes]);
      const plane = mdp.regimes * mdp.width;
      expect(res.values.length).toBe((mdp.steps + 1) * plane);
      expect(res.values.subarray(mdp.steps * plane).every((v) => v === 0)).toBe(true); // V_N = 0
      expect(res.value).toBe(res.values[mdp.initialRegime * mdp.width + mdp.initialInventory + mdp.maxInventory]);
    });
  }
  it('two steps of a driftless pnl market: 2 (p_b delta_b + p_a delta_a)', () => {
    const c = resolveEnvConfig('default', { horizon: 0.01, reward: { kind: 'pnl' } });
    const p = (d: number): number => 0.7 * Math.exp(-1.5 * d);
    const v = expectedReturnOfDepthRule(c, (_n, _q, _r, out) => {
      out[0] = 0.5;
      out[1] = 1.2;
    }).value;
    expect(v).toBeCloseTo(2 * (p(0.5) * 0.5 + p(1.2) * 1.2), 14);
  });
});

describe('expectedReturnByRecursion', () => {
  it('a policy equals its own depth rule, whatever the observation layout', () => {
    for (const features of [['inventory', 'time'], ['time-left', 'inventory']] as const) {
      const c = resolveEnvConfig('default', { maxInventory: 8, horizon: 0.1, action: { mode: 'depths', maxDepth: 5 }, observation: { features: [...features] } });
      const pol = inventorySkewPolicy(c, { halfSpread: 0.7, skewPerUnit: 0.04 });
      const byPolicy = expectedReturnByRecursion(c, pol).value;
      // float32 actions: the rule sends the same float32 depths
      const byRule = expectedReturnOfDepthRule(c, (_n, q, _r, out) => {
        out[0] = Math.fround(Math.max(0, 0.7 + 0.04 * q));
        out[1] = Math.fround(Math.max(0, 0.7 - 0.04 * q));
      }).value;
      expect(byPolicy).toBeCloseTo(byRule, 10);
    }
  });
  it('time-dependent policies see t = n/N (time) or 1 - n/N (time-left) and the observed regime', () => {
    for (const features of [['inventory', 'time', 'regime'], ['regime', 'time-left', 'inventory']] as const) {
      const c = resolveEnvConfig('regime-risk', { maxInventory: 4, horizon: 0.05, action: { mode: 'depths', maxDepth: 5 }, observation: { features: [...features] } });
      const N = finiteMdpOf(c).steps;
      const iReg = features.indexOf('regime');
      const pol = depthRulePolicy('t', c, true, (q, t, out) => {
        out[0] = 0.5 + t;
        out[1] = 0.5 + 0.1 * q;
      });
      // depthRulePolicy reads no regime, so a regime-dependent one is built by hand below
      const byPolicy = expectedReturnByRecursion(c, pol).value;
      const byRule = expectedReturnOfDepthRule(c, (n, q, _r, out) => {
        out[0] = Math.fround(0.5 + Math.fround(features[1] === 'time-left' ? 1 - Math.fround(1 - n / N) : n / N));
        out[1] = Math.fround(Math.max(0, 0.5 + 0.1 * q));
      }).value;
      expect(byPolicy).toBeCloseTo(byRule, 6);
      const regimePolicy = {
        name: 'reg',
        act: (obs: Float32Array, batch: number): Float32Array => {
          const out = new Float32Array(2 * batch);
          for (let i = 0; i < batch; i++) {
            const r = obs[i * 4 + iReg + 1]! > 0.5 ? 1 : 0;
            out[2 * i] = 0.4 + r;
            out[2 * i + 1] = 0.4 + 2 * r;
          }
          return out;
        },
      };
      const a = expectedReturnByRecursion(c, regimePolicy).value;
      const b = expectedReturnOfDepthRule(c, (_n, _q, r, out) => {
        out[0] = Math.fround(0.4 + r);
        out[1] = Math.fround(0.4 + 2 * r);
      }).value;
      expect(a).toBeCloseTo(b, 10);
    }
  });
  it('a policy reading the final-steps code sees, at step n, the bits of N - n decisions left (the simulator\'s)', () => {
    const c = resolveEnvConfig('liquidation', { horizon: 0.08, action: { mode: 'depths', maxDepth: 5 }, observation: { features: ['final-steps', 'inventory', 'time'] } });
    const N = finiteMdpOf(c).steps;
    expect(N).toBe(8);
    const finalPolicy = {
      name: 'final',
      act: (obs: Float32Array, batch: number): Float32Array => {
        const out = new Float32Array(2 * batch);
        for (let i = 0; i < batch; i++) {
          const o = obs.subarray(i * 5, i * 5 + 5);
          const left = o[0] === 1 ? 1 : o[1] === 1 ? 2 : o[2] === 1 ? 3 : 0;
          out[2 * i] = 0.5 + 0.6 * left + 0.01 * (o[3]! * 25 + 25);
          out[2 * i + 1] = 0.3 + 0.4 * left;
        }
        return out;
      },
    };
    const byPolicy = expectedReturnByRecursion(c, finalPolicy).value;
    const byRule = expectedReturnOfDepthRule(c, (n, q, _r, out) => {
      const left = N - n <= 3 ? N - n : 0;
      out[0] = Math.fround(0.5 + 0.6 * left + 0.01 * (Math.fround(q / 25) * 25 + 25));
      out[1] = Math.fround(0.3 + 0.4 * left);
    }).value;
    expect(byPolicy).toBe(byRule);
    // the code matters: the same rule without it is another value
    const plain = expectedReturnOfDepthRule(c, (_n, q, _r, out) => {
      out[0] = Math.fround(0.5 + 0.01 * (Math.fround(q / 25) * 25 + 25));
      out[1] = Math.fround(0.3);
    }).value;
    expect(Math.abs(plain - byRule)).toBeGreaterThan(1e-3);
  });
  it('a policy reading the inventory-levels code sees, in cell q, the one-hot of q (the simulator\'s)', () => {
    const c = resolveEnvConfig('liquidation', { horizon: 0.08, maxInventory: 6, initialInventory: 3, action: { mode: 'depths', maxDepth: 5 }, observation: { features: ['inventory-levels', 'time', 'inventory'] } });
    const D = 13 + 2;
    const levelPolicy = {
      name: 'levels',
      act: (obs: Float32Array, batch: number): Float32Array => {
        const out = new Float32Array(2 * batch);
        for (let i = 0; i < batch; i++) {
          const o = obs.subarray(i * D, (i + 1) * D);
          const level = o.subarray(0, 13).indexOf(1) - 6;
          out[2 * i] = level === 1 ? 0.3 : 1.5 + 0.1 * level;
          out[2 * i + 1] = level === -1 ? 0.3 : 1.5 - 0.1 * level;
        }
        return out;
      },
    };
    const byPolicy = expectedReturnByRecursion(c, levelPolicy).value;
    const byRule = expectedReturnOfDepthRule(c, (_n, q, _r, out) => {
      out[0] = Math.fround(q === 1 ? 0.3 : 1.5 + 0.1 * q);
      out[1] = Math.fround(q === -1 ? 0.3 : 1.5 - 0.1 * q);
    }).value;
    expect(byPolicy).toBe(byRule);
  });
  it('a policy reading the final-steps-levels code sees, in cell (n, q), the one-hot of (N - n decisions left, q)', () => {
    const c = resolveEnvConfig('liquidation', { horizon: 0.08, maxInventory: 6, initialInventory: 3, action: { mode: 'depths', maxDepth: 5 }, observation: { features: ['final-steps-levels', 'time', 'inventory'] } });
    const N = 8;
    const D = 39 + 2;
    const tabular = {
      name: 'tabular',
      act: (obs: Float32Array, batch: number): Float32Array => {
        const out = new Float32Array(2 * batch);
        for (let i = 0; i < batch; i++) {
          const hot = obs.subarray(i * D, i * D + 39).indexOf(1);
          out[2 * i] = hot < 0 ? 1 : 0.2 + 0.05 * hot;
          out[2 * i + 1] = hot < 0 ? 1.2 : 2 - 0.04 * hot;
        }
        return out;
      },
    };
    const byRule = expectedReturnOfDepthRule(c, (n, q, _r, out) => {
      const j = N - n - 1;
      const hot = j < 3 ? j * 13 + q + 6 : -1;
      out[0] = Math.fround(hot < 0 ? 1 : 0.2 + 0.05 * hot);
      out[1] = Math.fround(hot < 0 ? 1.2 : 2 - 0.04 * hot);
    }).value;
    expect(expectedReturnByRecursion(c, tabular).value).toBe(byRule);
  });
  it('refuses observations the recursion does not track, naming the check', () => {
    const c = resolveEnvConfig('default', { observation: { features: ['inventory', 'time', 'last-fills'] } });
    const pol = inventorySkewPolicy(c);
    expect(() => expectedReturnByRecursion(c, pol)).toThrow(/^exact discrete evaluation: .*may read only inventory, time and regime, got \["last-fills"\]/);
    expect(() => expectedReturnOfDepthRule(resolveEnvConfig('hawkes'), skewRule)).toThrow(/^exact discrete evaluation: .*arrivals.kind "hawkes"/);
  });
});

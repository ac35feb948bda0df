/**
 * dp-optimal is a look-up of the exact optimum's table: at the observation of cell (n, q, r) it
 * acts the table's depths (a side not quoted: the deepest action), with a tick the depth is sent
 * half a tick short so that the env's rounding away from the mid lands on it exactly.
 */
import { describe, expect, it } from 'vitest';
import { actionToDepths } from '../env/action-map.js';
import type { EnvConfig } from '../env/config.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { expectedReturnByRecursion } from './discrete-evaluation.js';
import { dpOptimalPolicy } from './dp-optimal.js';
import { exactOptimum } from './exact-optimum.js';
import { effectiveDepth } from './finite-mdp.js';

/** The policy's depths at every cell (n, r, q) of the optimum's grid, and the table's. */
function everyCell(c: EnvConfig, regimeIndex?: number): { got: number[][]; want: number[][]; tick: number; maxDepth: number } {
  const opt = exactOptimum(c);
  const pol = dpOptimalPolicy(c, opt);
  const { steps: N, width: W, regimes: m, maxInventory: Q, tick } = opt.mdp;
  const D = regimeIndex === undefined ? 2 : 2 + m;
  const rows = N * m * W;
  const obs = new Float32Array(rows * D);
  for (let n = 0; n < N; n++) for (let r = 0; r < m; r++) for (let j = 0; j < W; j++) {
    const o = ((n * m + r) * W + j) * D;
    obs[o] = (j - Q) / Q;
    obs[o + 1] = n / N;
    if (regimeIndex !== undefined) obs[o + regimeIndex + r] = 1;
  }
  const a = pol.act(obs, rows);
  const dim = c.action.mode === 'discrete' ? 1 : 2;
  const got: number[][] = [];
  const want: number[][] = [];
  const d = new Float64Array(2);
  for (let cell = 0; cell < rows; cell++) {
    actionToDepths(c.action, a, cell * dim, d, 0);
    got.push([d[0]!, d[1]!]);
    want.push([opt.bid[cell]!, opt.ask[cell]!]);
  }
  return { got, want, tick, maxDepth: c.action.mode === 'discrete' ? Math.max(...c.action.grid) : c.action.maxDepth };
}

describe('dpOptimalPolicy', () => {
  it('continuous depths: acts the table at every cell; a side not quoted gets the deepest depth', () => {
    const c = resolveEnvConfig('default', { maxInventory: 4, horizon: 0.05, action: { mode: 'depths', maxDepth: 5 } });
    const { got, want, maxDepth } = everyCell(c);
    let unquoted = 0;
    got.forEach(([b, a], i) => {
      const [wb, wa] = want[i]!;
      if (Number.isNaN(wb!)) {
        unquoted++;
        expect(b).toBe(maxDepth);
      } else expect(b).toBeCloseTo(Math.min(maxDepth, Math.max(0, wb!)), 5);
      if (Number.isNaN(wa!)) expect(a).toBe(maxDepth);
      else expect(a).toBeCloseTo(Math.min(maxDepth, Math.max(0, wa!)), 5);
    });
    expect(unquoted).toBe(10); // q = Q at each of the 10 steps
  });
  it('regimes: the observed regime picks its plane of the table', () => {
    const c = resolveEnvConfig('regime-risk', { maxInventory: 3, horizon: 0.03, action: { mode: 'depths', maxDepth: 5 } });
    const { got, want } = everyCell(c, 2);
    got.forEach(([b, a], i) => {
      if (!Number.isNaN(want[i]![0]!)) expect(b).toBeCloseTo(want[i]![0]!, 5);
      if (!Number.isNaN(want[i]![1]!)) expect(a).toBeCloseTo(want[i]![1]!, 5);
    });
    // the two regimes' quotes differ somewhere (the stressed one is riskier)
    const W = 7;
    expect(want.slice(0, W)).not.toEqual(want.slice(W, 2 * W));
  });
  it('a tick with a continuous action: sent as g - tick/2, which the env rounds to g exactly', () => {
    const c = resolveEnvConfig('coarse-ticks', { maxInventory: 3, horizon: 8 / 256, action: { mode: 'depths', maxDepth: 5 } });
    const { got, want, tick } = everyCell(c);
    expect(tick).toBe(0.5);
    got.forEach(([b, a], i) => {
      for (const [sent, table] of [[b, want[i]![0]], [a, want[i]![1]]] as const) {
        if (Number.isNaN(table!) || table === 0) continue;
        expect(sent).toBeCloseTo(table! - 0.25, 6);
        expect(effectiveDepth({ tick }, sent!)).toBe(table);
      }
    });
    // its exact value is V*
    expect(expectedReturnByRecursion(c, dpOptimalPolicy(c)).value).toBeCloseTo(exactOptimum(c).value, 10);
  });
  it('a discrete ladder: the grid levels are sent as they are; records its optimum and spec', () => {
    const c = resolveEnvConfig('coarse-ticks', { maxInventory: 3, horizon: 8 / 256 });
    const opt = exactOptimum(c);
    const pol = dpOptimalPolicy(c, opt);
    expect(pol.optimum).toBe(opt);
    expect(pol.spec).toEqual(c);
    const { got, want } = everyCell(c);
    got.forEach(([b, a], i) => {
      if (!Number.isNaN(want[i]![0]!)) expect(b).toBe(want[i]![0]);
      if (!Number.isNaN(want[i]![1]!)) expect(a).toBe(want[i]![1]);
    });
  });
  it('needs a time feature and a finite market', () => {
    expect(() => dpOptimalPolicy(resolveEnvConfig('default', { observation: { features: ['inventory'] } }))).toThrow(/time/);
    expect(() => dpOptimalPolicy(resolveEnvConfig('hawkes'))).toThrow(/exact optimum: .*arrivals.kind "hawkes"/);
  });
});

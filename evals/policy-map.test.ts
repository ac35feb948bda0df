/**
 * The policy map: the grid of (t, q), the synthetic observations it feeds the policy (inventory,
 * time, time-left, neutral values elsewhere), the depths decoded with the action map, NaN on the
 * side the env does not quote at the bound, and its errors.
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import type { Policy } from '../env/types.js';
import { inventorySkewPolicy } from '../baselines/inventory-skew.js';
import { policyMap } from './policy-map.js';

/** A policy that records its observations and quotes depths (1 + row/100, 2 + row/100). */
function recorder(): { policy: Policy; seen: Float32Array[] } {
  const seen: Float32Array[] = [];
  return {
    seen,
    policy: {
      name: 'rec',
      act(obs, batch) {
        seen.push(obs.slice());
        const out = new Float32Array(2 * batch);
        for (let r = 0; r < batch; r++) {
          out[2 * r] = 1 + r / 100;
          out[2 * r + 1] = 2 + r / 100;
        }
        return out;
      },
    },
  };
}

describe('policyMap', () => {
  it('feeds the final-steps code of each time column (1, 2, 3 decisions left one-hot)', () => {
    const c = resolveEnvConfig('liquidation', { action: { mode: 'depths', maxDepth: 20 }, observation: { features: ['inventory', 'time', 'final-steps'] } }); // 20 steps; the preset also observes final-steps-levels, left out here so each row is 5 values
    const { policy, seen } = recorder();
    policyMap(policy, c, { timePoints: 20 });
    const obs = seen[0]!;
    const W = 51; // inventories -25..25
    const bitsAt = (col: number): number[] => Array.from(obs.subarray(col * W * 5 + 2, col * W * 5 + 5));
    expect(bitsAt(0)).toEqual([0, 0, 0]);
    expect(bitsAt(16)).toEqual([0, 0, 0]);
    expect([bitsAt(17), bitsAt(18), bitsAt(19)]).toEqual([[0, 0, 1], [0, 1, 0], [1, 0, 0]]);
  });
  it('feeds the inventory-levels code of each inventory row', () => {
    const c = resolveEnvConfig('default', { maxInventory: 4, orderSize: 2, action: { mode: 'depths', maxDepth: 20 }, observation: { features: ['inventory', 'inventory-levels'] } });
    const { policy, seen } = recorder();
    policyMap(policy, c, { timePoints: 2 });
    const obs = seen[0]!;
    // inventories -4, -2, 0, 2, 4 (levels 0..4) in each time column, 1 + 5 values a row
    for (let row = 0; row < 10; row++) expect(Array.from(obs.subarray(row * 6 + 1, row * 6 + 6))).toEqual([0, 1, 2, 3, 4].map((b) => (b === row % 5 ? 1 : 0)));
  });
  it('feeds the final-steps-levels code of each (time column, inventory row)', () => {
    const c = resolveEnvConfig('default', { maxInventory: 2, horizon: 0.05, action: { mode: 'depths', maxDepth: 20 }, observation: { features: ['final-steps-levels'] } }); // 10 steps, 5 levels
    const { policy, seen } = recorder();
    policyMap(policy, c, { timePoints: 10 });
    const obs = seen[0]!;
    for (let col = 0; col < 10; col++) {
      for (let row = 0; row < 5; row++) {
        const j = 10 - col - 1;
        const got = Array.from(obs.subarray((col * 5 + row) * 15, (col * 5 + row + 1) * 15));
        expect(got, `step ${col} level ${row}`).toEqual(got.map((_, b) => (j < 3 && b === j * 5 + row ? 1 : 0)));
      }
    }
  });
  it('times subsampled from the step grid, inventories -Q..Q by the order size; one batched call', () => {
    const c = resolveEnvConfig('default', { maxInventory: 5, orderSize: 2, horizon: 0.1, action: { mode: 'depths', maxDepth: 10 } });
    const { policy, seen } = recorder();
    const m = policyMap(policy, c, { timePoints: 4 });
    expect(m.policy).toBe('rec');
    // 20 steps, 4 columns: steps 0, 5, 10, 15
    expect(m.times.map((t) => Math.round(t * 1e9) / 1e9)).toEqual([0, 0.025, 0.05, 0.075]);
    expect(m.inventories).toEqual([-4, -2, 0, 2, 4]);
    expect(seen).toHaveLength(1);
    // depths decoded from the actions, row-major [time][inventory]; the bid at q + 2 > Q and the ask at q - 2 < -Q are NaN
    const W = 5;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < W; j++) {
        const r = i * W + j;
        const q = m.inventories[j]!;
        if (q + 2 > 5) expect(m.bidDepth[r]).toBeNaN();
        else expect(m.bidDepth[r]).toBeCloseTo(1 + r / 100, 6);
        if (q - 2 < -5) expect(m.askDepth[r]).toBeNaN();
        else expect(m.askDepth[r]).toBeCloseTo(2 + r / 100, 6);
      }
    }
    // q = 4 cannot buy 2 more (6 > 5), q = -4 cannot sell
    expect([Number.isNaN(m.bidDepth[4]!), Number.isNaN(m.bidDepth[3]!), Number.isNaN(m.askDepth[0]!), Number.isNaN(m.askDepth[1]!)]).toEqual([true, false, true, false]);
  });
  it('observations: q/Q, t/T, (T - t)/T, realised vol 1, regime one-hot at 0, returns and fills 0', () => {
    const c = resolveEnvConfig('regime-risk', {
      maxInventory: 4,
      horizon: 0.05,
      action: { mode: 'depths', maxDepth: 10 },
      observation: { features: ['time-left', 'mid-returns', 'inventory', 'realized-vol', 'regime', 'last-fills', 'time'], returnsWindow: 2 },
    });
    const { policy, seen } = recorder();
    const m = policyMap(policy, c, { timePoints: 2 });
    const obs = seen[0]!;
    const D = 1 + 2 + 1 + 1 + 2 + 2 + 1;
    expect(obs.length).toBe(m.times.length * m.inventories.length * D);
    let r = 0;
    for (const t of m.times) {
      for (const q of m.inventories) {
        const o = Array.from(obs.subarray(r * D, (r + 1) * D));
        expect(o).toEqual([Math.fround((0.05 - t) / 0.05), 0, 0, Math.fround(q / 4), 1, 1, 0, 0, 0, Math.fround(t / 0.05)]);
        r++;
      }
    }
  });
  it('a real policy: the skew rule at every grid cell; the default of 40 time points capped by the steps', () => {
    const c = resolveEnvConfig('default', { maxInventory: 3, horizon: 0.1, action: { mode: 'depths', maxDepth: 10 } });
    const m = policyMap(inventorySkewPolicy(c, { halfSpread: 1, skewPerUnit: 0.1 }), c);
    expect(m.times.length).toBe(20);
    m.times.forEach((_, i) =>
      m.inventories.forEach((q, j) => {
        const r = i * m.inventories.length + j;
        if (q < 3) expect(m.bidDepth[r]).toBeCloseTo(1 + 0.1 * q, 5);
        if (q > -3) expect(m.askDepth[r]).toBeCloseTo(1 - 0.1 * q, 5);
      }),
    );
  });
  it('names a policy returning the wrong number of actions, and a bad timePoints', () => {
    const c = resolveEnvConfig('default', { maxInventory: 2, horizon: 0.05 });
    const bad: Policy = { name: 'short', act: () => new Float32Array(3) };
    expect(() => policyMap(bad, c, { timePoints: 2 })).toThrow("policy 'short' returned 3 action values for 10 observations (expected 20)");
    expect(() => policyMap(bad, c, { timePoints: 0 })).toThrow('timePoints must be an integer >= 1, got 0');
    expect(() => policyMap(bad, c, { timePoints: 1.5 })).toThrow('timePoints must be an integer >= 1, got 1.5');
  });
});

import { describe, expect, it } from 'vitest';
import { actionToDepths } from '../../env/action-map.js';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import type { Policy } from '../../env/types.js';
import { inventorySkewPolicy } from '../../baselines/inventory-skew.js';
import { scaleSpread } from './spread-multiplier.js';

const depthsOf = (action: Parameters<typeof actionToDepths>[0], a: Float32Array, i: number, dim: number): [number, number] => {
  const d = new Float64Array(2);
  actionToDepths(action, a, i * dim, d, 0);
  return [d[0]!, d[1]!];
};

describe('scaleSpread', () => {
  it('multiplies both depths of the inner policy, clipped into the action space (every continuous mode)', () => {
    for (const action of [{ mode: 'depths', maxDepth: 4 }, { mode: 'normalized-depths', maxDepth: 4 }] as const) {
      const c = resolveEnvConfig('default', { action });
      const inner = inventorySkewPolicy(c, { halfSpread: 1, skewPerUnit: 0.05 });
      const obs = Float32Array.from([0, 0.5, 0.4, 0.1, -0.8, 0.9]);
      const base = inner.act(obs, 3);
      for (const m of [0, 0.5, 1, 3]) {
        const scaled = scaleSpread(inner, c, m).act(obs, 3);
        for (let i = 0; i < 3; i++) {
          const [b0, a0] = depthsOf(action, base, i, 2);
          const [b1, a1] = depthsOf(action, scaled, i, 2);
          expect(b1).toBeCloseTo(Math.min(4, b0 * m), 5);
          expect(a1).toBeCloseTo(Math.min(4, a0 * m), 5);
        }
      }
    }
  });
  it('discrete grids: the nearest level to the scaled depth', () => {
    const c = resolveEnvConfig('default', { action: { mode: 'discrete', grid: [0.5, 1, 2] } });
    const inner = inventorySkewPolicy(c, { halfSpread: 1, skewPerUnit: 0 });
    const a = scaleSpread(inner, c, 2).act(Float32Array.from([0, 0]), 1);
    expect(depthsOf(c.action, a, 0, 1)).toEqual([2, 2]);
  });
  it('keeps the spec, names itself inner*m, forwards dispose; refuses bad multipliers naming the field', () => {
    const c = resolveEnvConfig('default');
    let disposed = 0;
    const inner: Policy = { ...inventorySkewPolicy(c), dispose: () => void disposed++ };
    const s = scaleSpread(inner, c, 1.5);
    expect(s.name).toBe('skew*1.5');
    expect(s.spec).toBe(inner.spec);
    s.dispose?.();
    expect(disposed).toBe(1);
    const bare = scaleSpread({ name: 'x', act: (_o, b) => new Float32Array(2 * b) }, c, 1);
    expect('spec' in bare).toBe(false);
    for (const m of [-0.1, Infinity, Number.NaN]) expect(() => scaleSpread(inner, c, m)).toThrow(`policy.spreadMultiplier must be a finite number >= 0, got ${m}`);
  });
});

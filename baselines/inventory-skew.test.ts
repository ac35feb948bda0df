import { describe, expect, it } from 'vitest';
import { actionToDepths } from '../env/action-map.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { inventorySkewPolicy } from './inventory-skew.js';

const box = { mode: 'depths', maxDepth: 50 } as const;
const depths = (a: Float32Array, r: number): [number, number] => {
  const out = new Float64Array(2);
  actionToDepths(box, a, 2 * r, out, 0);
  return [out[0]!, out[1]!];
};

describe('inventorySkewPolicy', () => {
  it('delta_b = h + c q, delta_a = h - c q, clipped at 0, with explicit parameters', () => {
    const pol = inventorySkewPolicy(resolveEnvConfig('default', { action: box }), { halfSpread: 1, skewPerUnit: 0.1 });
    const qs = [-25, -5, 0, 3, 25];
    const a = pol.act(Float32Array.from(qs.flatMap((q) => [q / 25, 0.4])), qs.length);
    qs.forEach((q, r) => {
      const [db, da] = depths(a, r);
      expect(db).toBeCloseTo(Math.max(0, 1 + 0.1 * q), 5);
      expect(da).toBeCloseTo(Math.max(0, 1 - 0.1 * q), 5);
    });
    expect(pol.name).toBe('skew');
  });
  it('defaults: h = 1/k and c = gamma sigma^2 T / 2 (time average of the AS skew)', () => {
    const c = resolveEnvConfig('default', { gamma: 0.2, horizon: 2, dt: 0.01, price: { sigma: 3 }, arrivals: { k: 2 }, action: box });
    const pol = inventorySkewPolicy(c);
    const [db, da] = depths(pol.act(Float32Array.from([4 / 25, 0]), 1), 0);
    const cc = (0.2 * 9 * 2) / 2;
    expect(db).toBeCloseTo(0.5 + cc * 4, 5);
    expect(da).toBeCloseTo(Math.max(0, 0.5 - cc * 4), 5);
    // time does not matter
    expect(Array.from(pol.act(Float32Array.from([4 / 25, 0.9]), 1))).toEqual(Array.from(pol.act(Float32Array.from([4 / 25, 0]), 1)));
  });
  it('names bad parameters', () => {
    const c = resolveEnvConfig('default');
    expect(() => inventorySkewPolicy(c, { skewPerUnit: -1 })).toThrow('skewPerUnit must be >= 0, got -1');
    expect(() => inventorySkewPolicy(c, { halfSpread: Infinity })).toThrow('halfSpread must be >= 0, got Infinity');
  });
});

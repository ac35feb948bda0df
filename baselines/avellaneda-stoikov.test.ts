/**
 * Avellaneda & Stoikov (2008) against the paper's formulas: the quotes are symmetric around the
 * reservation price r = s - q gamma sigma^2 (T - t) with total spread gamma sigma^2 (T - t) +
 * (2/gamma) ln(1 + gamma/k); the symmetric benchmark's spread is the time average of that spread.
 */
import { describe, expect, it } from 'vitest';
import { actionToDepths } from '../env/action-map.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import type { EnvConfig } from '../env/config.js';
import { asDepths, asParamsFromConfig, asSpread, asSymmetricPolicy, asSymmetricSpread, avellanedaStoikovPolicy, reservationPrice } from './avellaneda-stoikov.js';

// the paper's sec. 4 market: gamma 0.1, sigma 2, k 1.5, T 1
const p = { gamma: 0.1, sigma: 2, k: 1.5, horizon: 1 };

describe('AS 2008 formulas', () => {
  it('reservation price and spread at hand-computed points', () => {
    expect(reservationPrice(p, 100, 3, 0.25)).toBeCloseTo(100 - 3 * 0.1 * 4 * 0.75, 14);
    expect(reservationPrice(p, 100, 3, 1)).toBe(100);
    expect(asSpread(p, 0)).toBeCloseTo(0.4 + 20 * Math.log(1 + 0.1 / 1.5), 14);
    expect(asSpread(p, 1)).toBeCloseTo(20 * Math.log(1 + 0.1 / 1.5), 14);
  });
  it('depths: bid = r - spread/2, ask = r + spread/2 measured from the mid', () => {
    for (const [q, t] of [[0, 0], [5, 0.3], [-7, 0.9], [2, 1]] as const) {
      const s = 50;
      const r = reservationPrice(p, s, q, t);
      const spread = asSpread(p, t);
      const [db, da] = asDepths(p, q, t);
      expect(s - db).toBeCloseTo(r - spread / 2, 12);
      expect(s + da).toBeCloseTo(r + spread / 2, 12);
      expect(db + da).toBeCloseTo(spread, 12);
    }
  });
  it('the symmetric spread is the time average of the inventory strategy\'s spread (Simpson)', () => {
    const n = 100;
    let integral = 0;
    for (let i = 0; i <= n; i++) integral += (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * asSpread(p, i / n);
    integral /= 3 * n;
    expect(asSymmetricSpread(p)).toBeCloseTo(integral, 12);
  });
});

describe('asParamsFromConfig', () => {
  it('maps gamma, the reference sigma, k and T; Hawkes uses its k', () => {
    expect(asParamsFromConfig(resolveEnvConfig('default'))).toEqual({ gamma: 0.1, sigma: 2, k: 1.5, horizon: 1 });
    expect(asParamsFromConfig(resolveEnvConfig('default', { price: { kind: 'gbm', sigma: 0.02, mu: 0 } })).sigma).toBeCloseTo(2, 12);
  });
  it('names bad parameters', () => {
    const base = structuredClone(resolveEnvConfig('default')) as EnvConfig;
    expect(() => asParamsFromConfig({ ...base, gamma: 0 })).toThrow('gamma must be > 0, got 0');
    expect(() => asParamsFromConfig({ ...base, horizon: -1 })).toThrow('T (horizon) must be > 0, got -1');
    expect(() => asParamsFromConfig({ ...base, arrivals: { kind: 'exponential', A: 140, k: 0 } })).toThrow('k must be > 0, got 0');
    expect(() => asParamsFromConfig(resolveEnvConfig('default', { arrivals: { kind: 'power-law' } }))).toThrow(/for the as policy/);
  });
});

describe('AS policies', () => {
  const config = resolveEnvConfig('default', { action: { mode: 'depths', maxDepth: 1000 }, observation: { features: ['time-left', 'inventory'] } });
  const depths = (a: Float32Array, row: number): number[] => {
    const out = new Float64Array(2);
    actionToDepths(config.action, a, 2 * row, out, 0);
    return Array.from(out);
  };
  it('the inventory strategy quotes asDepths at the observed (q, t) (time-left observation), clipped at 0', () => {
    const pol = avellanedaStoikovPolicy(config);
    const rows: [number, number][] = [[0, 0], [4, 0.5], [-10, 0.2], [25, 0]];
    const obs = Float32Array.from(rows.flatMap(([q, t]) => [1 - t, q / 25]));
    const a = pol.act(obs, rows.length);
    rows.forEach(([q, t], i) => {
      const [eb, ea] = asDepths(p, q, Math.fround(1 - Math.fround(1 - t)));
      const [db, da] = depths(a, i);
      expect(db).toBeCloseTo(Math.max(0, eb), 4);
      expect(da).toBeCloseTo(Math.max(0, ea), 4);
    });
    expect(depths(a, 3)[1]).toBe(0); // 25 units long at t = 0: the ask goes through the mid, clipped
  });
  it('the symmetric benchmark quotes half the symmetric spread on both sides at every (q, t)', () => {
    const pol = asSymmetricPolicy(config);
    const a = pol.act(Float32Array.from([1, 0, 0.3, 1, 0, -1]), 3);
    for (let i = 0; i < 3; i++) for (const d of depths(a, i)) expect(d).toBeCloseTo(asSymmetricSpread(p) / 2, 4);
    expect(pol.name).toBe('as-symmetric');
    // needs no time feature
    expect(() => asSymmetricPolicy(resolveEnvConfig('default', { observation: { features: ['inventory'] } }))).not.toThrow();
    expect(() => avellanedaStoikovPolicy(resolveEnvConfig('default', { observation: { features: ['inventory'] } }))).toThrow(/"time" or "time-left" for the as policy/);
  });
});

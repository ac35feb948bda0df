import { describe, expect, it } from 'vitest';
import { actionToDepths } from '../env/action-map.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { BaselineParameterError } from './errors.js';
import { fixedSpreadPolicy } from './fixed-spread.js';

const box = { mode: 'depths', maxDepth: 50 } as const;
const depthsOf = (a: Float32Array): number[][] => {
  const rows: number[][] = [];
  for (let r = 0; r < a.length / 2; r++) {
    const out = new Float64Array(2);
    actionToDepths(box, a, 2 * r, out, 0);
    rows.push(Array.from(out));
  }
  return rows;
};

describe('fixedSpreadPolicy', () => {
  it('quotes halfSpread on both sides at every (q, t)', () => {
    const pol = fixedSpreadPolicy(resolveEnvConfig('default', { action: box }), { halfSpread: 0.8 });
    const rows = depthsOf(pol.act(Float32Array.from([-1, 0, 0, 0.5, 1, 1, 0.3, 0.7]), 4));
    for (const r of rows) expect(r).toEqual([Math.fround(0.8), Math.fround(0.8)]);
    expect(pol.name).toBe('fixed');
  });
  it('defaults to the risk-neutral depth: 1/k (exponential), delta0/(alpha - 1) (power law)', () => {
    const exp = fixedSpreadPolicy(resolveEnvConfig('default', { arrivals: { k: 2.5 }, action: box }));
    expect(depthsOf(exp.act(new Float32Array(2), 1))[0]![0]).toBeCloseTo(1 / 2.5, 6);
    const pow = fixedSpreadPolicy(resolveEnvConfig('default', { arrivals: { kind: 'power-law', A: 140, alpha: 5, delta0: 2 }, action: box }));
    expect(depthsOf(pow.act(new Float32Array(2), 1))[0]![1]).toBeCloseTo(2 / 4, 6);
    expect(() => fixedSpreadPolicy(resolveEnvConfig('default', { arrivals: { kind: 'power-law', A: 140, alpha: 1, delta0: 2 } }))).toThrow('arrivals.alpha must be > 1 for the fixed policy');
  });
  it('clips at the action box and needs no time feature', () => {
    const pol = fixedSpreadPolicy(resolveEnvConfig('default', { action: box, observation: { features: ['inventory'] } }), { halfSpread: 80 });
    expect(depthsOf(pol.act(Float32Array.from([0.2]), 1))[0]).toEqual([50, 50]);
  });
  it('a negative or non-finite halfSpread is refused, naming the field', () => {
    const c = resolveEnvConfig('default');
    expect(() => fixedSpreadPolicy(c, { halfSpread: -0.1 })).toThrow(BaselineParameterError);
    expect(() => fixedSpreadPolicy(c, { halfSpread: -0.1 })).toThrow('halfSpread must be >= 0, got -0.1');
    expect(() => fixedSpreadPolicy(c, { halfSpread: Number.NaN })).toThrow('halfSpread must be >= 0, got NaN');
  });
});

/**
 * The shared plumbing of the analytic policies: reading q, t, the regime and the grid cell from a
 * raw observation of any layout, table look-ups, batch checks, depth rules and spec comparison.
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { PolicyError } from '../util/errors.js';
import { BaselineParameterError } from './errors.js';
import { SpecMismatchError, assertSameSpec, checkBatch, depthRulePolicy, readGridCell, readInventory, readRegime, readTimeFraction, specDifferences, stateReader, tableAct } from './policy-support.js';

describe('readRegime', () => {
  it('the argmax of the one-hot block, the first of ties; 0 without a block or with one regime', () => {
    const obs = Float32Array.from([9, 0, 0, 1, 9, 0.2, 0.7, 0.1, 9, 0.5, 0.5, 0]);
    expect(readRegime(obs, 0, 4, 1, 3)).toBe(2);
    expect(readRegime(obs, 1, 4, 1, 3)).toBe(1);
    expect(readRegime(obs, 2, 4, 1, 3)).toBe(0);
    expect(readRegime(obs, 0, 4, undefined, 3)).toBe(0);
    expect(readRegime(obs, 0, 4, 1, 1)).toBe(0);
  });
});

describe('stateReader and the readers', () => {
  it('finds inventory and time in any order; time-left is read as 1 - x', () => {
    const c = resolveEnvConfig('default', { observation: { features: ['mid-returns', 'time-left', 'inventory'], returnsWindow: 3 } });
    const s = stateReader(c, true, 'p');
    expect(s).toEqual({ obsDim: 5, inventoryIndex: 4, timeIndex: 3, timeIsLeft: true, maxInventory: 25, horizon: 1, steps: 200 });
    const obs = Float32Array.from([0, 0, 0, 0.25, 7 / 25, 1, 1, 1, 1.5, -1]);
    expect(readInventory(s, obs, 0)).toBe(7); // float32(7/25) * 25 rounds back to 7
    expect(readInventory(s, obs, 1)).toBe(-25);
    expect(readTimeFraction(s, obs, 0)).toBe(0.75);
    expect(readTimeFraction(s, obs, 1)).toBe(0); // 1 - 1.5 clamped into [0, 1]
  });
  it('time wins over time-left when both are present; without time the fraction is 0', () => {
    const both = stateReader(resolveEnvConfig('default', { observation: { features: ['time-left', 'inventory', 'time'] } }), true, 'p');
    expect([both.timeIndex, both.timeIsLeft]).toEqual([2, false]);
    const none = stateReader(resolveEnvConfig('default', { observation: { features: ['inventory'] } }), false, 'p');
    expect(none.timeIndex).toBe(-1);
    expect(readTimeFraction(none, Float32Array.from([0.5]), 0)).toBe(0);
  });
  it('names observation.features, the policy and the features when inventory or time is missing', () => {
    expect(() => stateReader(resolveEnvConfig('default', { observation: { features: ['time'] } }), false, 'skew')).toThrow('observation.features must include "inventory" for the skew policy, got ["time"]');
    let e: unknown;
    try {
      stateReader(resolveEnvConfig('default', { observation: { features: ['inventory'] } }), true, 'as');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(BaselineParameterError);
    expect((e as BaselineParameterError).field).toBe('observation.features');
    expect((e as Error).message).toBe('observation.features must include "time" or "time-left" for the as policy, got ["inventory"]');
  });
  it('readGridCell rounds q and n and clamps them into [-Q, Q] and [0, maxStep]', () => {
    const s = stateReader(resolveEnvConfig('default', { maxInventory: 4, horizon: 1, dt: 0.1 }), true, 'p');
    const cell = new Int32Array(2);
    const cases: [number, number, number, number][] = [
      [0.26, 0.34, 1, 3], // q = round(1.04), n = round(3.4)
      [-0.6, 0.96, -2, 9], // n = round(9.6) = 10 clamped to maxStep 9
      [2, -0.2, 4, 0],
      [-2, 0.55, -4, 6], // round(5.5) = 6
    ];
    for (const [qn, t, q, n] of cases) {
      readGridCell(s, Float32Array.from([qn, t]), 0, 9, cell);
      expect(Array.from(cell)).toEqual([q, n]);
    }
  });
});

describe('tableAct', () => {
  it('looks up cell (n, r, q) of the table, the regime from the one-hot block', () => {
    const c = resolveEnvConfig('regime-risk', { maxInventory: 2, horizon: 0.02, dt: 0.01 });
    const s = stateReader(c, true, 't');
    expect(s.obsDim).toBe(4);
    const W = 5;
    const m = 2;
    const steps = 2;
    const dim = 2;
    const table = new Float32Array(steps * m * W * dim);
    for (let n = 0; n < steps; n++) for (let r = 0; r < m; r++) for (let j = 0; j < W; j++) {
      const at = ((n * m + r) * W + j) * dim;
      table[at] = 100 * n + 10 * r + j;
      table[at + 1] = -(100 * n + 10 * r + j);
    }
    const act = tableAct('t', s, { table, dim, maxStep: steps - 1, nStride: m * W, rStride: W, regimes: m, regimeIndex: 2 });
    // rows: (q, t, regime) = (-2, 0, 0), (1, 0.5, 1), (2, 1.0 -> clamped to step 1, 1)
    const obs = Float32Array.from([-1, 0, 1, 0, 0.5, 0.5, 0, 1, 1, 1, 0, 1]);
    const out = act(obs, 3);
    expect(Array.from(out)).toEqual([0, -0, 100 + 10 + 3, -113, 100 + 10 + 4, -114]);
    expect(() => act(obs, 2)).toThrow('t.act: obs must hold batch * obsDim = 2 * 4 = 8 values, got 12');
  });
});

describe('checkBatch', () => {
  it('names the batch, the expected length and non-finite values', () => {
    expect(() => checkBatch('p', { obsDim: 2 }, new Float32Array(4), 2)).not.toThrow();
    expect(() => checkBatch('p', { obsDim: 2 }, new Float32Array(0), 0)).not.toThrow();
    expect(() => checkBatch('p', { obsDim: 2 }, new Float32Array(4), 1.5)).toThrow('p.act: batch must be an integer >= 0, got 1.5');
    expect(() => checkBatch('p', { obsDim: 2 }, new Float32Array(4), -1)).toThrow('batch must be an integer >= 0, got -1');
    expect(() => checkBatch('p', { obsDim: 2 }, Float32Array.from([0, 0, Number.NaN, 0]), 2)).toThrow('p.act: observation row 1, column 0 must be a finite number, got NaN');
  });
});

describe('depthRulePolicy', () => {
  it('passes (q, t/T) of each row to the rule and maps the depths to actions, +Infinity to the deepest', () => {
    const c = resolveEnvConfig('default', { action: { mode: 'depths', maxDepth: 9 } });
    const seen: [number, number][] = [];
    const pol = depthRulePolicy('rule', c, true, (q, t, out) => {
      seen.push([q, t]);
      out[0] = q === 0 ? Infinity : 1 + t;
      out[1] = -q;
    });
    const a = pol.act(Float32Array.from([0, 0.5, -0.2, 0.25, 0.4, 1]), 3);
    expect(seen.map(([q, t]) => [q, Math.round(t * 1e6) / 1e6])).toEqual([[0, 0.5], [-5, 0.25], [10, 1]]);
    expect(Array.from(a, (x) => x + 0)).toEqual([9, 0, 1.25, 5, 2, 0]); // + 0: -0 (q = 0) is 0
    expect(pol.name).toBe('rule');
    expect(pol.spec).toEqual(c);
    expect(pol.act(new Float32Array(0), 0).length).toBe(0);
  });
});

describe('specDifferences / assertSameSpec', () => {
  it('lists dotted paths of every difference (nested, arrays, missing keys); none for equal values', () => {
    expect(specDifferences({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } })).toEqual([]);
    expect(specDifferences({ a: 1, b: { c: [1, 2], d: 'x' } }, { a: 2, b: { c: [1, 3], e: true } })).toEqual([
      'a: 1 vs 2',
      'b.c.1: 2 vs 3',
      'b.d: "x" vs undefined',
      'b.e: undefined vs true',
    ]);
    expect(specDifferences(1, 2)).toEqual(['(root): 1 vs 2']);
    expect(specDifferences({ a: [1] }, { a: { 0: 1 } })).toEqual(['a: [1] vs {"0":1}']);
    expect(specDifferences(Number.NaN, Number.NaN)).toEqual([]);
  });
  it('assertSameSpec: [] without a recorded spec; throws SpecMismatchError (a PolicyError) listing the fields', () => {
    const c = resolveEnvConfig('default');
    expect(assertSameSpec({ name: 'x', act: () => new Float32Array(0) }, c)).toEqual([]);
    const pol = depthRulePolicy('r', c, false, () => {});
    const other = resolveEnvConfig('default', { gamma: 0.2, maxInventory: 10 });
    let e: unknown;
    try {
      assertSameSpec(pol, other);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(SpecMismatchError);
    expect(e).toBeInstanceOf(PolicyError);
    expect((e as SpecMismatchError).differences).toEqual(['maxInventory: 25 vs 10', 'gamma: 0.1 vs 0.2']);
    expect((e as Error).message).toBe('policy "r" was built for a different env spec (built-for vs judged-on): maxInventory: 25 vs 10; gamma: 0.1 vs 0.2');
  });
});

/**
 * `mmgym optimum`'s data: the best constant depth against a brute-force scan, the report's values
 * against the functions they come from (V*, the policies' exact values, headrooms), its notes and
 * refusals, the control-variate fraction of V*, and the exact marks of an evaluation.
 */
import { describe, expect, it } from 'vitest';
import type { EnvOverrides } from '../env/config.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { expectedReturnByRecursion, expectedReturnOfDepthRule } from './discrete-evaluation.js';
import { exactOptimum } from './exact-optimum.js';
import { UnsupportedMarketError } from './finite-mdp.js';
import { bestFixedDepth, exactMarks, fractionOfOptimum, optimumReport } from './optimum-report.js';
import { makeBaselinePolicy } from './registry.js';

const small: EnvOverrides = { maxInventory: 8, horizon: 0.1 };
const constantValue = (c: ReturnType<typeof resolveEnvConfig>, d: number): number =>
  expectedReturnOfDepthRule(c, (_n, _q, _r, out) => {
    out[0] = d;
    out[1] = d;
  }).value;

describe('bestFixedDepth', () => {
  it('interval: no point of a fine scan beats it, and it lies at the scan\'s best point', () => {
    const c = resolveEnvConfig('default', small);
    const best = bestFixedDepth(c);
    expect(best.value).toBeCloseTo(constantValue(c, best.depth), 12);
    let scan = { depth: 0, value: -Infinity };
    for (let i = 0; i <= 500; i++) {
      const d = (i * 5) / 500;
      const v = constantValue(c, d);
      if (v > scan.value) scan = { depth: d, value: v };
    }
    expect(best.value).toBeGreaterThanOrEqual(scan.value - 1e-12);
    expect(Math.abs(best.depth - scan.depth)).toBeLessThanOrEqual(0.01);
  });
  it('finite depth set: the best grid level by enumeration', () => {
    const grid = [0.25, 0.5, 0.75, 1, 1.5, 3];
    const c = resolveEnvConfig('default', { ...small, action: { mode: 'discrete', grid } });
    const best = bestFixedDepth(c);
    const values = grid.map((d) => constantValue(c, d));
    const i = values.indexOf(Math.max(...values));
    expect(best).toEqual({ depth: grid[i], value: values[i] });
  });
});

describe('optimumReport', () => {
  it('reports V*, the HJB and AS exact values, headrooms and the best fixed depth', () => {
    const r = optimumReport({ env: 'default', overrides: small });
    const c = resolveEnvConfig('default', small);
    const vStar = exactOptimum(c).value;
    const hjb = expectedReturnByRecursion(c, makeBaselinePolicy('hjb', c)).value;
    const as = expectedReturnByRecursion(c, makeBaselinePolicy('as', c)).value;
    expect(r.env).toBe('default');
    expect(r.config).toEqual(c);
    expect(r.value).toBeCloseTo(vStar, 12);
    expect(r.hjbValue!).toBeCloseTo(hjb, 12);
    expect(r.headroom!).toBeCloseTo(vStar - hjb, 12);
    expect(r.headroomPct!).toBeCloseTo((100 * (vStar - hjb)) / Math.abs(hjb), 9);
    expect(r.asValue!).toBeCloseTo(as, 12);
    expect(r.asHeadroom!).toBeCloseTo(vStar - as, 12);
    expect(r.bestFixed.headroom).toBeCloseTo(vStar - r.bestFixed.value, 12);
    expect(r.bestFixed.value).toBeLessThanOrEqual(vStar + 1e-12);
    expect([r.hjbDriftValue, r.hjbRegimeValue, r.hjbToxicValue, r.hjbFeesValue]).toEqual([null, null, null, null]);
    expect(r.notes).toEqual([]);
    expect(r.method).toMatch(/backward induction/);
    for (const key of ['env', 'value', 'hjbValue', 'headroom', 'headroomPct', 'asValue', 'bestFixed', 'method', 'tolerance']) expect(r).toHaveProperty(key);
  });
  it('adds the drift, toxic and fee-aware HJB values where the market has them', () => {
    expect(optimumReport({ env: 'trend', overrides: small }).hjbDriftValue).not.toBeNull();
    const tox = optimumReport({ env: 'adverse-selection', overrides: small });
    expect(tox.hjbToxicValue).not.toBeNull();
    expect(tox.hjbToxicValue!).toBeLessThanOrEqual(tox.value + 1e-9);
    expect(optimumReport({ env: 'maker-fees', overrides: small }).hjbFeesValue).not.toBeNull();
  });
  it('a policy that cannot be built is null with a note naming it', () => {
    // power-law arrivals: a finite MDP, but the HJB and AS models need an exponential intensity
    const r = optimumReport({ env: 'default', overrides: { ...small, arrivals: { kind: 'power-law' } } });
    expect([r.hjbValue, r.headroom, r.headroomPct, r.asValue, r.asHeadroom, r.asHeadroomPct]).toEqual([null, null, null, null, null, null]);
    expect(r.notes).toHaveLength(2);
    expect(r.notes[0]).toMatch(/^hjb: arrivals.kind must be "exponential", "hawkes" or "random-exponential" .* for the hjb policy, got "power-law"/);
    expect(r.notes[1]).toMatch(/^as: arrivals.kind must be .* for the as policy/);
    expect(Number.isFinite(r.value) && Number.isFinite(r.bestFixed.value)).toBe(true);
  });
  it('refuses a market outside the finite MDP; latency alone gets the no-latency upper bound', () => {
    expect(() => optimumReport({ env: 'hawkes', overrides: small })).toThrow(UnsupportedMarketError);
    let e: unknown;
    try {
      optimumReport({ env: 'latency', overrides: small });
    } catch (x) {
      e = x;
    }
    const bound = exactOptimum(resolveEnvConfig('latency', { ...small, latencySteps: 0 })).value;
    expect(e).toBeInstanceOf(UnsupportedMarketError);
    expect((e as UnsupportedMarketError).field).toBe('latencySteps');
    expect((e as Error).message).toContain(`upper bound: V* of the same market without latency = ${bound.toFixed(4)}`);
    let f: unknown;
    try {
      optimumReport({ env: 'latency', overrides: { ...small, reward: { kind: 'cara' } } });
    } catch (x) {
      f = x;
    }
    expect((f as Error).message).not.toContain('upper bound');
  });
});

describe('fractionOfOptimum', () => {
  it('control variate V_ref + (mean - refMean), else mean, over V*; null without a positive V*', () => {
    expect(fractionOfOptimum(10, 8, 7.5, 7)).toBeCloseTo(0.85, 15);
    expect(fractionOfOptimum(10, null, 7.5, 7)).toBe(0.75);
    expect(fractionOfOptimum(10, 8, 7.5, null)).toBe(0.75);
    expect(fractionOfOptimum(null, 8, 7.5, 7)).toBeNull();
    expect(fractionOfOptimum(0, 8, 7.5, 7)).toBeNull();
    expect(fractionOfOptimum(-3, 8, 7.5, 7)).toBeNull();
  });
});

describe('exactMarks', () => {
  it('V*, the HJB exact value and the optimum table of a finite market', () => {
    const c = resolveEnvConfig('default', small);
    const m = exactMarks(c);
    expect(m.exactOptimum!).toBeCloseTo(exactOptimum(c).value, 12);
    expect(m.optimum!.value).toBe(m.exactOptimum);
    expect(m.hjbExactReturn!).toBeCloseTo(expectedReturnByRecursion(c, makeBaselinePolicy('hjb', c)).value, 12);
    expect([m.policiesEvaluable, m.note]).toEqual([true, '']);
  });
  it('nulls with the reasons outside the finite MDP; V* but no policy evaluation with extra features', () => {
    const h = exactMarks(resolveEnvConfig('hawkes', small));
    expect([h.exactOptimum, h.hjbExactReturn, h.optimum, h.policiesEvaluable]).toEqual([null, null, null, false]);
    expect(h.note).toMatch(/arrivals.kind "hawkes"/);
    const extra = exactMarks(resolveEnvConfig('default', { ...small, observation: { features: ['inventory', 'time', 'last-fills'] } }));
    expect(extra.exactOptimum).not.toBeNull();
    expect(extra.policiesEvaluable).toBe(false);
    expect(extra.hjbExactReturn).toBeNull();
    expect(extra.note).toMatch(/^hjb: exact discrete evaluation: .*may read only inventory, time and regime/);
    const pow = exactMarks(resolveEnvConfig('default', { ...small, arrivals: { kind: 'power-law' } }));
    expect(pow.exactOptimum).not.toBeNull();
    expect(pow.hjbExactReturn).toBeNull();
    expect(pow.note).toMatch(/^hjb: arrivals.kind must be/);
  });
});

/** `mmgym optimum` end to end (yargs, stdout captured), its `--policy` gap decomposition, and `dp-optimal` through `mmgym eval`. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommands } from '../test-utils/run-commands.js';
import { evalCommand } from './eval.js';
import { type GapReport, optimumCommand } from './optimum.js';

const run = (argv: string[]): ReturnType<typeof runCommands> => runCommands([optimumCommand, evalCommand], argv);

describe('mmgym optimum', () => {
  it('--json prints V*, the HJB value, the headroom, AS and the best fixed depth', async () => {
    const { out } = await run(['optimum', '--env', 'maker-fees', '--json']);
    const r = JSON.parse(out) as Record<string, unknown> & { bestFixed: { depth: number; value: number } };
    for (const key of ['env', 'value', 'hjbValue', 'headroom', 'headroomPct', 'asValue', 'bestFixed', 'method', 'tolerance']) expect(r).toHaveProperty(key);
    const value = r.value as number;
    const hjb = r.hjbValue as number;
    expect(r.env).toBe('maker-fees');
    expect(r.headroom).toBeCloseTo(value - hjb, 12);
    expect(r.headroomPct).toBeGreaterThan(2); // the suite's rule: >= 2% of V_HJB
    expect(value).toBeGreaterThan(r.asValue as number);
    expect(value).toBeGreaterThan(r.bestFixed.value);
    expect(r.bestFixed.depth).toBeGreaterThan(0);
  });

  it('prints the table with --set overrides', async () => {
    const { out } = await run(['optimum', '--env', 'default', '--set', 'mu=2']);
    expect(out).toMatch(/dp-optimal \(V\*\) +71\.2560/);
    expect(out).toMatch(/hjb-drift +71\.24/);
  });

  it('refuses a market without a finite state, naming the reason (and the bound under latency)', async () => {
    const hawkes = await run(['optimum', '--env', 'hawkes']);
    expect(hawkes.code).toBe(1);
    expect(hawkes.err).toMatch(/arrivals.kind "hawkes": the excitation of each side is a continuous state/);
    const latency = await run(['optimum', '--env', 'latency']);
    expect(latency.code).toBe(1);
    expect(latency.err).toMatch(/upper bound: V\* of the same market without latency = 66\.87/);
  });

  it('every suite market with an exact optimum has headroom >= 2% of V_HJB', async () => {
    for (const env of ['trend', 'adverse-selection', 'coarse-ticks', 'maker-fees', 'liquidation', 'regime-risk']) {
      const r = JSON.parse((await run(['optimum', '--env', env, '--json'])).out) as { headroomPct: number };
      console.log(`${env}: headroom ${r.headroomPct.toFixed(2)}% of V_HJB`);
      expect(r.headroomPct).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('mmgym optimum --policy', () => {
  it('--json adds the gap of a saved policy: terms summing to V* - V^pi, by step and the top states', async () => {
    const { out, code } = await run(['optimum', '--env', 'maker-fees', '--policy', 'saved-models/ppo-maker-fees', '--top', '3', '--json']);
    expect(code).toBeUndefined();
    const r = JSON.parse(out) as { value: number; hjbValue: number; gap: GapReport };
    const g = r.gap;
    for (const key of ['policy', 'name', 'value', 'policyValue', 'gap', 'gapPct', 'headroomCapturedPct', 'decomposedGap', 'byStep', 'byStepGroups', 'regimes', 'states']) expect(g).toHaveProperty(key);
    expect(g.policy).toBe('saved-models/ppo-maker-fees');
    expect(g.value).toBe(r.value);
    expect(g.policyValue).toBeLessThan(r.value);
    expect(g.policyValue).toBeGreaterThan(r.hjbValue);
    expect(g.gap).toBeCloseTo(r.value - g.policyValue, 12);
    expect(Math.abs(g.decomposedGap - g.gap)).toBeLessThanOrEqual(1e-9 * Math.abs(r.value));
    expect(g.headroomCapturedPct).toBeCloseTo((100 * (g.policyValue - r.hjbValue)) / (r.value - r.hjbValue), 9);
    expect(g.byStep).toHaveLength(200);
    expect(g.byStepGroups.length).toBeLessThanOrEqual(20);
    expect(g.byStepGroups[0]!.from).toBe(0);
    expect(g.byStepGroups.at(-1)!.to).toBe(199);
    for (let i = 1; i < g.byStepGroups.length; i++) expect(g.byStepGroups[i]!.from).toBe(g.byStepGroups[i - 1]!.to + 1);
    expect(g.byStepGroups.reduce((a, b) => a + b.loss, 0)).toBeCloseTo(g.decomposedGap, 12);
    expect(g.states).toHaveLength(3);
    for (const [i, st] of g.states.entries()) {
      expect(st.weighted).toBeCloseTo(st.occupancy * st.loss, 15);
      expect(st.loss).toBeGreaterThanOrEqual(-1e-9);
      if (i > 0) expect(st.weighted).toBeLessThanOrEqual(g.states[i - 1]!.weighted);
      expect(st.policyDepths).toHaveLength(2);
      expect(st.optimalDepths).toHaveLength(2);
    }
  });

  it('prints the gap by step (at most 20 rows) and the top states of a baseline, with the regime where m > 1', async () => {
    const { out, code } = await run(['optimum', '--env', 'regime-risk', '--policy', 'hjb', '--top', '4']);
    expect(code).toBeUndefined();
    expect(out).toMatch(/policy hjb: exact value V\^pi 58\.8287/);
    expect(out).toMatch(/gap V\* - V\^pi 2\.9716 .*headroom captured \(V\^pi - V_HJB\) \/ \(V\* - V_HJB\) 0\.00%/);
    const stepRows = out.split('\n').filter((l) => /^ {2}\d+-\d+ +\S+ +\S+%$/.test(l));
    expect(stepRows.length).toBeGreaterThan(1);
    expect(stepRows.length).toBeLessThanOrEqual(20);
    expect(out).toMatch(/top 4 states by occupancy x loss/);
    expect(out).toMatch(/step +q +regime +occupancy +loss +weighted/);
  });

  it('refuses a saved policy on another env spec and a bad --top, naming why', async () => {
    const wrong = await run(['optimum', '--env', 'default', '--policy', 'saved-models/ppo-maker-fees']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/mmgym: .*env spec mismatch \(saved vs expected\)/);
    const top = await run(['optimum', '--env', 'default', '--policy', 'hjb', '--top', '2.5']);
    expect(top.code).toBe(1);
    expect(top.err).toMatch(/mmgym: top must be an integer and >= 0, got 2\.5/);
  });
});

describe('dp-optimal through mmgym eval', () => {
  it('evaluates against hjb on common random numbers and reports % of V* = 100% for itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-dp-'));
    const { out } = await run(['eval', '--policy', 'dp-optimal', '--against', 'hjb', '--env', 'trend', '--episodes', '400', '--seed', '3', '--json', '--no-figures', '--out', dir]);
    const r = JSON.parse(out) as { exactOptimum: number; hjbExactReturn: number; policies: { name: string; pctOfOptimum: number; metrics: { return: { mean: number } } }[]; pairs: { policy: string; returns: { tInterval: [number, number] } }[] };
    expect(r.exactOptimum).toBeCloseTo(71.256, 3);
    const dp = r.policies.find((p) => p.name === 'dp-optimal')!;
    const hjb = r.policies.find((p) => p.name === 'hjb')!;
    expect(hjb.pctOfOptimum).toBeCloseTo(r.hjbExactReturn / r.exactOptimum, 12);
    expect(Math.abs(dp.pctOfOptimum - 1)).toBeLessThan(0.02);
    expect(r.pairs.find((p) => p.policy === 'dp-optimal')!.returns.tInterval[0]).toBeGreaterThan(0);
  });
});

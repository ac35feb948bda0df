/** `mmgym optimum` end to end (yargs, stdout captured) and `dp-optimal` through `mmgym eval`. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommands } from '../test-utils/run-commands.js';
import { evalCommand } from './eval.js';
import { optimumCommand } from './optimum.js';

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

/**
 * `runSim2Real` end to end on small budgets: on the AMZN day, and unchanged on a tape in a format
 * no shipped example uses (the BTCUSDT sample written as Tardis.dev files, 650 s: the default
 * window shrinks to a tenth of the test span). Checks the spans, the files, the JSON keys, that
 * every interval holds its mean, and that the paired differences are the test windows' own.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTardisSample } from '../marketdata/test-utils/tardis-sample.js';
import { fixedDepthGrid, runSim2Real, type Sim2RealResult } from './sim2real.js';
import { sim2realLines } from './sim2real-report.js';

function checkResult(r: Sim2RealResult, out: string, rewards?: string[]): void {
  expect(Object.keys(r)).toEqual(expect.arrayContaining(['data', 'spans', 'params', 'policies', 'pairedVsHjb']));
  expect(r.spans).toEqual({ train: [0, 0.6], select: [0.6, 0.8], test: [0.8, 1] });
  expect(r.policies.map((p) => p.name.split(' ')[0])).toEqual(['agent', 'hjb', 'as', 'fixed']);
  for (const p of r.policies) {
    expect(p.ci[0]).toBeLessThanOrEqual(p.mean);
    expect(p.ci[1]).toBeGreaterThanOrEqual(p.mean);
  }
  const hjb = r.policies.find((p) => p.name === 'hjb')!;
  for (const d of r.pairedVsHjb) expect(d.mean).toBeCloseTo(r.policies.find((p) => p.name === d.policy)!.mean - hjb.mean, 10);
  const dirs = rewards === undefined ? [join(out, 'sim', 'best'), join(out, 'tape', 'best')] : rewards.flatMap((k) => [join(out, `sim-${k}`, 'best'), join(out, `tape-${k}`, 'best')]);
  expect(r.selection.agents.map((a) => a.dir)).toEqual(dirs);
  expect(r.selection.agents.map((a) => a.dir)).toContain(r.selection.chosen);
  const armFiles = rewards === undefined ? ['params.json', 'sim/best/policy.json', 'tape/best/policy.json'] : rewards.flatMap((k) => [`params-${k}.json`, `sim-${k}/best/policy.json`, `tape-${k}/best/policy.json`]);
  for (const f of [...armFiles, 'sim2real.json', 'sim2real.html', 'test/report.html', 'test/results.json']) expect(existsSync(join(out, f)), f).toBe(true);
  expect(JSON.parse(readFileSync(join(out, 'sim2real.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(r)));
  expect(readFileSync(join(out, 'sim2real.html'), 'utf8')).toMatch(/one tape is one path/);
  expect(sim2realLines(r).join('\n')).toMatch(/Paired difference to HJB/);
}

describe('runSim2Real', () => {
  it('runs the whole study on the AMZN day', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mmgym-s2r-'));
    // by default one pair of agents per reward (the HJB's objective and pnl), chosen on the select span by PnL net of fees
    const r = await runSim2Real({ data: 'data/lobster-amzn-2012-06-21-l1', out, simTimesteps: 16_384, tapeTimesteps: 16_384, episodes: 40 });
    checkResult(r, out, ['running-penalty', 'pnl']);
    expect(r.selection.by).toBe('pnl');
    const best = r.selection.agents.reduce((a, b) => (b.pnl > a.pnl ? b : a));
    expect(r.selection.chosen).toBe(best.dir);
    expect(r.params.reward).toBe(best.reward);
    expect(r.params.file).toBe(join(out, `params-${best.reward}.json`));
    expect((JSON.parse(readFileSync(r.params.file, 'utf8')) as { config: { reward: { kind: string } } }).config.reward.kind).toBe(best.reward);
    // under the pnl reward every policy's return is its PnL net of fees
    if (best.reward === 'pnl') for (const p of r.policies) expect(p.pnl).toBeCloseTo(p.mean, 9);
    expect(r.test.blockLength).toBeGreaterThan(1);
    expect(r.tape.marketOrders).toBe(8158);
  }, 600_000);

  it('runs unchanged on a tape format no example uses (BTCUSDT as Tardis files, 650 s)', async () => {
    const { dir } = await writeTardisSample();
    const out = mkdtempSync(join(tmpdir(), 'mmgym-s2r-'));
    // in lots of 0.001 BTC: with one BTC per fill the calibrated market is degenerate (every policy at its bounds)
    // one reward named: a single pair of agents, chosen by the return
    const r = await runSim2Real({ data: dir, out, simTimesteps: 16_384, tapeTimesteps: 16_384, episodes: 40, orderSize: 0.001, reward: 'running-penalty' });
    checkResult(r, out);
    expect(r.selection.by).toBe('return');
    expect(r.tape.name).toMatch(/^Tardis /);
    const cfg = JSON.parse(readFileSync(join(out, 'params.json'), 'utf8')) as { config: { horizon: number; dt: number; orderSize: number; maxInventory: number } };
    expect(cfg.config.horizon).toBeLessThan(20); // a tenth of the 130 s test span
    expect(cfg.config.orderSize).toBe(0.001);
    expect(cfg.config.maxInventory).toBeCloseTo(0.025, 12); // 25 lots
    const mean = (n: string): number => r.policies.find((p) => p.name === n)!.mean;
    expect(mean('hjb')).not.toBe(mean('as')); // the lot market is not degenerate: HJB and AS quote differently
    expect(r.params).toMatchObject({ reward: 'running-penalty', orderSize: 0.001 });
  }, 600_000);

  it('refuses spans out of order, naming them', async () => {
    await expect(runSim2Real({ data: 'data/lobster-amzn-2012-06-21-l1', out: mkdtempSync(join(tmpdir(), 'mmgym-s2r-')), trainTo: 0.8, selectTo: 0.7 })).rejects.toThrow(/0 < trainTo < selectTo < 1, got trainTo=0.8, selectTo=0.7/);
    await expect(runSim2Real({ data: 'data/lobster-amzn-2012-06-21-l1', out: mkdtempSync(join(tmpdir(), 'mmgym-s2r-')), reward: 'cara' as never })).rejects.toThrow('sim2real: reward must be one of running-penalty, realized-penalty, pnl (or auto), got "cara"');
  });

  it('fixedDepthGrid spans half a tick to the largest depth', () => {
    const g = fixedDepthGrid({ tickSize: 0.01, arrivals: { kind: 'exponential', A: 1, k: 15 }, action: { mode: 'normalized-depths', maxDepth: 0.5 } } as Parameters<typeof fixedDepthGrid>[0]);
    expect(g[0]).toBe(0.005);
    expect(g[15]).toBe(0.5);
  });
});

/**
 * runSweep's own logic (worker-count invariance, resuming and figures: sweep.test.ts; queues:
 * queue/queue.test.ts): makeTask's resolution of a grid point, selectionLine, the selection per
 * group with its out-of-sample and clone rows, the stratified sample, and a bad point named.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExperimentsCsv } from './experiments-csv.js';
import { makeTask, OUT_OF_SAMPLE_SEED_OFFSET, runSweep, selectionLine } from './run-sweep.js';
import { readSweepConfig } from './sweep-config.js';

const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'mmgym-run-sweep-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function configFile(body: Record<string, unknown>): string {
  const path = join(fresh(), 'sweep.json');
  writeFileSync(path, JSON.stringify({ name: 'rs', episodes: 6, seed: 5, reference: null, envOverrides: { horizon: 0.05 }, ...body }));
  return path;
}

describe('makeTask', () => {
  it('env.* keys go into the overrides (dotted paths nested), policy.* into the policy parameters; the config is not changed', () => {
    const config = readSweepConfig(configFile({ policies: ['fixed'], grid: { 'env.gamma': [0.2], 'env.price.sigma': [3], 'policy.halfSpread': [1] } }));
    const before = structuredClone(config.envOverrides);
    const point = { policy: 'fixed', 'env.gamma': 0.2, 'env.price.sigma': 3, 'policy.halfSpread': 1 };
    const t = makeTask(config, point, 'validation', { range: null, seed: 5 });
    expect(t).toEqual({
      sweep: 'rs',
      segment: 'validation',
      envId: 'default',
      overrides: { horizon: 0.05, gamma: 0.2, price: { sigma: 3 } },
      policy: 'fixed',
      policyParams: { halfSpread: 1 },
      point,
      episodes: 6,
      seed: 5,
      reference: null,
    });
    expect(config.envOverrides).toEqual(before);
  });

  it('the env: an explicit envId, else the point\'s env, else the config\'s; {from} and {to} filled from the range', () => {
    const config = readSweepConfig(configFile({ env: 'replay:data/x?from={from}&to={to}&fill=poisson', policies: ['as'], grid: {}, split: { train: 0.6, validation: 0.2, test: 0.2 } }));
    expect(makeTask(config, { policy: 'as' }, 'validation', { range: [0.6, 0.8], seed: 0 }).envId).toBe('replay:data/x?from=0.6&to=0.8&fill=poisson');
    expect(makeTask(config, { policy: 'as', env: 'replay:y?from={from}&to={to}' }, 'test', { range: [0.8, 1], seed: 0 }).envId).toBe('replay:y?from=0.8&to=1');
    expect(makeTask(config, { policy: 'as' }, 'clone:calm', { envId: 'calm', range: null, seed: 0 }).envId).toBe('calm');
  });
});

describe('selectionLine', () => {
  it('the group, the best point by name with its metric, out of sample and each clone, 4 significant digits', () => {
    const sel = {
      group: { 'env.gamma': 0.2 },
      best: { key: 'k', mean_return: 1.234567 },
      outOfSample: { key: 't', mean_return: -0.000123456 },
      clones: [{ key: 'c', segment: 'clone:calm', mean_return: 12345.6 }],
    };
    expect(selectionLine(sel, 'fixed halfSpread=1', 'mean_return')).toBe('[env.gamma=0.2] best on validation by mean_return: fixed halfSpread=1 (mean_return 1.235); out of sample: -0.0001235; cloned to calm 12350');
  });

  it('no group, no out-of-sample row, no clones', () => {
    const line = selectionLine({ group: {}, best: { sharpe: 2 }, outOfSample: null, clones: [] }, 'as', 'sharpe');
    expect(line).toBe('best on validation by sharpe: as (sharpe 2); out of sample: -');
  });
});

describe('runSweep selection', () => {
  it('per groupBy group: the best validation row by the metric, its out-of-sample row (fresh seeds) and its clones, all in the CSV', async () => {
    const path = configFile({ policies: ['fixed'], grid: { 'env.gamma': [0.05, 0.2], 'policy.halfSpread': [0.5, 1.5] }, select: { metric: 'mean_return', groupBy: ['env.gamma'] }, cloneTo: ['calm'] });
    const r = await runSweep({ configPath: path, workers: 1, figuresDir: null });
    expect([r.points, r.skipped, r.evaluated, r.files]).toEqual([4, 0, 4, []]);
    const rows = new ExperimentsCsv(r.csvPath, readFileSync(r.csvPath, 'utf8').split('\n')[0]?.split(',') ?? []).records();
    expect(rows).toHaveLength(4 + 2 * 2);
    expect(r.selections.map((s) => s.group)).toEqual([{ 'env.gamma': 0.05 }, { 'env.gamma': 0.2 }]);
    for (const s of r.selections) {
      const g = s.group['env.gamma'];
      const candidates = rows.filter((x) => x.segment === 'validation' && x['env.gamma'] === g);
      expect(candidates).toHaveLength(2);
      const best = candidates.reduce((a, b) => ((b.mean_return as number) > (a.mean_return as number) ? b : a));
      expect(s.best).toEqual(best);
      expect(s.outOfSample).toMatchObject({ segment: 'test', env: 'default', seed: 5 + OUT_OF_SAMPLE_SEED_OFFSET, 'env.gamma': g, 'policy.halfSpread': best['policy.halfSpread'] });
      expect(s.clones).toHaveLength(1);
      expect(s.clones[0]).toMatchObject({ segment: 'clone:calm', env: 'calm', seed: 5 + OUT_OF_SAMPLE_SEED_OFFSET, 'policy.halfSpread': best['policy.halfSpread'] });
      expect(rows).toContainEqual(s.outOfSample);
    }
  });

  it('maximize: false picks the smallest value', async () => {
    const path = configFile({ policies: ['fixed'], grid: { 'policy.halfSpread': [0.3, 1, 3] }, select: { metric: 'avg_quoted_spread', maximize: false } });
    const r = await runSweep({ configPath: path, workers: 1, figuresDir: null });
    expect(r.selections).toHaveLength(1);
    expect(r.selections[0]?.best['policy.halfSpread']).toBe(0.3);
  });
});

describe('runSweep points', () => {
  it('a stratified sample evaluates sample.size points of the grid', async () => {
    const path = configFile({ policies: ['fixed'], grid: { 'policy.halfSpread': [0.5, 1, 1.5, 2], 'env.gamma': [0.05, 0.1, 0.2] }, sample: { size: 3, seed: 1 } });
    const r = await runSweep({ configPath: path, workers: 1, figuresDir: null });
    expect([r.points, r.evaluated, r.selections]).toEqual([3, 3, []]);
  });

  it('a point whose config is invalid is named with its grid values', async () => {
    const path = configFile({ policies: ['fixed'], grid: { 'env.gamma': [0.1, -1] } });
    await expect(runSweep({ configPath: path, workers: 1, figuresDir: null })).rejects.toThrow(/^sweep point \{policy=fixed, env\.gamma=-1\}: .*gamma/);
  });
});

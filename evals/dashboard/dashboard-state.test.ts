/**
 * dashboardState: what the page shows of a run directory — progress (last update, else last eval;
 * total from run.json), counts, the latest evaluation, the figures whose columns are logged, and
 * why nothing can be shown yet.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardState } from './dashboard-state.js';

const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'mmgym-dash-state-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('dashboardState', () => {
  it('a run that has written no logs yet: waiting, with the reason, and the total from run.json', () => {
    const d = fresh();
    writeFileSync(join(d, 'run.json'), JSON.stringify({ options: { timesteps: 4096 } }));
    expect(dashboardState(d)).toEqual({
      run: d,
      progress: { timesteps: null, total: 4096 },
      evalCount: 0,
      updateCount: 0,
      latestEval: null,
      figures: [],
      waiting: `no training logs in ${d}: expected updates.csv / evals.csv (or .jsonl) written by mmgym train`,
    });
    const gone = join(d, 'missing');
    expect(dashboardState(gone).waiting).toBe(`run directory ${gone} does not exist`);
    expect(dashboardState(gone).progress).toEqual({ timesteps: null, total: null });
  });

  it('progress is the last update\'s timesteps; the latest eval is the last row; both figures when their columns are logged', () => {
    const d = fresh();
    writeFileSync(join(d, 'run.json'), JSON.stringify({ options: { timesteps: 10_000 } }));
    writeFileSync(join(d, 'updates.csv'), 'timesteps,ep_rew_mean,approx_kl\n1000,1,0.01\n2000,2,0.02\n3000,3,0.03\n');
    writeFileSync(join(d, 'evals.csv'), 'eval,timesteps,mean_return\n1,1000,4\n2,2000,5\n');
    const s = dashboardState(d);
    expect(s.progress).toEqual({ timesteps: 3000, total: 10_000 });
    expect([s.evalCount, s.updateCount]).toEqual([2, 3]);
    expect(s.latestEval).toEqual({ eval: 2, timesteps: 2000, mean_return: 5 });
    expect(s.figures.map((f) => f.name)).toEqual(['learning-curves', 'training-diagnostics']);
    expect(s.waiting).toBeNull();
    // the state travels as JSON to the page
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('without updates the progress is the last evaluation\'s; a figure whose columns are missing is left out', () => {
    const d = fresh();
    writeFileSync(join(d, 'evals.csv'), 'timesteps,mean_return\n512,1\n1536,2\n');
    const s = dashboardState(d);
    expect(s.progress).toEqual({ timesteps: 1536, total: null });
    expect(s.updateCount).toBe(0);
    expect(s.figures.map((f) => f.name)).toEqual(['learning-curves']);
  });

  it('a run.json being rewritten (not JSON) or without a numeric total gives total null, not an error', () => {
    const d = fresh();
    writeFileSync(join(d, 'updates.csv'), 'timesteps,approx_kl\n100,0.1\n');
    writeFileSync(join(d, 'run.json'), '{"options": {"timest');
    const s = dashboardState(d);
    expect(s.progress).toEqual({ timesteps: 100, total: null });
    expect(s.figures.map((f) => f.name)).toEqual(['training-diagnostics']);
    writeFileSync(join(d, 'run.json'), JSON.stringify({ options: { timesteps: '4096' } }));
    expect(dashboardState(d).progress.total).toBeNull();
  });
});

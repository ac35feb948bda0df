import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { metricColumn, openRunLogs } from './run-log.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'mmgym-runlog-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('run logs', () => {
  it('writes a CSV with fixed columns and a JSONL with every key', () => {
    const dir = tmp();
    const logs = openRunLogs(dir);
    logs.updates.create();
    logs.updates.append({ update: 1, timesteps: 100, wall_seconds: 1.5, approx_kl: 0.01, extra_key: 'x,y' });
    const csv = readFileSync(logs.updates.csvPath, 'utf8').trim().split('\n');
    expect(csv[0]?.split(',').slice(0, 4)).toEqual(['update', 'timesteps', 'wall_seconds', 'fps']);
    expect(csv[0]).toContain('pct_optimal');
    expect(csv[0]).toContain('ep_rew_mean');
    expect(csv[1]?.startsWith('1,100,1.5,')).toBe(true);
    expect(logs.updates.read()).toEqual([{ update: 1, timesteps: 100, wall_seconds: 1.5, approx_kl: 0.01, extra_key: 'x,y' }]);
  });

  it('truncateAfter keeps rows up to the checkpoint and drops a torn last line', () => {
    const dir = tmp();
    const logs = openRunLogs(dir);
    logs.evals.create();
    for (const t of [10, 20, 30]) logs.evals.append({ eval: t / 10, timesteps: t, pct_optimal: t / 100 });
    // a crash mid-append leaves half a line
    appendFileSync(logs.evals.jsonlPath, '{"eval": 4, "timest');
    logs.evals.truncateAfter(20);
    expect(logs.evals.read().map((r) => r.timesteps)).toEqual([10, 20]);
    expect(readFileSync(logs.evals.csvPath, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('strips metric namespaces', () => {
    expect(metricColumn('train/approx_kl')).toBe('approx_kl');
    expect(metricColumn('rollout/ep_rew_mean')).toBe('ep_rew_mean');
    expect(metricColumn('plain')).toBe('plain');
  });
});

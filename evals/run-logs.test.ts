/** readRunLogs: CSV or .jsonl twins, numeric cells only, torn lines and missing files tolerated, clear refusals. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRunLogs } from './run-logs.js';

const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'mmgym-run-logs-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('readRunLogs', () => {
  it('reads both CSVs by column name, keeping numeric cells only (empty and non-numeric cells are absent)', () => {
    const d = fresh();
    writeFileSync(join(d, 'updates.csv'), 'timesteps,approx_kl,note,std\n512,0.01,warm,\n1024,1e-3,,0.5\n');
    writeFileSync(join(d, 'evals.csv'), 'timesteps,mean_return,pct_optimal\n512,-1.25,0.9\n1024,NaN,Infinity\n');
    const logs = readRunLogs(d);
    expect(logs.dir).toBe(d);
    expect(logs.updates).toEqual([
      { timesteps: 512, approx_kl: 0.01 },
      { timesteps: 1024, approx_kl: 0.001, std: 0.5 },
    ]);
    expect(logs.evals).toEqual([{ timesteps: 512, mean_return: -1.25, pct_optimal: 0.9 }, { timesteps: 1024 }]);
    expect(logs.files).toEqual([join(d, 'updates.csv'), join(d, 'evals.csv')]);
  });

  it('tolerates rows with fewer or more cells than the header (an interrupted write)', () => {
    const d = fresh();
    writeFileSync(join(d, 'evals.csv'), 'timesteps,mean_return\n100,2\n200\n\n300,4,99\n');
    expect(readRunLogs(d).evals).toEqual([{ timesteps: 100, mean_return: 2 }, { timesteps: 200 }, { timesteps: 300, mean_return: 4 }]);
  });

  it('falls back to the .jsonl twin, skipping a torn last line and non-numeric values', () => {
    const d = fresh();
    writeFileSync(join(d, 'updates.jsonl'), '{"timesteps":512,"value_loss":3.5,"tag":"x","flag":true}\n\n{"timesteps":"1024","value_loss":null}\n{"timesteps":15');
    const logs = readRunLogs(d);
    expect(logs.updates).toEqual([{ timesteps: 512, value_loss: 3.5 }, { timesteps: 1024 }]);
    expect(logs.evals).toEqual([]);
    expect(logs.files).toEqual([join(d, 'updates.jsonl')]);
  });

  it('prefers the CSV when both a CSV and its .jsonl twin exist', () => {
    const d = fresh();
    writeFileSync(join(d, 'evals.csv'), 'timesteps\n1\n');
    writeFileSync(join(d, 'evals.jsonl'), '{"timesteps":2}\n');
    const logs = readRunLogs(d);
    expect(logs.evals).toEqual([{ timesteps: 1 }]);
    expect(logs.files).toEqual([join(d, 'evals.csv')]);
  });

  it('refuses a missing directory and a directory without logs, naming it', () => {
    const d = fresh();
    expect(() => readRunLogs(join(d, 'nope'))).toThrow(`run directory ${join(d, 'nope')} does not exist`);
    writeFileSync(join(d, 'run.json'), '{}');
    expect(() => readRunLogs(d)).toThrow(`no training logs in ${d}: expected updates.csv / evals.csv (or .jsonl) written by mmgym train`);
  });
});

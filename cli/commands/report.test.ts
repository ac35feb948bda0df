/** `mmgym report` in-process: --run is read, --out (default: the run directory) gets the files, stdout has the summary lines and the files written. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pngSize } from '../../evals/figures/render.js';
import { runCommands } from '../test-utils/run-commands.js';
import { reportCommand } from './report.js';

const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'mmgym-cli-report-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runDir(): string {
  const d = fresh();
  writeFileSync(join(d, 'updates.csv'), 'timesteps,wall_seconds,ep_rew_mean,approx_kl\n1000,1.5,2.5,0.01\n2000,3.25,3.75,0.02\n');
  writeFileSync(join(d, 'evals.csv'), 'timesteps,wall_seconds,mean_return,pct_optimal\n1000,1.5,5,0.5\n2000,3.25,8,0.8\n');
  return d;
}

describe('mmgym report', () => {
  it('--out gets learning curves, diagnostics and report.html; the run directory is left as it was', async () => {
    const run = runDir();
    const out = join(fresh(), 'report-out');
    const before = readdirSync(run).sort();
    const r = await runCommands([reportCommand], ['report', '--run', run, '--out', out]);
    const files = ['learning-curves.png', 'training-diagnostics.png', 'report.html'].map((f) => join(out, f));
    expect(r.out.trimEnd().split('\n')).toEqual([
      `logs: ${join(run, 'updates.csv')}, ${join(run, 'evals.csv')} (2 updates, 2 evaluations)`,
      'last update: 2000 steps, 3.3 s, ep_rew_mean 3.750',
      'best evaluation: 80.00% of HJB at 2000 steps (3.3 s)',
      `wrote ${files.join(', ')}`,
    ]);
    for (const f of files) expect(existsSync(f), f).toBe(true);
    expect(pngSize(new Uint8Array(readFileSync(files[0] as string))).width).toBeGreaterThan(100);
    expect(readdirSync(run).sort()).toEqual(before);
  });

  it('without --out the files go into the run directory', async () => {
    const run = runDir();
    const r = await runCommands([reportCommand], ['report', '--run', run]);
    expect(r.out).toContain(`wrote ${join(run, 'learning-curves.png')}`);
    expect(existsSync(join(run, 'report.html'))).toBe(true);
  });

  it('refuses a run without --run, and a run directory that does not exist, naming it', async () => {
    await expect(runCommands([reportCommand], ['report'])).rejects.toThrow(/Missing required argument: run/);
    const gone = join(fresh(), 'gone');
    await expect(runCommands([reportCommand], ['report', '--run', gone])).rejects.toThrow(`run directory ${gone} does not exist`);
  });
});


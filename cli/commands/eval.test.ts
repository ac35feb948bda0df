/** The eval, report and sweep commands parsed by yargs end to end (stdout captured). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommands } from '../test-utils/run-commands.js';
import { evalCommand } from './eval.js';
import { reportCommand } from './report.js';
import { sweepCommand } from './sweep.js';

async function run(argv: string[]): Promise<string> {
  return (await runCommands([evalCommand, reportCommand, sweepCommand], argv)).out;
}

describe('mmgym eval / report / sweep commands', () => {
  it('eval --json prints results.json with the pairs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-cli-'));
    const text = await run(['eval', '--policy', 'as', '--against', 'fixed', '--episodes', '20', '--seed', '2', '--json', '--no-figures', '--out', dir]);
    const json = JSON.parse(text) as { pairs: { policy: string; baseline: string }[]; episodes: number };
    expect(json.episodes).toBe(20);
    expect(json.pairs.map((p) => `${p.policy}-${p.baseline}`)).toEqual(['as-hjb', 'as-fixed']);
  });

  it('eval prints the tables', async () => {
    const text = await run(['eval', '--policy', 'skew', '--against', 'hjb', '--episodes', '10', '--no-figures', '--out', mkdtempSync(join(tmpdir(), 'mmgym-cli-'))]);
    expect(text).toMatch(/policy +return ± SE/);
    expect(text).toMatch(/skew - hjb/);
  });

  it('report and sweep run from their flags', async () => {
    const run1 = mkdtempSync(join(tmpdir(), 'mmgym-run-'));
    writeFileSync(join(run1, 'evals.csv'), 'timesteps,wall_seconds,mean_return,pct_optimal\n100,1,5,0.5\n200,2,8,0.8\n');
    expect(await run(['report', '--run', run1])).toMatch(/best evaluation: 80.00% of HJB at 200 steps/);
    const d = mkdtempSync(join(tmpdir(), 'mmgym-sw-'));
    const cfg = join(d, 's.json');
    writeFileSync(cfg, JSON.stringify({ name: 's', policies: ['fixed'], envOverrides: { horizon: 0.05 }, grid: { 'policy.halfSpread': [0.5, 1] }, episodes: 5, reference: null }));
    expect(await run(['sweep', '--config', cfg, '--no-figures'])).toMatch(/2 points: 0 already done, 2 evaluated/);
    expect(await run(['sweep', '--config', cfg, '--no-figures'])).toMatch(/2 points: 2 already done, 0 evaluated/);
  });
});

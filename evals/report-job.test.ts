/**
 * `mmgym report --run DIR` on copies of saved runs: report.html's closing table (final and best
 * evaluation; the test-seed policies and paired differences from comparison.json) holds the run's
 * numbers, rounded to 4 significant digits; best is the evaluation best/ was selected by.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestEvaluation, formatNumber, formatPct, readComparisonSummary, runReportJob } from './report-job.js';
import { readRunLogs } from './run-logs.js';

const SAVED = resolve(import.meta.dirname, '..', 'saved-models');

/** A temp copy of a saved run's logs and comparison (not its policies: the report does not read them). */
function copyRun(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'mmgym-report-')), name);
  cpSync(join(SAVED, name), dir, { recursive: true, filter: (src) => !/[/\\](best|final|checkpoints)$/.test(src) });
  return dir;
}

/** The rows (cell texts, the row header first) of the table captioned `caption…` in `html`. */
function tableRows(html: string, caption: string): string[][] {
  const table = html.split('<table>').find((t) => t.startsWith(`<caption>${caption}`));
  if (table === undefined) return [];
  const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...(m[1] ?? '').matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1] ?? ''));
}

const sig4 = (x: number): string => x.toPrecision(4);
const pct4 = (x: number): string => `${(100 * x).toPrecision(4)}%`;

describe('runReportJob', () => {
  it('closes report.html on ppo-liquidation-stage1 (the 19.2M-step run) with the final/best evaluations and the test-seed figures of comparison.json', async () => {
    const dir = copyRun('ppo-liquidation-stage1');
    const r = await runReportJob(dir);
    expect(r.files.map((f) => f.slice(dir.length + 1))).toEqual(['learning-curves.png', 'training-diagnostics.png', 'report.html']);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<section id="closing-table"><h2>Closing table</h2>');
    expect(html.indexOf('id="closing-table"')).toBeLessThan(html.indexOf('<h2>Figures</h2>'));

    const evals = readRunLogs(dir).evals;
    const final = evals.at(-1);
    // best/ = the highest exact return (eval 73), not the highest % of HJB (eval 74)
    const best = evals.find((e) => e.eval === 73);
    expect(bestEvaluation(evals)).toBe(best);
    expect(Math.max(...evals.map((e) => e.pct_optimal ?? 0))).toBe(evals.find((e) => e.eval === 74)?.pct_optimal);
    const row = (label: string, e: NonNullable<typeof final>): string[] => [
      label,
      String(e.eval),
      (e.timesteps ?? 0).toLocaleString('en-US'),
      sig4(e.wall_seconds ?? 0),
      `${sig4(e.mean_return ?? 0)} ± ${(e.se_return ?? 0).toPrecision(3)}`,
      pct4(e.pct_optimal ?? 0),
      pct4(e.pct_exact_optimum ?? 0),
      sig4(e.exact_return ?? 0),
    ];
    expect(final !== undefined && best !== undefined).toBe(true);
    const evalRows = tableRows(html, 'Evaluations on the validation seeds');
    expect(evalRows).toEqual([row('final', final!), row('best', best!)]);
    // the figures as written, rounded: final 96.64% of V*, best 96.68% of V* at 18,874,368 steps
    expect(evalRows[0]?.slice(1, 3)).toEqual(['75', '19,202,048']);
    expect(evalRows[1]?.slice(2)).toEqual(['18,874,368', '752.7', '9.832 ± 0.151', '102.6%', '96.68%', '9.966']);
    expect(r.summary).toContain('best evaluation: 102.6% of HJB, 96.68% of V* at 18874368 steps (752.7 s)');

    const c = readComparisonSummary(dir);
    expect(c).not.toBeNull();
    const policies = tableRows(html, 'Test seeds: 1000 episodes from seed 2000000, V* = 10.31');
    expect(policies).toEqual(
      c!.policies.map((p) => [p.name, p.role, `${sig4(p.metrics.return.mean)} ± ${p.metrics.return.se.toPrecision(3)}`, pct4(p.pctOfReference ?? 0), pct4(p.pctOfOptimum ?? 0)]),
    );
    expect(policies[0]).toEqual(['ppo best @ 18874368', 'candidate', '9.887 ± 0.158', '102.0%', '96.37%']);
    expect(html).toContain('<th scope="col">% of hjb</th><th scope="col">% of V*</th>');
    const pairs = tableRows(html, 'Paired differences of episode returns on the test seeds');
    expect(pairs.map((p) => p[0])).toEqual(c!.pairs.map((p) => `${p.policy} − ${p.baseline}`));
    expect(pairs[0]).toEqual(['ppo best @ 18874368 − hjb', '0.1969 ± 0.0351', '[0.1281, 0.2657]', '[0.1293, 0.2657]', '52.8%']);
    expect(html).toContain('95% CI (paired t)');
  }, 60_000);

  it('without comparison.json (ppo-as-default copy) closes with the evaluation table only', async () => {
    const dir = copyRun('ppo-as-default');
    rmSync(join(dir, 'comparison.json'));
    const out = mkdtempSync(join(tmpdir(), 'mmgym-report-out-'));
    await runReportJob(dir, out);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const rows = tableRows(html, 'Evaluations on the validation seeds: 1000 episodes from seed 1000000');
    expect(rows.map((r) => r[0])).toEqual(['final', 'best']);
    expect(rows[0]?.[6]).toBe('99.74%'); // % of V* of the last evaluation
    expect(html).not.toContain('Test seeds');
    expect(html).not.toContain('Paired differences');
  }, 60_000);

  it('rejects a comparison.json that is not one training wrote; formats to 4 significant digits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-report-bad-'));
    writeFileSync(join(dir, 'comparison.json'), '{"policies": 3}');
    expect(() => readComparisonSummary(dir)).toThrow(/is not a comparison written by mmgym train/);
    expect(readComparisonSummary(mkdtempSync(join(tmpdir(), 'mmgym-report-none-')))).toBeNull();
    expect([formatNumber(9.88190950), formatNumber(-0.0335652), formatNumber(18874368), formatNumber(undefined), formatNumber(Number.NaN)]).toEqual([
      '9.882',
      '-0.03357',
      '18,874,368',
      '–',
      '–',
    ]);
    expect([formatPct(0.996252), formatPct(1.0318), formatPct(null), formatPct(0.528, 3)]).toEqual(['99.63%', '103.2%', '–', '52.8%']);
  });
});

/**
 * `mmgym report --run DIR` as a library function: learning curves and, where updates.csv has
 * them, the training diagnostics (entropy, KL, clip fraction, explained variance, std, losses,
 * learning rate) from a training run's logs, written as PNGs and report.html (atomic writes) into
 * `out` (default: the run dir). report.html closes with HTML tables: the final and the best
 * evaluation on the validation seeds (steps, mean return ± s.e., % of HJB, % of V*, exact
 * return) and, where training wrote comparison.json, the test-seed figures (per policy mean ±
 * s.e., % of the reference, % of V*; paired differences with their confidence intervals).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { selectionScore } from '../training/evaluator.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { learningCurvesFigure } from './figures/learning-curves.js';
import { diagnosticsPoints, trainingDiagnosticsFigure } from './figures/diagnostics.js';
import { renderFigure } from './figures/render.js';
import { escapeHtml } from './report/escape-html.js';
import { reportHtml } from './report/html.js';
import { readRunLogs, type LogRecord, type RunLogs } from './run-logs.js';

export interface ReportJobResult {
  logs: RunLogs;
  files: string[];
  /** One-line summaries of the run (last update, best evaluation). */
  summary: string[];
}

const interval = z.tuple([z.number(), z.number()]);
const nullableNumber = z.number().nullable().optional();

/** The part of comparison.json (evals/compare.ts's Comparison, written by training/train.ts) the closing table shows. */
const ComparisonSchema = z.object({
  episodes: z.number(),
  seed: z.number(),
  referenceName: z.string().nullable(),
  exactOptimum: nullableNumber,
  policies: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      metrics: z.object({ return: z.object({ mean: z.number(), se: z.number() }) }),
      pctOfReference: nullableNumber,
      pctOfValue: nullableNumber,
      pctOfOptimum: nullableNumber,
    }),
  ),
  pairs: z.array(
    z.object({
      policy: z.string(),
      baseline: z.string(),
      returns: z.object({ meanDiff: z.number(), seDiff: z.number(), level: z.number(), tInterval: interval, bootstrapInterval: interval, winRate: z.number() }),
    }),
  ),
});
export type ComparisonSummary = z.infer<typeof ComparisonSchema>;

/** comparison.json of a run dir, or null where training wrote none (interrupted, --final-episodes 0). */
export function readComparisonSummary(runDir: string): ComparisonSummary | null {
  const file = join(runDir, 'comparison.json');
  if (!existsSync(file)) return null;
  const parsed = ComparisonSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a comparison written by mmgym train: ${parsed.error.message}`);
  return parsed.data;
}

/** `digits` significant digits (integers of more digits in full, with thousands separators); '–' for a missing value. */
export function formatNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (Math.abs(x) >= 10 ** digits) return Math.round(x).toLocaleString('en-US');
  return x.toPrecision(digits);
}

/** A fraction as a percentage with `digits` significant digits (0.99625 -> '99.63%'). */
export function formatPct(fraction: number | null | undefined, digits = 4): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '–' : `${formatNumber(100 * fraction, digits)}%`;
}

function formatMeanSe(mean: number | undefined, se: number | undefined): string {
  return mean === undefined ? '–' : se === undefined ? formatNumber(mean) : `${formatNumber(mean)} ± ${formatNumber(se, 3)}`;
}

function formatInterval([lo, hi]: [number, number]): string {
  return `[${formatNumber(lo)}, ${formatNumber(hi)}]`;
}

/**
 * The evaluation best/ was selected by (training/train.ts): the highest exact expected return where
 * there is one, else the highest % of HJB, else the highest mean return; the first of equals.
 */
export function bestEvaluation(evals: readonly LogRecord[]): LogRecord | undefined {
  let best: { row: LogRecord; score: number } | undefined;
  for (const row of evals) {
    if (row.mean_return === undefined) continue;
    const { score } = selectionScore({ exactReturn: row.exact_return ?? null, pctOptimal: row.pct_optimal ?? Number.NaN, meanReturn: row.mean_return });
    if (best === undefined || score > best.score) best = { row, score };
  }
  return best?.row;
}

/** An HTML table: header cells, then rows whose first cell is a row header; cells are escaped. */
export function htmlTable(caption: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<thead><tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map(([first = '', ...rest]) => `<tr><th scope="row">${escapeHtml(first)}</th>${rest.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
  return `<table><caption>${escapeHtml(caption)}</caption>${head}<tbody>${body.join('')}</tbody></table>`;
}

/** The final and the best evaluation on the validation seeds; the % of V* and exact-return columns only where the run logged them. */
export function evaluationTableHtml(evals: readonly LogRecord[]): string | null {
  const final = evals.at(-1);
  const best = bestEvaluation(evals);
  if (final === undefined) return null;
  const withVStar = evals.some((r) => r.pct_exact_optimum !== undefined);
  const withExact = evals.some((r) => r.exact_return !== undefined);
  const header = ['evaluation', 'eval', 'steps', 'wall-clock s', 'mean return ± s.e.', '% of HJB', ...(withVStar ? ['% of V*'] : []), ...(withExact ? ['exact return'] : [])];
  const row = (label: string, r: LogRecord): string[] => [
    label,
    r.eval === undefined ? '–' : String(r.eval),
    r.timesteps === undefined ? '–' : Math.round(r.timesteps).toLocaleString('en-US'),
    formatNumber(r.wall_seconds),
    formatMeanSe(r.mean_return, r.se_return),
    formatPct(r.pct_optimal),
    ...(withVStar ? [formatPct(r.pct_exact_optimum)] : []),
    ...(withExact ? [formatNumber(r.exact_return)] : []),
  ];
  const seeds = final.episodes !== undefined && final.seed !== undefined ? `: ${final.episodes} episodes from seed ${final.seed}` : '';
  return htmlTable(`Evaluations on the validation seeds${seeds} (best = the one best/ was selected by)`, header, [
    row('final', final),
    ...(best !== undefined ? [row('best', best)] : []),
  ]);
}

/** Per policy on the test seeds: mean return ± s.e., % of the reference, % of V* (and % of the analytic value where there is one). */
export function testPoliciesTableHtml(c: ComparisonSummary): string {
  const withValue = c.policies.some((p) => p.pctOfValue !== null && p.pctOfValue !== undefined);
  const withVStar = c.policies.some((p) => p.pctOfOptimum !== null && p.pctOfOptimum !== undefined);
  const header = ['policy', 'role', 'mean return ± s.e.', `% of ${c.referenceName ?? 'reference'}`, ...(withVStar ? ['% of V*'] : []), ...(withValue ? ['% of value function'] : [])];
  const rows = c.policies.map((p) => [
    p.name,
    p.role,
    formatMeanSe(p.metrics.return.mean, p.metrics.return.se),
    formatPct(p.pctOfReference),
    ...(withVStar ? [formatPct(p.pctOfOptimum)] : []),
    ...(withValue ? [formatPct(p.pctOfValue)] : []),
  ]);
  const vStar = c.exactOptimum === null || c.exactOptimum === undefined ? '' : `, V* = ${formatNumber(c.exactOptimum)}`;
  return htmlTable(`Test seeds: ${c.episodes} episodes from seed ${c.seed}${vStar}`, header, rows);
}

/** Paired differences of episode returns (policy − baseline, same test seeds) with their confidence intervals and win rate. */
export function testPairsTableHtml(c: ComparisonSummary): string | null {
  if (c.pairs.length === 0) return null;
  const level = c.pairs[0]?.returns.level ?? 0.95;
  const ci = `${Number((100 * level).toPrecision(3))}% CI`;
  const rows = c.pairs.map((p) => [
    `${p.policy} − ${p.baseline}`,
    formatMeanSe(p.returns.meanDiff, p.returns.seDiff),
    formatInterval(p.returns.tInterval),
    formatInterval(p.returns.bootstrapInterval),
    formatPct(p.returns.winRate, 3),
  ]);
  return htmlTable('Paired differences of episode returns on the test seeds', ['pair', 'mean difference ± s.e.', `${ci} (paired t)`, `${ci} (bootstrap)`, 'win rate'], rows);
}

/** The closing section of report.html (empty where the run has no evaluations and no comparison). */
export function closingTableHtml(evals: readonly LogRecord[], comparison: ComparisonSummary | null): string[] {
  const tables = [evaluationTableHtml(evals), ...(comparison === null ? [] : [testPoliciesTableHtml(comparison), testPairsTableHtml(comparison)])].filter((t): t is string => t !== null);
  return tables.length === 0 ? [] : [`<section id="closing-table"><h2>Closing table</h2>\n${tables.join('\n')}\n</section>`];
}

function summaryLines(logs: RunLogs): string[] {
  const summary: string[] = [`logs: ${logs.files.join(', ')} (${logs.updates.length} updates, ${logs.evals.length} evaluations)`];
  const lastUpdate = logs.updates.at(-1);
  if (lastUpdate !== undefined) {
    summary.push(
      `last update: ${lastUpdate.timesteps ?? '?'} steps, ${lastUpdate.wall_seconds?.toFixed(1) ?? '?'} s, ep_rew_mean ${lastUpdate.ep_rew_mean?.toFixed(3) ?? '-'}`,
    );
  }
  const best = bestEvaluation(logs.evals);
  if (best !== undefined) {
    const vStar = best.pct_exact_optimum === undefined ? '' : `, ${formatPct(best.pct_exact_optimum)} of V*`;
    summary.push(`best evaluation: ${formatPct(best.pct_optimal)} of HJB${vStar} at ${best.timesteps ?? '?'} steps (${best.wall_seconds?.toFixed(1) ?? '?'} s)`);
  }
  return summary;
}

export async function runReportJob(runDir: string, out: string = runDir): Promise<ReportJobResult> {
  const logs = readRunLogs(runDir);
  const summary = summaryLines(logs);
  const figures = [await renderFigure(learningCurvesFigure(logs))];
  if (diagnosticsPoints(logs).length > 0) figures.push(await renderFigure(trainingDiagnosticsFigure(logs)));
  const files: string[] = [];
  for (const f of figures) {
    const png = join(out, `${f.name}.png`);
    writeFileAtomic(png, f.png);
    files.push(png);
  }
  const html = join(out, 'report.html');
  const closing = closingTableHtml(logs.evals, readComparisonSummary(runDir));
  writeFileAtomic(html, reportHtml({ title: `mmgym training run ${runDir}`, details: summary }, null, figures, closing));
  return { logs, files: [...files, html], summary };
}

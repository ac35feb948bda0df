/**
 * `mmgym report --run DIR` as a library function: learning curves and, where updates.csv has
 * them, the training diagnostics (entropy, KL, clip fraction, explained variance, std, losses,
 * learning rate) from a training run's logs, written as PNGs and report.html (atomic writes) into
 * `out` (default: the run dir).
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { learningCurvesFigure } from './figures/learning-curves.js';
import { diagnosticsPoints, trainingDiagnosticsFigure } from './figures/diagnostics.js';
import { renderFigure } from './figures/render.js';
import { reportHtml } from './report/html.js';
import { readRunLogs, type RunLogs } from './run-logs.js';

export interface ReportJobResult {
  logs: RunLogs;
  files: string[];
  /** One-line summaries of the run (last update, best evaluation). */
  summary: string[];
}

export async function runReportJob(runDir: string, out: string = runDir): Promise<ReportJobResult> {
  const logs = readRunLogs(runDir);
  const summary: string[] = [`logs: ${logs.files.join(', ')} (${logs.updates.length} updates, ${logs.evals.length} evaluations)`];
  const lastUpdate = logs.updates.at(-1);
  if (lastUpdate !== undefined) {
    summary.push(
      `last update: ${lastUpdate.timesteps ?? '?'} steps, ${lastUpdate.wall_seconds?.toFixed(1) ?? '?'} s, ep_rew_mean ${lastUpdate.ep_rew_mean?.toFixed(3) ?? '-'}`,
    );
  }
  const best = logs.evals.reduce<RunLogs['evals'][number] | undefined>(
    (b, r) => (r.pct_optimal !== undefined && (b?.pct_optimal === undefined || r.pct_optimal > b.pct_optimal) ? r : b),
    undefined,
  );
  if (best?.pct_optimal !== undefined) {
    summary.push(`best evaluation: ${(100 * best.pct_optimal).toFixed(2)}% of HJB at ${best.timesteps ?? '?'} steps (${best.wall_seconds?.toFixed(1) ?? '?'} s)`);
  }
  const figures = [await renderFigure(learningCurvesFigure(logs))];
  if (diagnosticsPoints(logs).length > 0) figures.push(await renderFigure(trainingDiagnosticsFigure(logs)));
  const files: string[] = [];
  for (const f of figures) {
    const png = join(out, `${f.name}.png`);
    writeFileAtomic(png, f.png);
    files.push(png);
  }
  const html = join(out, 'report.html');
  writeFileAtomic(html, reportHtml({ title: `mmgym training run ${runDir}`, details: summary }, null, figures));
  return { logs, files: [...files, html], summary };
}

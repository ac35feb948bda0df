/**
 * `mmgym report --run DIR` as a library function: learning curves from a training run's logs,
 * written as learning-curves.png and report.html (atomic writes) into `out` (default: the run dir).
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { learningCurvesFigure } from './figures/learning-curves.js';
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
  const figure = await renderFigure(learningCurvesFigure(logs));
  const png = join(out, `${figure.name}.png`);
  writeFileAtomic(png, figure.png);
  const html = join(out, 'report.html');
  writeFileAtomic(html, reportHtml({ title: `mmgym training run ${runDir}`, details: summary }, null, [figure]));
  return { logs, files: [png, html], summary };
}

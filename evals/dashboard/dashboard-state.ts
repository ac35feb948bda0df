/**
 * What the live dashboard shows of a run directory, read afresh on every request: progress
 * (steps done of the run's total, from run.json and the logs), the latest evaluation, and the
 * figure specs — the same Vega-Lite specs the training report renders (learning curves,
 * training diagnostics), with their data inline, for vega-embed in the browser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { learningCurvesFigure } from '../figures/learning-curves.js';
import { trainingDiagnosticsFigure } from '../figures/diagnostics.js';
import type { Figure } from '../figures/render.js';
import { readRunLogs, type LogRecord } from '../run-logs.js';

export interface DashboardState {
  run: string;
  /** Env steps done (the last logged update) and the run's total (run.json), when known. */
  progress: { timesteps: number | null; total: number | null };
  evalCount: number;
  updateCount: number;
  latestEval: LogRecord | null;
  figures: { name: string; title: string; spec: unknown }[];
  /** Why the logs could not be read yet (a run that has not written them), else null. */
  waiting: string | null;
}

export function dashboardState(runDir: string): DashboardState {
  let total: number | null = null;
  const runFile = join(runDir, 'run.json');
  if (existsSync(runFile)) {
    try {
      const t = (JSON.parse(readFileSync(runFile, 'utf8')) as { options?: { timesteps?: unknown } }).options?.timesteps;
      total = typeof t === 'number' ? t : null;
    } catch {
      total = null; // being rewritten: the next poll reads it
    }
  }
  let logs;
  try {
    logs = readRunLogs(runDir);
  } catch (e) {
    return { run: runDir, progress: { timesteps: null, total }, evalCount: 0, updateCount: 0, latestEval: null, figures: [], waiting: (e as Error).message };
  }
  const figures: Figure[] = [];
  for (const make of [learningCurvesFigure, trainingDiagnosticsFigure]) {
    try {
      figures.push(make(logs));
    } catch {
      // a figure whose columns are not logged yet is left out until they are
    }
  }
  const last = logs.updates[logs.updates.length - 1];
  return {
    run: runDir,
    progress: { timesteps: last?.timesteps ?? logs.evals[logs.evals.length - 1]?.timesteps ?? null, total },
    evalCount: logs.evals.length,
    updateCount: logs.updates.length,
    latestEval: logs.evals[logs.evals.length - 1] ?? null,
    figures: figures.map((f) => ({ name: f.name, title: f.title, spec: f.spec })),
    waiting: null,
  };
}

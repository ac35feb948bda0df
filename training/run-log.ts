/**
 * The run's metric logs: one CSV (fixed columns, for spreadsheets and `mmgym report --run DIR`)
 * and one JSONL (every key, one JSON object per line) per stream:
 *   updates.csv / updates.jsonl  one row per agent update (losses, entropy, KL, clip fraction, fps)
 *   evals.csv   / evals.jsonl    one row per periodic evaluation against the HJB optimum
 * Rows are appended as they happen; on resume the rows past the checkpoint are dropped so the
 * logs continue exactly where the checkpoint left off.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

export type LogValue = number | string | boolean | null;
export type LogRow = Record<string, LogValue>;

/** Columns of updates.csv (agent metrics keep their name after the `train/`, `rollout/`, `time/` prefix). */
export const UPDATE_COLUMNS = [
  'update',
  'timesteps',
  'wall_seconds',
  'fps',
  'ep_rew_mean',
  'ep_len_mean',
  'pct_optimal',
  'approx_kl',
  'clip_fraction',
  'entropy_loss',
  'policy_gradient_loss',
  'value_loss',
  'explained_variance',
  'learning_rate',
  'std',
] as const;

/**
 * Columns of evals.csv. `pct_optimal` = mean_return / hjb_mean_return on the same seeds;
 * `exact_return` = the policy's exact expected return where the finite MDP gives one (else empty);
 * `pct_exact_optimum` = exact_return / exact_optimum there, else (V_HJB + mean_return - hjb_mean_return) /
 * exact_optimum (empty where the env has no V*).
 */
export const EVAL_COLUMNS = [
  'eval',
  'timesteps',
  'wall_seconds',
  'ep_rew_mean',
  'episodes',
  'seed',
  'mean_return',
  'se_return',
  'hjb_mean_return',
  'hjb_se_return',
  'pct_optimal',
  'best_pct_optimal',
  'exact_optimum',
  'pct_exact_optimum',
  'exact_return',
] as const;

/** Strip a metric namespace: `train/approx_kl` -> `approx_kl`. */
export function metricColumn(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash >= 0 ? key.slice(slash + 1) : key;
}

function csvCell(v: LogValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV + JSONL pair, appended row by row. */
export class MetricLog {
  readonly csvPath: string;
  readonly jsonlPath: string;

  constructor(
    dir: string,
    name: string,
    private readonly columns: readonly string[],
  ) {
    this.csvPath = join(dir, `${name}.csv`);
    this.jsonlPath = join(dir, `${name}.jsonl`);
  }

  /** Start empty files (a fresh run). */
  create(): void {
    writeFileSync(this.csvPath, `${this.columns.join(',')}\n`);
    writeFileSync(this.jsonlPath, '');
  }

  /**
   * Resume: keep the rows with `timesteps <= maxTimesteps` (atomic rewrite), create the files if
   * they are missing.
   */
  truncateAfter(maxTimesteps: number): void {
    if (!existsSync(this.csvPath) || !existsSync(this.jsonlPath)) {
      this.create();
      return;
    }
    const kept: LogRow[] = [];
    for (const line of readFileSync(this.jsonlPath, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      let row: LogRow;
      try {
        row = JSON.parse(line) as LogRow;
      } catch {
        continue; // a line cut by a crash mid-write: drop it
      }
      if (typeof row.timesteps === 'number' && row.timesteps <= maxTimesteps) kept.push(row);
    }
    writeFileAtomic(this.jsonlPath, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
    writeFileAtomic(
      this.csvPath,
      `${this.columns.join(',')}\n${kept.map((r) => this.csvLine(r)).join('')}`,
    );
  }

  append(row: LogRow): void {
    appendFileSync(this.jsonlPath, `${JSON.stringify(row)}\n`);
    appendFileSync(this.csvPath, this.csvLine(row));
  }

  /** All rows logged so far (from the JSONL). */
  read(): LogRow[] {
    if (!existsSync(this.jsonlPath)) return [];
    return readFileSync(this.jsonlPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as LogRow);
  }

  private csvLine(row: LogRow): string {
    return `${this.columns.map((c) => csvCell(row[c])).join(',')}\n`;
  }
}

/** The two logs of a run directory. */
export interface RunLogs {
  readonly updates: MetricLog;
  readonly evals: MetricLog;
}

export function openRunLogs(dir: string): RunLogs {
  return {
    updates: new MetricLog(dir, 'updates', UPDATE_COLUMNS),
    evals: new MetricLog(dir, 'evals', EVAL_COLUMNS),
  };
}

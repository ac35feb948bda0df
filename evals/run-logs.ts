/**
 * Reads a training run's logs (training/run-log.ts writes them): `updates.csv` and `evals.csv`
 * (or the `.jsonl` twins when the CSV is absent). Columns are looked up by name and missing
 * ones are tolerated: a learning curve is drawn from whatever the run recorded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** One log row: numeric columns only (empty or non-numeric cells are absent). */
export type LogRecord = Record<string, number>;

export interface RunLogs {
  dir: string;
  updates: LogRecord[];
  evals: LogRecord[];
  /** Files that were read. */
  files: string[];
}

export function readRunLogs(dir: string): RunLogs {
  if (!existsSync(dir)) throw new Error(`run directory ${dir} does not exist`);
  const files: string[] = [];
  const read = (name: string): LogRecord[] => {
    const csv = join(dir, `${name}.csv`);
    const jsonl = join(dir, `${name}.jsonl`);
    if (existsSync(csv)) {
      files.push(csv);
      const rows = parse(readFileSync(csv, 'utf8'), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
      return rows.map(numericRecord);
    }
    if (existsSync(jsonl)) {
      files.push(jsonl);
      return readFileSync(jsonl, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .flatMap((l) => {
          try {
            return [numericRecord(JSON.parse(l) as Record<string, unknown>)];
          } catch {
            return []; // a torn last line of an interrupted run
          }
        });
    }
    return [];
  };
  const updates = read('updates');
  const evals = read('evals');
  if (files.length === 0) {
    throw new Error(`no training logs in ${dir}: expected updates.csv / evals.csv (or .jsonl) written by mmgym train`);
  }
  return { dir, updates, evals, files };
}

function numericRecord(row: Record<string, unknown>): LogRecord {
  const out: LogRecord = {};
  for (const [k, v] of Object.entries(row)) {
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    if (Number.isFinite(x)) out[k] = x;
  }
  return out;
}

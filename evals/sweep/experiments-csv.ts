/**
 * The experiments CSV: one row per evaluated sweep point, keyed by the hash of its full config.
 * Every append rewrites the file through a temp file + rename (atomic: a reader or an interrupted
 * run sees the old file or the new one, never a torn row), and a key already present is never
 * written again, so re-running a sweep resumes it without duplicates.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { writeFileAtomic } from '../../util/atomic-write.js';

export type CsvValue = string | number | boolean | null;

export function csvCell(v: CsvValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export class ExperimentsCsv {
  private rows: string[] = [];
  private readonly keys = new Set<string>();
  /** Malformed rows of the file read (line numbers from 1, the header being line 1); dropped at the next write. */
  readonly skipped: { line: number; why: string }[] = [];

  /** Opens (or starts) the CSV; an existing file must have exactly `columns` (first column `key`). */
  constructor(
    readonly path: string,
    readonly columns: readonly string[],
  ) {
    if (columns[0] !== 'key') throw new Error('the first experiments column must be "key"');
    if (!existsSync(path)) return;
    const text = readFileSync(path, 'utf8');
    if (text.trim() === '') return;
    let records: string[][];
    let lines: number[];
    try {
      const parsed = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
      records = parsed.map((p) => p.record);
      lines = parsed.map((p) => p.info.lines);
    } catch (e) {
      throw new Error(`experiments file ${path} is not valid CSV (${(e as Error).message}): repair or remove it`);
    }
    const header = records[0] ?? [];
    if (header.join(',') !== columns.join(',')) {
      throw new Error(
        `experiments file ${path} has columns [${header.join(', ')}], this sweep writes [${columns.join(', ')}]: use another "experiments" file`,
      );
    }
    records.slice(1).forEach((r, i) => {
      const line = lines[i + 1]!;
      const key = r[0];
      // A row cut by a crash, or not a row of this file, is not done: it is skipped (and re-run).
      if (r.length !== columns.length) this.skipped.push({ line, why: `${r.length} fields, the header has ${columns.length}` });
      else if (key === undefined || !/^\S+$/.test(key)) this.skipped.push({ line, why: `key ${JSON.stringify(key)} is not a key` });
      else if (!this.keys.has(key)) {
        this.keys.add(key);
        this.rows.push(r.map((c) => csvCell(c)).join(','));
      }
    });
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Appends a row (values by column name) unless its key is present; returns whether it was written. */
  append(values: Record<string, CsvValue>): boolean {
    const key = values.key;
    if (typeof key !== 'string' || key === '') throw new Error('experiments row needs a string "key"');
    if (this.keys.has(key)) return false;
    this.rows.push(this.columns.map((c) => csvCell(values[c])).join(','));
    this.keys.add(key);
    writeFileAtomic(this.path, `${this.columns.join(',')}\n${this.rows.join('\n')}\n`);
    return true;
  }

  /** All rows as records (numbers parsed where the cell is numeric). */
  records(): Record<string, CsvValue>[] {
    if (this.rows.length === 0) return [];
    const parsed = parse(this.rows.join('\n'), { relax_column_count: true }) as string[][];
    return parsed.map((r) => {
      const o: Record<string, CsvValue> = {};
      this.columns.forEach((c, i) => {
        const cell = r[i] ?? '';
        const n = Number(cell);
        o[c] = cell === '' ? null : Number.isFinite(n) && /^[-+0-9.eE]+$/.test(cell) ? n : cell;
      });
      return o;
    });
  }
}

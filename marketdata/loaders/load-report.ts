/**
 * What a loader did with a file: rows read, rows kept, rows skipped by reason (with the first
 * few line numbers), so nothing is half-loaded silently. Filled while streaming; complete
 * once the iterator has finished.
 */
import { DataError } from '../../util/errors.js';
export interface SkippedRow {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: string;
}

export interface LoadReport {
  readonly file: string;
  /** What the rows were read as, e.g. 'LOBSTER message'. */
  readonly schema: string;
  /** Data rows seen (header excluded). */
  rowsRead: number;
  /** Rows parsed and yielded. */
  rowsOk: number;
  /** Skipped rows counted by reason. */
  readonly skipped: Record<string, number>;
  /** The first `MAX_EXAMPLES` skipped rows. */
  readonly firstSkipped: SkippedRow[];
  /** Whether the file had a header row. */
  hasHeader: boolean;
  /** Bytes of (decompressed) text parsed so far: a stream that stops early has read little. */
  bytesParsed: number;
}

export const MAX_EXAMPLES = 10;

export function newReport(file: string, schema: string): LoadReport {
  return { file, schema, rowsRead: 0, rowsOk: 0, skipped: {}, firstSkipped: [], hasHeader: false, bytesParsed: 0 };
}

export function recordSkip(report: LoadReport, line: number, reason: string): void {
  report.skipped[reason] = (report.skipped[reason] ?? 0) + 1;
  if (report.firstSkipped.length < MAX_EXAMPLES) report.firstSkipped.push({ line, reason });
}

export function totalSkipped(report: LoadReport): number {
  let n = 0;
  for (const v of Object.values(report.skipped)) n += v;
  return n;
}

/** One line per report, e.g. `AMZN_message_1.csv (LOBSTER message): 57515 rows, 0 skipped`. */
export function formatReport(report: LoadReport): string {
  const skipped = totalSkipped(report);
  let s = `${report.file} (${report.schema}): ${report.rowsOk} rows loaded, ${skipped} skipped`;
  if (skipped > 0) {
    const reasons = Object.entries(report.skipped).map(([r, n]) => `${r}: ${n}`).join('; ');
    const lines = report.firstSkipped.map((x) => x.line).join(', ');
    s += ` (${reasons}; first at lines ${lines})`;
  }
  return s;
}

/** A file whose columns do not match the expected schema: rejected before any row is used. */
export class DataSchemaError extends DataError {
  constructor(
    readonly file: string,
    readonly schema: string,
    detail: string,
  ) {
    super(`${file}: not a ${schema} file: ${detail}`);
    this.name = 'DataSchemaError';
  }
}

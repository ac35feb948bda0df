/**
 * Streaming CSV rows with a schema: the file (plain or .gz) is piped through csv-parse and
 * rows come out one at a time from an async iterator, so memory does not depend on file size.
 *
 * The schema names its columns. With a header row, columns are found by name (case, `_` and
 * spaces ignored; aliases allowed) and missing ones are named in the error; without one, the
 * column count must match. Rows that fail to parse are skipped and counted in the report. If
 * none of the first `PROBE_ROWS` rows parses, the file is rejected as the wrong schema.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { DataSchemaError, newReport, recordSkip, type LoadReport } from './load-report.js';

export const PROBE_ROWS = 100;

export interface ColumnSpec {
  /** Canonical name (also what the error messages say). */
  readonly name: string;
  /** Other header spellings accepted. */
  readonly aliases?: readonly string[];
  /** May be absent (the parser receives undefined). */
  readonly optional?: boolean;
}

export interface RowSchema<T> {
  /** Human name used in reports and errors, e.g. 'LOBSTER message'. */
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** 'required': must have a header; 'optional': detected; 'none': never a header. */
  readonly header: 'required' | 'optional' | 'none';
  /** A header row is recognised (all fields non-numeric) but its names are not checked, only its count. */
  readonly positionalHeader?: boolean;
  /** For headerless files: allowed column counts (default: the number of columns). */
  readonly columnCounts?: readonly number[];
  /**
   * Parse the fields (in `columns` order; undefined for an absent optional column) into a row,
   * or return a string: the reason the row is skipped.
   */
  parse(fields: readonly (string | undefined)[]): T | string;
}

/** Open a file as a byte stream, gunzipping `.gz` files. */
export function openDataFile(path: string): Readable {
  const raw = createReadStream(path);
  return path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[\s_\-]/g, '');
}

function looksNumeric(s: string): boolean {
  return s.trim() !== '' && Number.isFinite(Number(s));
}

/** A streamed, schema-checked CSV file. Iterate once; `report` is complete after the loop. */
export class CsvRows<T> implements AsyncIterable<T> {
  readonly report: LoadReport;
  constructor(
    readonly path: string,
    readonly schema: RowSchema<T>,
  ) {
    this.report = newReport(path, schema.name);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const { schema, report, path } = this;
    const parser = openDataFile(path).pipe(
      parse({ relax_column_count: true, skip_empty_lines: true, trim: true, info: true }),
    );
    let index: (number | undefined)[] | null = null;
    let expectedCount = 0;
    let probing = true;
    const fields: (string | undefined)[] = new Array<string | undefined>(schema.columns.length);
    try {
      for await (const chunk of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const rec = chunk.record;
        const line = chunk.info.lines;
        if (index === null) {
          const isHeader =
            schema.header === 'required' ||
            (schema.header === 'optional' && rec.every((f) => !looksNumeric(f)));
          if (isHeader) {
            report.hasHeader = true;
            if (schema.positionalHeader === true) this.checkCount(rec.length, line);
            index = schema.positionalHeader === true ? schema.columns.map((_, i) => i) : this.mapHeader(rec);
            expectedCount = rec.length;
            continue;
          }
          this.checkCount(rec.length, line);
          index = schema.columns.map((_, i) => (i < rec.length ? i : undefined));
          expectedCount = rec.length;
        }
        report.rowsRead++;
        if (rec.length !== expectedCount) {
          recordSkip(report, line, `wrong column count (expected ${expectedCount})`);
        } else {
          for (let i = 0; i < index.length; i++) {
            const j = index[i];
            fields[i] = j === undefined ? undefined : rec[j];
          }
          const row = schema.parse(fields);
          if (typeof row === 'string') {
            recordSkip(report, line, row);
          } else {
            report.rowsOk++;
            probing = false;
            yield row;
            continue;
          }
        }
        if (probing && report.rowsRead >= PROBE_ROWS) {
          throw new DataSchemaError(path, schema.name, `none of the first ${PROBE_ROWS} rows parses (first reason: ${report.firstSkipped[0]?.reason ?? '?'})`);
        }
      }
    } finally {
      parser.destroy();
    }
    if (index === null && schema.header === 'required') {
      throw new DataSchemaError(path, schema.name, 'empty file (no header row)');
    }
    if (probing && report.rowsRead > 0) {
      throw new DataSchemaError(path, schema.name, `no row parses (first reason: ${report.firstSkipped[0]?.reason ?? '?'})`);
    }
  }

  private checkCount(count: number, line: number): void {
    const counts = this.schema.columnCounts ?? [this.schema.columns.length];
    if (!counts.includes(count)) {
      const names = this.schema.columns.map((c) => c.name);
      const shown = names.length > 8 ? `${names.slice(0, 8).join(', ')}, ...` : names.join(', ');
      throw new DataSchemaError(this.path, this.schema.name, `expected ${counts.join(' or ')} columns (${shown}), got ${count} on line ${line}`);
    }
  }

  private mapHeader(rec: readonly string[]): (number | undefined)[] {
    const names = rec.map(norm);
    const missing: string[] = [];
    const index = this.schema.columns.map((c) => {
      const wanted = [c.name, ...(c.aliases ?? [])].map(norm);
      const j = names.findIndex((n) => wanted.includes(n));
      if (j < 0 && !c.optional) missing.push(c.name);
      return j < 0 ? undefined : j;
    });
    if (missing.length > 0) {
      throw new DataSchemaError(
        this.path,
        this.schema.name,
        `missing column(s) ${missing.join(', ')} (header has: ${rec.join(', ')})`,
      );
    }
    return index;
  }
}

/** Parse a finite number or return undefined. */
export function num(s: string | undefined): number | undefined {
  if (s === undefined || s === '') return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * Streaming CSV rows with a schema: the file (plain or .gz) is piped through csv-parse and
 * rows come out one at a time from an async iterator, so memory does not depend on file size.
 *
 * The schema names its columns. With a header row, columns are found by name (case, `_` and
 * spaces ignored; aliases allowed) and missing ones are named in the error; without one, the
 * column count must match. Rows that fail to parse are skipped and counted in the report. If
 * none of the first `PROBE_ROWS` rows parses, the file is rejected as the wrong schema.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { PassThrough, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { DataSchemaError, newReport, recordSkip, type LoadReport } from './load-report.js';
import { DataError } from '../../util/errors.js';

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
  /**
   * The row's time, where the file must be in time order: a row earlier than the previous kept
   * row is skipped (counted, with its line) — a shuffled or interleaved file is not used as if
   * it were a tape.
   */
  readonly time?: (row: T) => number;
  /** A strictly increasing id (e.g. a trade id): a repeated or decreasing one is skipped as a duplicate. */
  readonly sequence?: (row: T) => number;
}

/** A gzip error with the file it came from (zlib's own message names neither the file nor the fix). */
export class CorruptGzipError extends DataError {
  constructor(path: string, cause: unknown) {
    super(`data file ${path}: not a valid gzip file (${(cause as Error).message ?? String(cause)}); re-download it or decompress and check it`);
    this.name = 'CorruptGzipError';
  }
}

/** Open a file as a byte stream, gunzipping `.gz` files (a corrupt one fails naming the file). */
export function openDataFile(path: string): Readable {
  const raw = createReadStream(path);
  if (!path.endsWith('.gz')) return raw;
  const gunzip = createGunzip();
  const out = new PassThrough();
  raw.on('error', (e) => out.destroy(e));
  gunzip.on('error', (e) => out.destroy(new CorruptGzipError(path, e)));
  return raw.pipe(gunzip).pipe(out);
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[\s_\-]/g, '');
}

function looksNumeric(s: string): boolean {
  return s.trim() !== '' && Number.isFinite(Number(s));
}

/**
 * A streamed, schema-checked CSV file. Iterate once, either way; `report` is complete after
 * the loop:
 * - `for await (const row of rows)`: a byte stream through csv-parse (plain or gzip);
 * - `for (const row of rows)`: synchronous, reading plain files in 1 MB chunks cut at line ends
 *   (no quoted newlines in these formats); a `.gz` file is decompressed whole in memory on
 *   this path (use the async one for big gzip files).
 * None of these formats quotes its fields, so a quote character is data (`quote: false`): a stray
 * `"` makes its row fail to parse (skipped and counted) instead of aborting the whole file.
 */
export class CsvRows<T> implements AsyncIterable<T>, Iterable<T> {
  readonly report: LoadReport;
  private index: (number | undefined)[] | null = null;
  private expectedCount = 0;
  private probing = true;
  private used = false;
  private readonly fields: (string | undefined)[];
  private lastTime = -Infinity;
  private lastSequence = -Infinity;
  /** Data-row ordinal (1-based, header excluded) and file line of the last row yielded. */
  lastOrdinal = 0;
  lastLine = 0;

  constructor(
    readonly path: string,
    readonly schema: RowSchema<T>,
  ) {
    this.report = newReport(path, schema.name);
    this.fields = new Array<string | undefined>(schema.columns.length);
  }

  private start(): void {
    if (this.used) throw new Error(`${this.path}: a CsvRows can be iterated only once; make a new one`);
    this.used = true;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    this.start();
    const source = openDataFile(this.path);
    const parser = source.pipe(parse({ relax_column_count: true, skip_empty_lines: true, trim: true, info: true, quote: false }));
    // pipe() does not forward errors: a read or gunzip error must end the iteration, not hang it.
    source.on('error', (e) => parser.destroy(e));
    try {
      for await (const chunk of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
        this.report.bytesParsed = chunk.info.bytes;
        const row = this.process(chunk.record, chunk.info.lines);
        if (row !== undefined) yield row;
      }
    } finally {
      parser.destroy();
    }
    this.finish();
  }

  *[Symbol.iterator](): Iterator<T> {
    this.start();
    let lineOffset = 0;
    for (const text of syncChunks(this.path)) {
      this.report.bytesParsed += Buffer.byteLength(text);
      const recs = parseSync(text, { relax_column_count: true, skip_empty_lines: true, trim: true, info: true, quote: false }) as unknown as {
        record: string[];
        info: { lines: number };
      }[];
      for (const r of recs) {
        const row = this.process(r.record, lineOffset + r.info.lines);
        if (row !== undefined) yield row;
      }
      lineOffset += countNewlines(text);
    }
    this.finish();
  }

  /** One raw record -> a row, or undefined (header or skipped). */
  private process(rec: readonly string[], line: number): T | undefined {
    const { schema, report } = this;
    let index = this.index;
    if (index === null) {
      const isHeader = schema.header === 'required' || (schema.header === 'optional' && rec.every((f) => !looksNumeric(f)));
      if (isHeader) {
        report.hasHeader = true;
        if (schema.positionalHeader === true) this.checkCount(rec.length, line);
        this.index = schema.positionalHeader === true ? schema.columns.map((_, i) => i) : this.mapHeader(rec);
        this.expectedCount = rec.length;
        return undefined;
      }
      this.checkCount(rec.length, line);
      index = this.index = schema.columns.map((_, i) => (i < rec.length ? i : undefined));
      this.expectedCount = rec.length;
    }
    report.rowsRead++;
    if (rec.length !== this.expectedCount) {
      recordSkip(report, line, `wrong column count (expected ${this.expectedCount})`);
    } else {
      const fields = this.fields;
      for (let i = 0; i < index.length; i++) {
        const j = index[i];
        fields[i] = j === undefined ? undefined : rec[j];
      }
      const row = schema.parse(fields);
      const why = typeof row === 'string' ? row : this.orderProblem(row);
      if (why === null) {
        report.rowsOk++;
        this.probing = false;
        this.lastOrdinal = report.rowsRead;
        this.lastLine = line;
        return row as T;
      }
      recordSkip(report, line, why);
    }
    if (this.probing && report.rowsRead >= PROBE_ROWS) {
      throw new DataSchemaError(this.path, schema.name, `none of the first ${PROBE_ROWS} rows parses (first reason: ${report.firstSkipped[0]?.reason ?? '?'})`);
    }
    return undefined;
  }

  /** Count the last yielded row as skipped after all (e.g. its partner row in a paired file was bad). */
  dropLast(reason: string): void {
    this.report.rowsOk--;
    recordSkip(this.report, this.lastLine, reason);
  }

  /** Why a parsed row breaks the file's order (null when it does not); advances the order otherwise. */
  private orderProblem(row: T): string | null {
    const { time, sequence } = this.schema;
    const t = time?.(row);
    const q = sequence?.(row);
    if (t !== undefined && t < this.lastTime) return 'out of time order (earlier than the previous row)';
    if (q !== undefined && q <= this.lastSequence) return 'duplicate or out-of-order id (not above the previous row\'s)';
    if (t !== undefined) this.lastTime = t;
    if (q !== undefined) this.lastSequence = q;
    return null;
  }

  private finish(): void {
    if (this.index === null && this.schema.header === 'required') {
      throw new DataSchemaError(this.path, this.schema.name, 'empty file (no header row)');
    }
    if (this.probing && this.report.rowsRead > 0) {
      throw new DataSchemaError(this.path, this.schema.name, `no row parses (first reason: ${this.report.firstSkipped[0]?.reason ?? '?'})`);
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

const CHUNK = 1 << 20;

/** Text of a file in pieces that end at a newline (plain files read incrementally). */
function* syncChunks(path: string): Generator<string> {
  if (path.endsWith('.gz')) {
    let text: string;
    try {
      text = gunzipSync(readFileSync(path)).toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code?.startsWith('Z_') === true || /incorrect header|unexpected end|invalid/.test((e as Error).message)) throw new CorruptGzipError(path, e);
      throw e;
    }
    yield text;
    return;
  }
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let carry = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      const data = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      const cut = data.lastIndexOf(10);
      if (cut < 0) {
        carry = Buffer.from(data);
        continue;
      }
      yield data.toString('utf8', 0, cut + 1);
      carry = Buffer.from(data.subarray(cut + 1));
    }
    if (carry.length > 0) yield carry.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

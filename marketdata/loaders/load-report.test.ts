import { describe, expect, it } from 'vitest';
import { DataError } from '../../util/errors.js';
import { DataSchemaError, MAX_EXAMPLES, formatReport, newReport, recordSkip, totalSkipped } from './load-report.js';

describe('load reports', () => {
  it('a new report is empty', () => {
    expect(newReport('a.csv', 'L1 quotes')).toEqual({ file: 'a.csv', schema: 'L1 quotes', rowsRead: 0, rowsOk: 0, skipped: {}, firstSkipped: [], hasHeader: false, bytesParsed: 0 });
  });
  it('recordSkip counts by reason and keeps the first MAX_EXAMPLES lines; totalSkipped sums the reasons', () => {
    const r = newReport('a.csv', 's');
    for (let i = 0; i < 25; i++) recordSkip(r, i + 2, i % 3 === 0 ? 'bad time' : 'bad price');
    expect(r.skipped).toEqual({ 'bad time': 9, 'bad price': 16 });
    expect(totalSkipped(r)).toBe(25);
    expect(MAX_EXAMPLES).toBe(10);
    expect(r.firstSkipped).toHaveLength(10);
    expect(r.firstSkipped[0]).toEqual({ line: 2, reason: 'bad time' });
    expect(r.firstSkipped.map((s) => s.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
  it('formatReport: one line; the reasons and first lines only when something was skipped', () => {
    const r = newReport('m.csv', 'LOBSTER message');
    r.rowsOk = 57;
    expect(formatReport(r)).toBe('m.csv (LOBSTER message): 57 rows loaded, 0 skipped');
    recordSkip(r, 4, 'bad time');
    recordSkip(r, 9, 'bad size');
    recordSkip(r, 12, 'bad time');
    expect(formatReport(r)).toBe('m.csv (LOBSTER message): 57 rows loaded, 3 skipped (bad time: 2; bad size: 1; first at lines 4, 9, 12)');
  });
  it('DataSchemaError is a DataError naming the file and the schema', () => {
    const e = new DataSchemaError('t.csv', 'Binance trades', 'missing column(s) price');
    expect(e).toBeInstanceOf(DataError);
    expect([e.name, e.file, e.schema, e.message]).toEqual(['DataSchemaError', 't.csv', 'Binance trades', 't.csv: not a Binance trades file: missing column(s) price']);
  });
});

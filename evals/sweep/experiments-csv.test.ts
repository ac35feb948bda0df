/** The experiments CSV: cell quoting, the round trip of awkward values, number parsing of records, and its refusals. (Append/resume and torn rows are in sweep.test.ts.) */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExperimentsCsv, csvCell } from './experiments-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'mmgym-expcsv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(dir, `e${n++}.csv`);

describe('csvCell', () => {
  it('quotes cells with a comma, quote or line break (quotes doubled); empty for null, undefined and non-finite numbers', () => {
    expect([csvCell('a'), csvCell('a,b'), csvCell('say "hi"'), csvCell('l1\nl2'), csvCell('cr\r')]).toEqual(['a', '"a,b"', '"say ""hi"""', '"l1\nl2"', '"cr\r"']);
    expect([csvCell(null), csvCell(undefined), csvCell(Number.NaN), csvCell(Infinity), csvCell(-0.5), csvCell(true), csvCell(1e21)]).toEqual(['', '', '', '', '-0.5', 'true', '1e+21']);
  });
});

describe('ExperimentsCsv', () => {
  it('awkward strings and numbers survive the file round trip; records parse numeric cells only', () => {
    const p = fresh();
    const cols = ['key', 'label', 'x', 'flag', 'empty'];
    const csv = new ExperimentsCsv(p, cols);
    expect(existsSync(p)).toBe(false); // nothing written before the first row
    csv.append({ key: 'k1', label: 'a,"b"\nc', x: 1.5e-7, flag: true, empty: null });
    csv.append({ key: 'k2', label: '12abc', x: -3, flag: false, empty: Number.NaN });
    const back = new ExperimentsCsv(p, cols);
    expect(back.records()).toEqual([
      { key: 'k1', label: 'a,"b"\nc', x: 1.5e-7, flag: 'true', empty: null },
      { key: 'k2', label: '12abc', x: -3, flag: 'false', empty: null },
    ]);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(new ExperimentsCsv(fresh(), ['key']).records()).toEqual([]);
  });
  it('a repeated key in the file counts once; a key with spaces is not a key', () => {
    const p = fresh();
    writeFileSync(p, 'key,a\nk1,1\nk1,2\n"bad key",3\n');
    const csv = new ExperimentsCsv(p, ['key', 'a']);
    expect(csv.size).toBe(1);
    expect(csv.records()).toEqual([{ key: 'k1', a: 1 }]);
    expect(csv.skipped).toEqual([{ line: 4, why: 'key "bad key" is not a key' }]);
  });
  it('an empty file starts afresh; refusals name the problem', () => {
    const p = fresh();
    writeFileSync(p, '  \n');
    expect(new ExperimentsCsv(p, ['key', 'a']).size).toBe(0);
    expect(() => new ExperimentsCsv(fresh(), ['id', 'a'])).toThrow('the first experiments column must be "key"');
    const csv = new ExperimentsCsv(fresh(), ['key', 'a']);
    expect(() => csv.append({ a: 1 })).toThrow('experiments row needs a string "key"');
    expect(() => csv.append({ key: '', a: 1 })).toThrow('experiments row needs a string "key"');
    const broken = fresh();
    writeFileSync(broken, 'key,a\n"k1,1\n');
    expect(() => new ExperimentsCsv(broken, ['key', 'a'])).toThrow(new RegExp(`experiments file ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid CSV .*: repair or remove it`));
  });
  it('writes the header and every row on each append (the whole file)', () => {
    const p = fresh();
    const csv = new ExperimentsCsv(p, ['key', 'v']);
    csv.append({ key: 'a', v: 1 });
    expect(readFileSync(p, 'utf8')).toBe('key,v\na,1\n');
    csv.append({ key: 'b' });
    expect(readFileSync(p, 'utf8')).toBe('key,v\na,1\nb,\n');
  });
});

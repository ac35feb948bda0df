import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataError } from '../../util/errors.js';
import { readTapeMeta } from './tape-meta.js';
import { TAPE_META_FILE } from './write-generic.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmgym-tape-meta-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const write = (text: string): void => writeFileSync(join(dir, TAPE_META_FILE), text);

describe('readTapeMeta', () => {
  it('undefined without tape.json; every field optional; all fields read', () => {
    expect(readTapeMeta(dir)).toBeUndefined();
    write('{}');
    expect(readTapeMeta(dir)).toEqual({});
    const full = { name: 'LOBSTER AMZN level 1', source: 'x', session: 'equity', tickSize: 0.01, orderSource: 'candles' };
    write(JSON.stringify({ ...full, extra: 1 }));
    expect(readTapeMeta(dir)).toEqual(full);
    write(JSON.stringify({ tickSize: 0, session: 'continuous', orderSource: 'trades' }));
    expect(readTapeMeta(dir)).toEqual({ tickSize: 0, session: 'continuous', orderSource: 'trades' });
  });
  it('refuses a wrong field naming the file, the field, what is allowed and the value', () => {
    const path = join(dir, TAPE_META_FILE);
    const cases: [unknown, string][] = [
      [{ name: 3 }, 'name must be a string, got 3'],
      [{ source: null }, 'source must be a string, got null'],
      [{ session: 'crypto' }, `session must be 'equity' or 'continuous', got "crypto"`],
      [{ tickSize: -0.01 }, 'tickSize must be a number >= 0, got -0.01'],
      [{ tickSize: '0.01' }, 'tickSize must be a number >= 0, got "0.01"'],
      [{ orderSource: 'quotes' }, `orderSource must be 'trades' or 'candles', got "quotes"`],
      [[1, 2], 'must be a JSON object, got [1,2]'],
      [null, 'must be a JSON object, got null'],
    ];
    for (const [value, msg] of cases) {
      write(JSON.stringify(value));
      expect(() => readTapeMeta(dir)).toThrow(DataError);
      expect(() => readTapeMeta(dir)).toThrow(`${path}: ${msg}`);
    }
  });
  it('invalid JSON: a DataError naming the file', () => {
    write('secret-token-abc {');
    let e: unknown;
    try {
      readTapeMeta(dir);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(DataError);
    expect((e as Error).message).toMatch(new RegExp(`^${join(dir, TAPE_META_FILE).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
    expect((e as Error).message).not.toContain('secret-token'); // the file's content is not printed
  });
});

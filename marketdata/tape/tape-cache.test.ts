/**
 * The per-process tape cache: an identical load returns the same tape without reading the files
 * again; other options, an edited file or an added file load afresh; failed loads are not kept;
 * the least recently used tape is dropped past TAPE_CACHE_SIZE.
 */
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearTapeCache, loadTapeSyncCached, TAPE_CACHE_SIZE } from './tape-cache.js';

/** A small tape in the generic L1 format: 200 quotes and 100 trades over 100 s. */
function copySample(): string {
  const d = mkdtempSync(join(tmpdir(), 'mmgym-tape-cache-'));
  const quotes = ['time,bid,ask'];
  for (let i = 0; i < 200; i++) quotes.push(`${i / 2},${100 + (i % 7) / 100},${100.02 + (i % 7) / 100}`);
  const trades = ['time,price,size,side'];
  for (let i = 0; i < 100; i++) trades.push(`${i + 0.25},${i % 2 === 0 ? 100.1 : 99.99},1,${i % 2 === 0 ? 'buy' : 'sell'}`);
  writeFileSync(join(d, 'quotes.csv'), `${quotes.join('\n')}\n`);
  writeFileSync(join(d, 'trades.csv'), `${trades.join('\n')}\n`);
  return d;
}

describe('loadTapeSyncCached', () => {
  beforeEach(() => clearTapeCache());

  it('returns the same tape for the same files and options, a fresh one for other options', () => {
    const d = copySample();
    const a = loadTapeSyncCached(d);
    expect(loadTapeSyncCached(d)).toBe(a);
    expect(loadTapeSyncCached(`${d}/`)).toBe(a); // the same folder, resolved
    const b = loadTapeSyncCached(d, { maxSkippedFraction: 0.5 });
    expect(b).not.toBe(a);
    expect(b.tape.orderTime).toEqual(a.tape.orderTime);
  });

  it('reads an edited or added file again', () => {
    const d = copySample();
    const a = loadTapeSyncCached(d);
    appendFileSync(join(d, 'trades.csv'), 'not,a,trade\n');
    const b = loadTapeSyncCached(d);
    expect(b).not.toBe(a);
    expect(b.reports.reduce((s, r) => s + r.rowsRead, 0)).toBe(a.reports.reduce((s, r) => s + r.rowsRead, 0) + 1); // the malformed row is read (and skipped)
    writeFileSync(join(d, 'NOTES.txt'), 'beside the tape\n');
    expect(loadTapeSyncCached(d)).not.toBe(b);
  });

  it('keeps no failed load and says what a missing path is', () => {
    expect(() => loadTapeSyncCached('data/no-such-tape')).toThrow(/data path data\/no-such-tape does not exist/);
    const d = copySample();
    expect(() => loadTapeSyncCached(d, { maxSkippedFraction: 2 })).toThrow(/maxSkippedFraction must be in \[0, 1\], got 2/);
    expect(() => loadTapeSyncCached(d, { maxSkippedFraction: 2 })).toThrow(/maxSkippedFraction must be in \[0, 1\], got 2/); // refused again: the failure was not cached
  });

  it(`holds at most ${TAPE_CACHE_SIZE} tapes, dropping the least recently used`, () => {
    const dirs = Array.from({ length: TAPE_CACHE_SIZE + 1 }, copySample);
    const first = loadTapeSyncCached(dirs[0]!);
    for (const d of dirs.slice(1)) loadTapeSyncCached(d);
    expect(loadTapeSyncCached(dirs[0]!)).not.toBe(first);
    const last = loadTapeSyncCached(dirs[TAPE_CACHE_SIZE]!);
    expect(loadTapeSyncCached(dirs[TAPE_CACHE_SIZE]!)).toBe(last);
  });
});

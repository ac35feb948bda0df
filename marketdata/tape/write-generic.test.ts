/** The generic level-1 writer: a real tape written and read back is the same tape (quotes, sizes, orders, session, tick). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, loadTapeSync } from './load-tape.js';
import { writeGenericTape } from './write-generic.js';

describe('writeGenericTape', () => {
  it.each(['data/lobster-amzn-2012-06-21-l1', 'data/binance-spot-btcusdt-2024-08-08'])('%s round-trips through the l1 format', (src) => {
    const { tape } = loadTapeSync(src);
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-generic-'));
    const w = writeGenericTape(tape, dir);
    expect(w.quoteRows).toBe(tape.depth?.time.length ?? tape.quoteTime.length); // one row per depth entry where the tape has sizes
    expect(w.tradeRows).toBe(tape.orderTime.length);
    expect(detectFormat(dir)).toBe('l1');
    const back = loadTapeSync(dir).tape;
    expect(back.name).toBe(tape.name);
    expect(back.session).toBe(tape.session);
    expect(back.tickSize).toBe(tape.tickSize);
    // the original without quotes that repeat the one before (the reader drops those)
    const keep = Array.from(tape.quoteTime, (_, i) => i === 0 || tape.bid[i] !== tape.bid[i - 1] || tape.ask[i] !== tape.ask[i - 1]);
    const pick = (a: Float64Array): Float64Array => a.filter((_, i) => keep[i]);
    expect(back.quoteTime).toEqual(pick(tape.quoteTime));
    expect(back.bid).toEqual(pick(tape.bid));
    expect(back.ask).toEqual(pick(tape.ask));
    expect(tape.depth).not.toBeNull(); // both samples have best-level sizes: they come back the same
    expect(back.depth).toEqual(tape.depth);
    // orders on one side at one instant merge when read back; everything else is the same order
    expect(back.orderTime.length).toBeLessThanOrEqual(tape.orderTime.length);
    expect(back.orderTime.length).toBeGreaterThan(0.97 * tape.orderTime.length);
    const same = (a: Float64Array, b: Float64Array): number => a.filter((x, i) => x === b[i]).length / a.length;
    if (back.orderTime.length === tape.orderTime.length) {
      expect(back.orderPrice).toEqual(tape.orderPrice);
      expect(back.orderSize).toEqual(tape.orderSize);
      expect(same(back.orderMidBefore, tape.orderMidBefore)).toBe(1);
    }
  });

  it('refuses a tape.json field of the wrong kind, naming the file and the field', () => {
    const { tape } = loadTapeSync('data/lobster-amzn-2012-06-21-l1');
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-generic-'));
    const w = writeGenericTape(tape, dir);
    const meta = JSON.parse(readFileSync(w.meta, 'utf8')) as Record<string, unknown>;
    writeFileSync(w.meta, JSON.stringify({ ...meta, session: 'weekdays' }));
    expect(() => loadTapeSync(dir)).toThrow(/tape\.json: session must be 'equity' or 'continuous', got "weekdays"/);
  });
});

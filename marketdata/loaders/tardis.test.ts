/** Tardis CSV files: the book rebuilt from incremental_book_L2 (snapshots, updates, resets), trades merged per order, bad rows counted. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat, loadTapeSync } from '../tape/load-tape.js';

const US = 1_000_000;
const t0 = 1_723_075_200 * US; // 2024-08-08T00:00:00Z in microseconds

const book = [
  'exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount',
  // the first snapshot: bids 100 x 2, 99.9 x 1; asks 100.2 x 3, 100.3 x 1
  `binance,BTCUSDT,${t0},${t0 + 10},true,bid,100,2`,
  `binance,BTCUSDT,${t0},${t0 + 10},true,bid,99.9,1`,
  `binance,BTCUSDT,${t0},${t0 + 10},true,ask,100.2,3`,
  `binance,BTCUSDT,${t0},${t0 + 10},true,ask,100.3,1`,
  // one message that moves the bid up through a transient cross: the new best ask first, then the old one removed
  `binance,BTCUSDT,${t0 + US},${t0 + US + 10},false,ask,100.1,1`,
  `binance,BTCUSDT,${t0 + US},${t0 + US + 10},false,bid,100.1,0.5`,
  `binance,BTCUSDT,${t0 + US},${t0 + US + 10},false,bid,100.1,0`,
  // a malformed row (counted, skipped)
  `binance,BTCUSDT,${t0 + 2 * US},${t0 + 2 * US + 10},false,middle,100,1`,
  // the best ask level removed: 100.2 is best again
  `binance,BTCUSDT,${t0 + 3 * US},${t0 + 3 * US + 10},false,ask,100.1,0`,
  // a reconnect: a new snapshot replaces the book (99.9 and 100.3 are gone)
  `binance,BTCUSDT,${t0 + 4 * US},${t0 + 4 * US + 10},true,bid,100.5,1`,
  `binance,BTCUSDT,${t0 + 4 * US},${t0 + 4 * US + 10},true,ask,100.6,1`,
].join('\n');

const trades = [
  'exchange,symbol,timestamp,local_timestamp,id,side,price,amount',
  // one aggressive buy in two fills (same exchange timestamp), reaching 100.3
  `binance,BTCUSDT,${t0 + 2 * US},${t0 + 2 * US + 20},1,buy,100.2,3`,
  `binance,BTCUSDT,${t0 + 2 * US},${t0 + 2 * US + 20},2,buy,100.3,0.5`,
  `binance,BTCUSDT,${t0 + 3 * US + 500},${t0 + 3 * US + 520},3,unknown,100.2,1`,
  `binance,BTCUSDT,${t0 + 5 * US},${t0 + 5 * US + 20},4,sell,100.5,0.25`,
].join('\n');

function folder(gz: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'mmgym-tardis-'));
  const put = (name: string, text: string): void => writeFileSync(join(dir, gz ? `${name}.gz` : name), gz ? gzipSync(text) : text);
  put('binance_incremental_book_L2_2024-08-08_BTCUSDT.csv', `${book}\n`);
  put('binance_trades_2024-08-08_BTCUSDT.csv', `${trades}\n`);
  return dir;
}

describe('Tardis incremental_book_L2 + trades', () => {
  it.each([false, true])('rebuilds the top of book and the market orders (gzip %s)', (gz) => {
    const dir = folder(gz);
    expect(detectFormat(dir)).toBe('tardis');
    const { tape, reports } = loadTapeSync(dir, { maxSkippedFraction: 1 });
    const s = (x: number): number => x - 1_723_075_200;
    // quotes: the snapshot; the message's end state (no transient cross); 100.2 best again; the new snapshot
    expect(Array.from(tape.quoteTime, (x) => Number(s(x).toFixed(6)))).toEqual([0.00001, 1.00001, 3.00001, 4.00001]);
    expect(Array.from(tape.bid)).toEqual([100, 100, 100, 100.5]);
    expect(Array.from(tape.ask)).toEqual([100.2, 100.1, 100.2, 100.6]);
    expect(tape.dropped?.crossedQuotes).toBe(0);
    // the two fills of one buy are one market order at its furthest price; the unknown-side trade is skipped
    expect(tape.orderTime.length).toBe(2);
    expect(Array.from(tape.orderPrice)).toEqual([100.3, 100.5]);
    expect(Array.from(tape.orderSize)).toEqual([3.5, 0.25]);
    expect(Array.from(tape.orderSide)).toEqual([1, -1]);
    expect(tape.orderMidBefore[0]).toBeCloseTo((100 + 100.1) / 2, 12);
    expect(tape.session).toBe('continuous');
    const [tr, bk] = reports;
    expect(tr!.skipped).toEqual({ 'aggressor side unknown': 1 });
    expect(bk!.skipped).toEqual({ 'bad side (allowed bid/ask)': 1 });
    expect(bk!.firstSkipped[0]!.line).toBe(9);
  });

  it('refuses a folder without a trades file, naming what is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-tardis-'));
    writeFileSync(join(dir, 'x_incremental_book_L2_2024-08-08_BTCUSDT.csv'), `${book}\n`);
    expect(() => loadTapeSync(dir)).toThrow(/no Tardis trades file found/);
  });
});

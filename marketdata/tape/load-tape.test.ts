import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedTape } from './load-tape.js';
import { detectFormat, loadTape, loadTapeSync, TapeQualityError } from './load-tape.js';
import type { LoadReport } from '../loaders/load-report.js';
import { midAt, sliceTape } from './market-tape.js';

const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return s;
};

describe('loadTape: every shipped sample as one tape', () => {
  let amzn: LoadedTape;
  beforeAll(() => {
    amzn = loadTapeSync('data/lobster-amzn-2012-06-21-l1');
  });

  it('detects formats from file names', () => {
    expect(detectFormat('data/lobster-amzn-2012-06-21-l1')).toBe('lobster');
    expect(detectFormat('data/binance-spot-btcusdt-2024-08-08')).toBe('binance');
    expect(detectFormat('data/binance-usdm-ohlcv-1m-2025-06/BTCUSDT_1m.csv')).toBe('candles');
  });

  it('LOBSTER AMZN: the 810,755 executed shares (README) end up in market orders; times and tick as documented', () => {
    const { tape, reports } = amzn;
    expect(reports.map((r) => r.rowsOk)).toEqual([57_515, 57_515]);
    // all but the very first event: a 1-share hidden execution before any quote is known (no reference mid)
    expect(sum(tape.orderSize)).toBe(810_755 - 1);
    expect(tape.tickSize).toBe(0.01);
    expect(tape.session).toBe('equity'); // NASDAQ hours: annualised over 252 x 23,400 s
    expect(tape.startTime).toBeCloseTo(34200.01746, 6);
    expect(tape.orderTime.length).toBeLessThan(11_419); // executions of one market order are merged
    for (let i = 1; i < tape.quoteTime.length; i++) expect(tape.quoteTime[i]! > tape.quoteTime[i - 1]!).toBe(true);
    // mids within the README's range $220.52 .. $226.025
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < tape.bid.length; i++) {
      const m = (tape.bid[i]! + tape.ask[i]!) / 2;
      lo = Math.min(lo, m);
      hi = Math.max(hi, m);
    }
    expect(lo).toBeCloseTo(220.52, 6);
    expect(hi).toBeCloseTo(226.025, 6);
  });

  it('Binance BTCUSDT: 19,904 trades totalling 437.9155 BTC; under 2% priced on the wrong side of their reference mid', () => {
    const { tape, reports } = loadTapeSync('data/binance-spot-btcusdt-2024-08-08');
    expect(reports.map((r) => r.rowsOk)).toEqual([19_904, 73_174]);
    expect(sum(tape.orderSize)).toBeCloseTo(437.91552, 6); // README: 437.9155 (rounded)
    expect(tape.session).toBe('continuous'); // a 24/7 venue: 365 x 86,400 s a year
    let wrongSide = 0;
    for (let i = 0; i < tape.orderTime.length; i++) {
      if ((tape.orderPrice[i]! - tape.orderMidBefore[i]!) * tape.orderSide[i]! < 0) wrongSide++;
    }
    console.log(`Binance: ${tape.orderTime.length} market orders, ${wrongSide} priced on the wrong side of the reference mid`);
    // trades and quotes come on two connections: a trade can arrive after the quote change it
    // caused; the loader looks back 1 s for a consistent quote (103 of 7,135 found none)
    expect(wrongSide / tape.orderTime.length).toBeLessThan(0.02);
  });

  it('candles: two orders per bar (high and low), 14,400 bars, 0.1 tick', () => {
    const { tape } = loadTapeSync('data/binance-usdm-ohlcv-1m-2025-06/BTCUSDT_1m.csv');
    expect(tape.orderTime.length).toBe(28_800);
    expect(tape.orderSource).toBe('candles');
    expect(tape.tickSize).toBe(0.1);
    expect(tape.endTime - tape.startTime).toBe(14_400 * 60);
  });

  it('sliceTape keeps a time window (the mid prevailing at its start included) and rejects bad splits', () => {
    const { tape } = amzn;
    const a = sliceTape(tape, 0, 0.6);
    const b = sliceTape(tape, 0.6, 1);
    expect(a.endTime).toBeCloseTo(b.startTime, 9);
    expect(a.orderTime.length + b.orderTime.length).toBe(tape.orderTime.length);
    expect(midAt(b, b.startTime)).toBe(midAt(tape, b.startTime));
    expect(() => sliceTape(tape, 0.7, 0.6)).toThrow(/0 <= from < to <= 1, got from=0.7, to=0.6/);
  });

  it('the streaming (async) and sync loaders build identical tapes', async () => {
    for (const p of ['data/lobster-aapl-2012-06-21-l10-head']) {
      const a = await loadTape(p);
      const b = loadTapeSync(p);
      expect(a.tape).toEqual(b.tape);
      expect(a.reports).toEqual(b.reports);
    }
  });

  it('generic L1 folder: quotes + trades merged in time, trades referenced to the mid before them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-l1-'));
    writeFileSync(join(dir, 'quotes.csv.gz'), gzipSync('time,bid,ask\n0,9.9,10.1\n2,10.0,10.2\n3,bad,10\n5,10.1,10.3\n'));
    writeFileSync(join(dir, 'trades.csv'), 'time,price,size,side\n1,10.15,2,buy\n2,10.2,1,buy\n4,9.95,1,sell\n');
    // 1 bad row of 4 is past the default limit (1% of a file's rows): refused, naming the file.
    await expect(loadTape(dir)).rejects.toThrow(/quotes\.csv\.gz \(L1 quotes\): 3 rows loaded, 1 skipped \(bad bid or ask: 1; first at lines 4\): 25\.00% of its 4 data rows skipped, more than the 1% allowed/);
    const { tape, reports } = await loadTape(dir, { maxSkippedFraction: 0.5 });
    expect(detectFormat(dir)).toBe('l1');
    expect(reports[0]?.skipped).toEqual({ 'bad bid or ask': 1 });
    expect([...tape.quoteTime]).toEqual([0, 2, 5]);
    expect([...tape.orderMidBefore]).toEqual([10, 10, 10.1]); // the trade at t=2 goes before the quote at t=2
    expect([...tape.orderSide]).toEqual([1, 1, -1]);
    expect(tape.endTime).toBe(5);
  });

  it('LOBSTER: one bad row costs one event (its partner row is dropped and counted), not the day', () => {
    const src = 'data/lobster-amzn-2012-06-21-l1';
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-lob-'));
    for (const f of readdirSync(src)) copyFileSync(join(src, f), join(dir, f));
    const msg = readdirSync(dir).find((f) => f.includes('_message_'))!;
    const ob = readdirSync(dir).find((f) => f.includes('_orderbook_'))!;
    const corrupt = (file: string, line: number, text: string): void => {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines[line - 1] = text + (lines[line - 1]!.endsWith('\r') ? '\r' : ''); // the files end lines with CRLF
      writeFileSync(join(dir, file), lines.join('\n'));
    };
    const clean = loadTapeSync(src);
    corrupt(msg, 101, '34200.1,x,1,2,3,1'); // file line 101 = data row 100 (after the header)
    corrupt(ob, 2001, 'garbage');
    const { tape, reports } = loadTapeSync(dir);
    const [m, b] = reports as [LoadReport, LoadReport];
    expect(m.skipped).toEqual({ 'bad event type (allowed 1..7)': 1, [`its row 2000 in ${ob} was skipped or missing (the files pair row by row)`]: 1 });
    expect(b.skipped).toEqual({ 'wrong column count (expected 4)': 1, [`its row 100 in ${msg} was skipped or missing (the files pair row by row)`]: 1 });
    expect(m.firstSkipped.map((x) => x.line)).toEqual([101, 2001]);
    expect(m.rowsOk).toBe(m.rowsRead - 2);
    expect(b.rowsOk).toBe(b.rowsRead - 2);
    expect(tape.quoteTime.length).toBeGreaterThanOrEqual(clean.tape.quoteTime.length - 2);
    expect(tape.quoteTime.length).toBeLessThanOrEqual(clean.tape.quoteTime.length);
    // A truncated orderbook file: its missing rows leave messages unpaired; past 1% the tape is refused.
    const obLines = readFileSync(join(dir, ob), 'utf8').split('\n');
    writeFileSync(join(dir, ob), obLines.slice(0, Math.floor(obLines.length * 0.9)).join('\n'));
    expect(() => loadTapeSync(dir)).toThrow(TapeQualityError);
    expect(() => loadTapeSync(dir)).toThrow(/message_1\.csv \(LOBSTER message\): .* skipped .* more than the 1% allowed/);
  });
});

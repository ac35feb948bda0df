/** The tape's depth (best levels with sizes): filled by the loaders that have sizes, null elsewhere, sliced with the tape. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBinanceBbo } from '../loaders/binance.js';
import { loadTape, loadTapeSync } from './load-tape.js';
import { depthIndexAt, quoteIndexAt, sliceTape, TapeBuilder, type MarketTape, type TapeDepth } from './market-tape.js';

/** Every depth entry sorted in time, with the quote series' prices at its time; returns the depth. */
function checkDepth(tape: MarketTape): TapeDepth {
  const d = tape.depth;
  expect(d).not.toBeNull();
  const D = d as TapeDepth;
  const n = D.time.length;
  expect(n).toBeGreaterThanOrEqual(tape.quoteTime.length);
  let bad = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && !((D.time[k] as number) > (D.time[k - 1] as number))) bad++;
    const q = quoteIndexAt(tape, D.time[k] as number);
    if (tape.bid[q] !== D.bid[k] || tape.ask[q] !== D.ask[k]) bad++;
    if (!((D.bidSize[k] as number) >= 0 && (D.askSize[k] as number) >= 0)) bad++;
    if (k > 0 && D.bid[k] === D.bid[k - 1] && D.bidSize[k] === D.bidSize[k - 1] && D.ask[k] === D.ask[k - 1] && D.askSize[k] === D.askSize[k - 1]) bad++; // not a change
  }
  expect(bad).toBe(0);
  return D;
}

describe('tape depth: best bid and ask sizes', () => {
  it('LOBSTER AMZN level 1: one entry per change of the best levels, sizes from the orderbook file', () => {
    const { tape } = loadTapeSync('data/lobster-amzn-2012-06-21-l1');
    const D = checkDepth(tape);
    console.log(`AMZN: ${tape.quoteTime.length} price changes, ${D.time.length} depth entries`);
    // the first book row: ask 223.95 x 100, bid 223.18 x 100; the second: bid 223.81 x 21
    expect([D.ask[0], D.askSize[0], D.bid[0], D.bidSize[0]]).toEqual([223.95, 100, 223.18, 100]);
    expect([D.bid[1], D.bidSize[1]]).toEqual([223.81, 21]);
    // about half the book changes at the touch move a size only
    expect(tape.quoteTime.length).toBe(26_588);
    expect(D.time.length).toBe(51_438);
  });

  it('Binance bbo: the sizes are the bookTicker quantities', async () => {
    const dir = 'data/binance-spot-btcusdt-2024-08-08';
    const { tape } = loadTapeSync(dir);
    const D = checkDepth(tape);
    let compared = 0;
    let equal = 0;
    let prev: { t: number; v: string } | null = null;
    const key = (b: number, bq: number, a: number, aq: number): string => `${b}|${bq}|${a}|${aq}`;
    // the last bbo row of each instant is the depth in force from that instant
    const check = (p: { t: number; v: string }): void => {
      const k = depthIndexAt(tape, p.t);
      compared++;
      if (key(D.bid[k] as number, D.bidSize[k] as number, D.ask[k] as number, D.askSize[k] as number) === p.v) equal++;
    };
    for await (const r of readBinanceBbo(join(dir, 'BTCUSDT_bbo.csv.gz'))) {
      if (prev !== null && r.localTime !== prev.t) check(prev);
      prev = { t: r.localTime, v: key(r.bidPrice, r.bidQty, r.askPrice, r.askQty) };
    }
    if (prev !== null) check(prev);
    expect(compared).toBeGreaterThan(1000);
    expect(equal).toBe(compared);
  });

  it('L1 folders: sizes from bid_size/ask_size columns, no depth without them; candles have none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-l1-sizes-'));
    writeFileSync(join(dir, 'quotes.csv'), 'time,bid,ask,bid_size,ask_size\n0,9.9,10.1,5,7\n1,9.9,10.1,4,7\n2,10.0,10.2,3,3\n');
    writeFileSync(join(dir, 'trades.csv'), 'time,price,size,side\n1,9.9,1,sell\n');
    const sized = (await loadTape(dir)).tape;
    expect([...sized.quoteTime]).toEqual([0, 2]); // price changes only
    expect(sized.depth).toEqual({ time: Float64Array.of(0, 1, 2), bid: Float64Array.of(9.9, 9.9, 10), bidSize: Float64Array.of(5, 4, 3), ask: Float64Array.of(10.1, 10.1, 10.2), askSize: Float64Array.of(7, 7, 3) });
    const bare = mkdtempSync(join(tmpdir(), 'mmgym-l1-bare-'));
    writeFileSync(join(bare, 'quotes.csv'), 'time,bid,ask\n0,9.9,10.1\n2,10.0,10.2\n');
    writeFileSync(join(bare, 'trades.csv'), 'time,price,size,side\n1,9.9,1,sell\n');
    expect(loadTapeSync(bare).tape.depth).toBeNull();
    const half = mkdtempSync(join(tmpdir(), 'mmgym-l1-half-'));
    writeFileSync(join(half, 'quotes.csv'), 'time,bid,ask,bid_size\n0,9.9,10.1,1\n2,10.0,10.2,1\n');
    writeFileSync(join(half, 'trades.csv'), 'time,price,size,side\n1,9.9,1,sell\n');
    expect(() => loadTapeSync(half)).toThrow(/only one of the size columns bid_size, ask_size/);
    expect(loadTapeSync('data/binance-usdm-ohlcv-1m-2025-06/BTCUSDT_1m.csv').tape.depth).toBeNull();
  });

  it('TapeBuilder: a size change alone is a depth entry, not a quote; a tape mixing sized and unsized quotes is refused', () => {
    const b = new TapeBuilder();
    b.quote(0, 99, 101, 1, 2);
    b.quote(1, 99, 101, 1, 2); // repeat: dropped
    b.quote(2, 99, 101, 3, 2);
    b.quote(3, 102, 101, 3, 2); // crossed: dropped from both
    b.quote(4, 100, 101, 3, 2);
    b.quote(5, 100, 101, 4, 2);
    b.quote(5, 100, 101, 3, 2); // the instant ends where it started: no entry
    const t = b.build({ name: 'b', source: 'test', orderSource: 'trades', tickSize: 1 });
    expect([...t.quoteTime]).toEqual([0, 4]);
    expect([...t.depth!.time]).toEqual([0, 2, 4]);
    expect(t.dropped?.crossedQuotes).toBe(1);
    const mixed = new TapeBuilder();
    mixed.quote(0, 99, 101, 1, 2);
    expect(() => mixed.quote(1, 98, 101)).toThrow(/the quote at t=1 has no sizes but the earlier ones have: a tape's quotes all carry sizes or none do/);
  });

  it('sliceTape slices the depth with the quotes: the entry in force at the start starts the slice', () => {
    const { tape } = loadTapeSync('data/lobster-amzn-2012-06-21-l1');
    const s = sliceTape(tape, 0.6, 0.8);
    const D = checkDepth(s);
    expect(D.time[0]).toBe(s.startTime);
    expect(D.time[D.time.length - 1]!).toBeLessThanOrEqual(s.endTime);
    const full = tape.depth!;
    for (let j = 0; j <= 50; j++) {
      const t = s.startTime + (j / 50) * (s.endTime - s.startTime);
      const a = depthIndexAt(s, t);
      const b = depthIndexAt(tape, t);
      expect([D.bid[a], D.bidSize[a], D.ask[a], D.askSize[a]]).toEqual([full.bid[b], full.bidSize[b], full.ask[b], full.askSize[b]]);
    }
  });
});

/**
 * The tape builder's contract on hand-made event streams (quote de-duplication, crossed and early
 * drops, trades merged per aggressive order at their furthest price, the reference mid, the tick
 * inferred from the price steps) and the time look-ups against a linear scan. Depth entries are
 * tape-depth.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { type MarketTape, SESSION_SECONDS_PER_YEAR, TapeBuilder, midAt, orderIndexAfter, quoteIndexAt, sliceTape } from './market-tape.js';

const meta = { name: 't', source: 'test', orderSource: 'trades' as const };

describe('TapeBuilder', () => {
  it('keeps one quote per change of price; repeats dropped; same-time updates replace; crossed counted and dropped', () => {
    const b = new TapeBuilder();
    b.quote(1, 10, 10.2);
    b.quote(2, 10, 10.2); // repeat
    b.quote(3, 10.1, 10.3);
    b.quote(3, 10.05, 10.3); // same instant: replaces
    b.quote(4, 10.4, 10.3); // crossed
    b.quote(5, 10, 10); // locked (ask = bid): kept
    const t = b.build(meta);
    expect(Array.from(t.quoteTime)).toEqual([1, 3, 5]);
    expect(Array.from(t.bid)).toEqual([10, 10.05, 10]);
    expect(Array.from(t.ask)).toEqual([10.2, 10.3, 10]);
    expect(t.dropped).toEqual({ crossedQuotes: 1, tradesBeforeFirstQuote: 0 });
    expect([t.startTime, t.endTime, t.session, t.depth, t.name, t.source, t.orderSource]).toEqual([1, 5, 'continuous', null, 't', 'test', 'trades']);
  });

  it('merges consecutive trades of one order key and side: total size, furthest price, the mid before the first', () => {
    const b = new TapeBuilder();
    b.trade(0.5, 10, 1, 1, 'early'); // before any quote: no reference mid
    b.quote(1, 10, 10.2);
    b.trade(2, 10.2, 3, 1, 'A');
    b.trade(2, 10.3, 2, 1, 'A');
    b.trade(2, 10.25, 1, 1, 'A');
    b.trade(2, 10.3, 4, -1, 'A'); // same key, other side: a new order
    b.trade(2, 9.9, 1, -1, 'A');
    b.quote(3, 9.8, 10.0);
    b.trade(4, 10.0, 5, 1, 'B');
    b.trade(4, 10.0, 5, 1, 'C');
    b.trade(6, 9.7, 2, -1, 'D', 0, 9.75); // reference mid given with the trade
    const t = b.build(meta);
    expect(Array.from(t.orderTime)).toEqual([2, 2, 4, 4, 6]);
    expect(Array.from(t.orderSize)).toEqual([6, 5, 5, 5, 2]);
    expect(Array.from(t.orderPrice)).toEqual([10.3, 9.9, 10, 10, 9.7]);
    expect(Array.from(t.orderSide)).toEqual([1, -1, 1, 1, -1]);
    expect(Array.from(t.orderMidBefore)).toEqual([10.1, 10.1, 9.9, 9.9, 9.75]);
    expect(t.dropped!.tradesBeforeFirstQuote).toBe(1);
    expect(t.endTime).toBe(6); // the last order, after the last quote
    expect(b.build({ ...meta, endTime: 100 }).endTime).toBe(100);
  });

  it('with a lookback, a trade takes the latest quote consistent with it (the quote it caused can arrive first)', () => {
    const b = new TapeBuilder();
    b.quote(1, 100, 101);
    b.quote(1.5, 101, 102); // the buy at 101 lifted the 101 ask; its quote arrived first
    b.trade(1.6, 101, 1, 1, 'x', 1);
    b.trade(1.7, 101, 1, -1, 'y', 1); // sell at 101: bid 101 >= 101 is the latest consistent
    b.trade(5, 99, 1, -1, 'z', 1); // nothing consistent within 1 s: the current mid
    const t = b.build(meta);
    expect(Array.from(t.orderMidBefore)).toEqual([100.5, 101.5, 101.5]);
    const nolook = new TapeBuilder();
    nolook.quote(1, 100, 101);
    nolook.quote(1.5, 101, 102);
    nolook.trade(1.6, 101, 1, 1, 'x');
    nolook.quote(2, 101, 102.5);
    expect(Array.from(nolook.build(meta).orderMidBefore)).toEqual([101.5]);
  });

  it('infers the tick as the smallest bid step (3 significant digits), or takes it given; 0 when the bid never moves', () => {
    const b = new TapeBuilder();
    b.quote(1, 100, 100.05);
    b.quote(2, 100.03, 100.05);
    b.quote(3, 100.01, 100.05); // step 0.0199999...
    b.quote(4, 100.06, 100.08);
    expect(b.build(meta).tickSize).toBe(0.02);
    expect(b.build({ ...meta, tickSize: 0.005 }).tickSize).toBe(0.005);
    const flat = new TapeBuilder();
    flat.quote(1, 100, 100.1);
    flat.quote(2, 100, 100.2);
    expect(flat.build(meta).tickSize).toBe(0);
  });

  it('refuses fewer than two quotes, naming the source', () => {
    const b = new TapeBuilder();
    b.quote(1, 1, 2);
    b.quote(2, 1, 2); // a repeat is not an update
    expect(() => b.build({ ...meta, source: 'x.csv' })).toThrow('x.csv: fewer than 2 quote updates; nothing to replay or calibrate');
  });
});

/** A random tape and linear-scan references. */
function randomTape(seed: string): MarketTape {
  const rng = seedrandom(seed);
  const b = new TapeBuilder();
  let t = 0;
  let mid = 100;
  for (let i = 0; i < 300; i++) {
    t += rng() < 0.2 ? 0 : Math.round(rng() * 10) / 10;
    if (rng() < 0.6) {
      mid += (rng() < 0.5 ? -1 : 1) * 0.01;
      b.quote(t, Math.round((mid - 0.01) * 100) / 100, Math.round((mid + 0.01) * 100) / 100);
    } else b.trade(t, mid, 1, rng() < 0.5 ? 1 : -1, `k${i}`);
  }
  return b.build({ ...meta, session: 'equity' });
}

describe('look-ups and slices', () => {
  const tape = randomTape('tape-1');
  const scanQuote = (t: number): number => {
    let k = -1;
    for (let i = 0; i < tape.quoteTime.length; i++) if (tape.quoteTime[i]! <= t) k = i;
    return k;
  };
  const scanOrder = (t: number): number => {
    let k = 0;
    while (k < tape.orderTime.length && tape.orderTime[k]! <= t) k++;
    return k;
  };
  it('quoteIndexAt, orderIndexAfter and midAt equal a linear scan at every event time and between', () => {
    const times = [-1, ...tape.quoteTime, ...tape.orderTime, ...Array.from(tape.quoteTime, (x) => x + 0.05), 1e9];
    for (const t of times) {
      expect(quoteIndexAt(tape, t)).toBe(scanQuote(t));
      expect(orderIndexAfter(tape, t)).toBe(scanOrder(t));
      const i = Math.max(0, scanQuote(t));
      expect(midAt(tape, t)).toBe((tape.bid[i]! + tape.ask[i]!) / 2);
    }
  });
  it('sliceTape: the quotes in force over [t0, t1] (the one at t0 restamped to t0) and the orders in (t0, t1]', () => {
    const span = tape.endTime - tape.startTime;
    for (const [from, to] of [[0, 1], [0.25, 0.5], [0.5, 1], [0.1, 0.11]] as const) {
      const s = sliceTape(tape, from, to);
      const t0 = tape.startTime + from * span;
      const t1 = tape.startTime + to * span;
      expect([s.startTime, s.endTime]).toEqual([t0, t1]);
      expect(s.name).toBe(`t [${from}, ${to}]`);
      expect(s.session).toBe('equity');
      // every time in the window sees the same mid in the slice as in the tape
      for (let k = 0; k <= 50; k++) {
        const t = t0 + ((t1 - t0) * k) / 50;
        expect(midAt(s, t)).toBe(midAt(tape, t));
      }
      expect(s.quoteTime[0]).toBeGreaterThanOrEqual(t0);
      const want: number[] = [];
      for (let i = 0; i < tape.orderTime.length; i++) if (tape.orderTime[i]! > t0 && tape.orderTime[i]! <= t1) want.push(i);
      expect(Array.from(s.orderTime)).toEqual(want.map((i) => tape.orderTime[i]));
      expect(Array.from(s.orderMidBefore)).toEqual(want.map((i) => tape.orderMidBefore[i]));
    }
    for (const [from, to] of [[-0.1, 0.5], [0.5, 0.5], [0, 1.2], [Number.NaN, 1]]) expect(() => sliceTape(tape, from!, to!)).toThrow(`time split must satisfy 0 <= from < to <= 1, got from=${from}, to=${to}`);
  });
  it('seconds per year of each session', () => {
    expect(SESSION_SECONDS_PER_YEAR).toEqual({ equity: 5_896_800, continuous: 31_536_000 });
  });
});

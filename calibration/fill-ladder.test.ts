/**
 * From market orders to ladder counts: each order's reach beyond its reference mid, exceedance
 * counts against a brute-force count (touch counted despite float error, per side), the exposure,
 * and the near-touch / default ladder rules on tapes with known reaches.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import type { MarketTape } from '../marketdata/tape/market-tape.js';
import { defaultLadder, nearTouchLadder, orderReach, tapeLadder } from './fill-ladder.js';

/** A tape with the given orders (price, mid before, side) over [0, seconds]. */
function tape(orders: [number, number, 1 | -1][], tickSize: number, seconds = 100): MarketTape {
  return {
    name: 't',
    source: 'test',
    quoteTime: Float64Array.of(0, seconds),
    bid: Float64Array.of(99.99, 99.99),
    ask: Float64Array.of(100.01, 100.01),
    orderTime: Float64Array.from(orders, (_, i) => (i + 1) * (seconds / (orders.length + 1))),
    orderPrice: Float64Array.from(orders, (o) => o[0]),
    orderMidBefore: Float64Array.from(orders, (o) => o[1]),
    orderSide: Int8Array.from(orders, (o) => o[2]),
    orderSize: Float64Array.from(orders, () => 1),
    tickSize,
    startTime: 0,
    endTime: seconds,
    orderSource: 'trades',
    session: 'continuous',
    depth: null,
  };
}

describe('orderReach', () => {
  it('(price - mid) x side: buys above the mid and sells below it reach positive depths', () => {
    const t = tape([[100.03, 100, 1], [99.95, 100, -1], [99.99, 100, 1], [100.02, 100, -1]], 0.01);
    expect([0, 1, 2, 3].map((i) => orderReach(t, i))).toEqual([100.03 - 100, 100 - 99.95, 99.99 - 100, -(100.02 - 100)]);
  });
});

describe('tapeLadder', () => {
  it('exceedance counts equal a brute-force count; both sides share twice the duration as exposure', () => {
    const rng = seedrandom('ladder');
    const orders: [number, number, 1 | -1][] = [];
    for (let i = 0; i < 500; i++) {
      const mid = 100 + Math.round(rng() * 100) / 200; // half-tick mids
      const side = rng() < 0.5 ? 1 : -1;
      const ticks = Math.floor(rng() * 8) - 1;
      orders.push([Math.round((mid + side * (0.005 + 0.01 * ticks)) * 1000) / 1000, mid, side]);
    }
    const t = tape(orders, 0.01, 250);
    const depths = [0, 0.005, 0.015, 0.025, 0.045];
    for (const side of ['both', 'bid', 'ask'] as const) {
      const c = tapeLadder(t, depths, side);
      const want = depths.map((d) => orders.filter(([p, m, s]) => (side === 'both' || (side === 'bid' ? s === -1 : s === 1)) && Math.round((p - m) * s * 1e6) >= Math.round(d * 1e6)).length);
      expect(c.counts).toEqual(want);
      expect(c.exposures).toEqual([side === 'both' ? 500 : 250]);
      expect([c.design, c.tail, c.depths]).toEqual(['nested', 'open', depths]);
    }
    expect(tapeLadder(t, depths, 'both', 'closed').tail).toBe('closed');
  });
  it('a depth reached exactly (touch) is counted despite floating error', () => {
    // 100.03 - 100.01 = 0.01999999999999602 < 0.02
    const t = tape([[100.03, 100.01, 1], [99.99, 100.01, -1]], 0.01);
    expect(tapeLadder(t, [0, 0.02, 0.03]).counts).toEqual([2, 2, 0]);
  });
});

describe('nearTouchLadder', () => {
  // 100 orders reaching 0, 0.005, ..., 0.495 (one each): the 0.99 quantile is reach[98] = 0.49
  const reaches = Array.from({ length: 100 }, (_, i) => i * 0.005);
  const mk = (tick: number): MarketTape => tape(reaches.map((r, i) => [100 + r, 100, 1] as [number, number, 1 | -1]).concat([[99.9, 100, 1]]), tick);
  it('half-tick steps up to the first step above the quantile', () => {
    const r = nearTouchLadder(mk(0.01));
    expect(r.step).toBe(0.005);
    expect(r.quantileDepth).toBeCloseTo(0.49, 9);
    expect(r.depths.length).toBe(Math.floor(0.49 / 0.005 + 1e-9) + 2); // 0 .. 0.495
    expect(r.top).toBeCloseTo(0.495, 12);
    expect(r.top).toBeGreaterThan(r.quantileDepth);
    expect(r.capped).toBe(false);
    r.depths.forEach((d, j) => expect(d).toBeCloseTo(j * 0.005, 12));
    expect(r.rule).toMatch(/^\[0, 0\.495\) in half-tick steps/);
  });
  it('cut to maxTicks ticks, and at least 8 depths', () => {
    const cut = nearTouchLadder(mk(0.01), 0.99, 10);
    expect([cut.depths.length, cut.capped, cut.top]).toEqual([21, true, 0.1]); // 2 x 10 half ticks
    expect(cut.rule).toContain('(cut)');
    const wide = nearTouchLadder(mk(1));
    expect(wide.depths.length).toBe(8); // the quantile is under one half tick: the minimum
    expect(wide.depths).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
  });
  it('without a tick: `levels` equal steps, the quantile at the last but one', () => {
    const r = nearTouchLadder(mk(0), 0.99, 70, 10);
    expect(r.depths.length).toBe(10);
    expect(r.depths[8]).toBeCloseTo(0.49, 9);
    expect(r.step).toBeCloseTo(0.49 / 8, 12);
  });
  it('named errors', () => {
    const t = mk(0.01);
    expect(() => nearTouchLadder(t, 0)).toThrow('reachQuantile must be in (0, 1], got 0');
    expect(() => nearTouchLadder(t, 0.9, 0)).toThrow('maxTicks must be > 0 ticks, got 0');
    expect(() => nearTouchLadder(t, 0.9, 70, 7)).toThrow('ladderLevels must be an integer >= 8, got 7');
    expect(() => nearTouchLadder(tape(Array.from({ length: 9 }, () => [100.01, 100, 1] as [number, number, 1 | -1]), 0.01))).toThrow('only 9 market orders reach the mid: too few to calibrate fills');
    expect(() => nearTouchLadder(tape(Array.from({ length: 20 }, () => [100, 100, 1] as [number, number, 1 | -1]), 0))).toThrow(/quantile of the orders' reach is 0: no depth range to fit on a tape without a tick/);
  });
});

describe('defaultLadder', () => {
  it('`levels` steps, a multiple of half a tick, up to about the 99th percentile of the reach', () => {
    const orders = Array.from({ length: 100 }, (_, i) => [100 + i * 0.005, 100, 1] as [number, number, 1 | -1]);
    const d = defaultLadder(tape(orders, 0.01), 16);
    expect(d.length).toBe(16);
    // q99 = 0.49; 0.49 / 15 = 0.03267 -> 7 half ticks = 0.035
    d.forEach((x, j) => expect(x).toBeCloseTo(j * 0.035, 12));
    const coarse = defaultLadder(tape(orders, 1), 16); // half tick 0.5 > q99/15: the step is half a tick
    expect(coarse[1]).toBe(0.5);
    const none = defaultLadder(tape(orders, 0), 8);
    expect(none[7]).toBeCloseTo(0.49, 9);
  });
});

import { describe, expect, it } from 'vitest';
import { makerFee } from './fees.js';
import { ConstantLatency } from './latency.js';
import { roundAskToTick, roundBidToTick } from './ticks.js';

describe('ticks', () => {
  it('rounds quotes away from the mid onto the tick grid', () => {
    expect(roundBidToTick(99.77, 0.1)).toBeCloseTo(99.7, 12);
    expect(roundAskToTick(100.23, 0.1)).toBeCloseTo(100.3, 12);
    // already on the grid (up to float error): unchanged
    expect(roundBidToTick(99.7, 0.1)).toBeCloseTo(99.7, 12);
    expect(roundAskToTick(100.3, 0.1)).toBeCloseTo(100.3, 12);
    expect(roundBidToTick(99.77, 0)).toBe(99.77);
  });
});

describe('fees', () => {
  it('charges per unit plus basis points of notional; negative is a rebate', () => {
    expect(makerFee(0.01, 0, 100, 2)).toBeCloseTo(0.02, 15);
    expect(makerFee(0, 1, 100, 1)).toBeCloseTo(0.01, 15);
    expect(makerFee(-0.005, 0, 100, 1)).toBeCloseTo(-0.005, 15);
  });
});

describe('ConstantLatency', () => {
  it('delays quotes by L steps, with no quote resting right after a reset', () => {
    const lat = new ConstantLatency(2, 2);
    const seen: number[] = [];
    for (let k = 0; k < 5; k++) {
      seen.push(lat.swapBid(1, 100 + k));
      lat.swapAsk(1, 200 + k);
      lat.advance();
    }
    expect(seen.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(seen.slice(2)).toEqual([100, 101, 102]);
    lat.reset(1);
    expect(lat.swapBid(1, 1)).toBeNaN();
  });

  it('passes quotes straight through with L = 0', () => {
    const lat = new ConstantLatency(1, 0);
    expect(lat.swapBid(0, 5)).toBe(5);
    expect(lat.swapAsk(0, 6)).toBe(6);
  });
});

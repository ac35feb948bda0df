import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { makeVec } from '../registry.js';
import type { MarketCore } from './core.js';
import { ConstantLatency, delayQuotes, latencyModelFor } from './latency.js';
import { GridTickRule } from './ticks.js';

/** The tick rounding of before the TickRule interface (its own test: ticks.test.ts). */
function oldRoundBid(price: number, tick: number): number {
  return tick <= 0 ? price : Math.floor(price / tick + 1e-9) * tick;
}
function oldRoundAsk(price: number, tick: number): number {
  return tick <= 0 ? price : Math.ceil(price / tick - 1e-9) * tick;
}

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

  it('delayQuotes: the pass over every env gives the per-env rounding and swaps of before, resets included', () => {
    for (const [L, tick] of [[1, 0], [2, 0.01], [5, 0.25]] as const) {
      const rng = seedrandom(`latency-${L}`);
      const n = 7;
      const ticks = new GridTickRule(tick);
      const lat = new ConstantLatency(n, L);
      const old = new ConstantLatency(n, L);
      const mid = new Float64Array(n);
      const depths = new Float64Array(2 * n);
      const quotes = new Float64Array(2 * n);
      for (let k = 0; k < 200; k++) {
        for (let i = 0; i < n; i++) {
          mid[i] = 100 + rng();
          depths[2 * i] = rng() < 0.05 ? NaN : rng();
          depths[2 * i + 1] = rng();
        }
        const want = new Float64Array(2 * n);
        for (let i = 0; i < n; i++) {
          // what the cores did in their step loop before
          want[2 * i] = old.swapBid(i, oldRoundBid(mid[i]! - depths[2 * i]!, tick));
          want[2 * i + 1] = old.swapAsk(i, oldRoundAsk(mid[i]! + depths[2 * i + 1]!, tick));
        }
        old.advance();
        delayQuotes(lat, ticks, n, mid, depths, quotes);
        expect(quotes).toEqual(want);
        const r = Math.floor(rng() * 3 * n);
        if (r < n) {
          old.reset(r);
          lat.reset(r);
        }
      }
    }
  });

  it('is chosen by the config (latencySteps); its ring and position are state', () => {
    const lat = latencyModelFor({ latencySteps: 3 }, 4);
    expect(lat).toBeInstanceOf(ConstantLatency);
    expect(lat.steps).toBe(3);
    expect(latencyModelFor({ latencySteps: 0 }, 4).steps).toBe(0);
    const core = (makeVec('latency', { numEnvs: 2 }) as unknown as { core: MarketCore }).core;
    expect(core.latency.steps).toBe(core.config.latencySteps);
    expect(core.latency.steps).toBeGreaterThan(0);
    const snap = core.saveState();
    expect(Object.keys(snap.arrays)).toContain('latency.ring');
    expect(Object.keys(snap.scalars)).toContain('latency.pos');
    expect(Object.keys(snap.arrays).some((k) => k.startsWith('quotes'))).toBe(false);
  });
});

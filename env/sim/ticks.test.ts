import { describe, expect, it } from 'vitest';
import { makeVec } from '../registry.js';
import type { MarketCore } from './core.js';
import { GridTickRule, tickRuleFor } from './ticks.js';

/** The rounding the cores used before the TickRule interface (env/sim/ticks.ts, issue 13). */
function oldRoundBid(price: number, tick: number): number {
  if (tick <= 0) return price;
  return Math.floor(price / tick + 1e-9) * tick;
}
function oldRoundAsk(price: number, tick: number): number {
  if (tick <= 0) return price;
  return Math.ceil(price / tick - 1e-9) * tick;
}

describe('GridTickRule', () => {
  it('rounds quotes away from the mid onto the tick grid', () => {
    const r = new GridTickRule(0.1);
    expect(r.bid(99.77)).toBeCloseTo(99.7, 12);
    expect(r.ask(100.23)).toBeCloseTo(100.3, 12);
    // already on the grid (up to float error): unchanged
    expect(r.bid(99.7)).toBeCloseTo(99.7, 12);
    expect(r.ask(100.3)).toBeCloseTo(100.3, 12);
    expect(new GridTickRule(0).bid(99.77)).toBe(99.77);
    expect(new GridTickRule(0).ask(99.77)).toBe(99.77);
  });

  it('gives the old rounding bit for bit on a grid of prices and ticks', () => {
    let n = 0;
    const differ: string[] = [];
    for (const tick of [0, 0.0001, 0.001, 0.01, 0.05, 0.1, 0.25, 1, 5, 1e-7]) {
      const r = new GridTickRule(tick);
      for (let j = -2000; j <= 2000; j++) {
        for (const base of [0, 0.37, 99.99, 100, 12345.6789, 1e-3]) {
          const p = base + j * 0.0137;
          for (const x of [p, p + tick, p * (1 + 1e-12), -p]) {
            if (!Object.is(r.bid(x), oldRoundBid(x, tick)) || !Object.is(r.ask(x), oldRoundAsk(x, tick))) differ.push(`${x} @ ${tick}`);
            n++;
          }
        }
      }
      expect(Number.isNaN(r.bid(NaN)) && Number.isNaN(r.ask(NaN))).toBe(true);
    }
    expect(differ).toEqual([]);
    expect(n).toBe(10 * 4001 * 6 * 4);
  });

  it('is chosen by the config (tickSize) and frozen, so no state snapshot records it', () => {
    expect(tickRuleFor({ tickSize: 0.05 })).toEqual(new GridTickRule(0.05));
    const core = (makeVec('coarse-ticks', { numEnvs: 2 }) as unknown as { core: MarketCore }).core;
    expect(core.tickRule.tickSize).toBe(core.config.tickSize);
    expect(core.tickRule.tickSize).toBeGreaterThan(0);
    expect(Object.isFrozen(core.tickRule)).toBe(true);
    expect(Object.keys(core.saveState().scalars).some((k) => k.startsWith('tickRule'))).toBe(false);
  });
});

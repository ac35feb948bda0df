/** Marked-to-mid PnL and max drawdown against their definitions (brute force on seeded random paths). */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { makeEpisodeView } from './episode-view.js';
import { finalPnl, maxDrawdown, pnlPath } from './pnl.js';

describe('pnlPath / finalPnl', () => {
  it('W_t - W_0 with W = cash + q mid, from a nonzero start', () => {
    const ep = makeEpisodeView({
      mid: [50, 51, 49],
      inventory: [2, 3, -1],
      cash: [10, -41, 157],
      bid: [50, 49],
      ask: [51, 50],
      bidFill: [1, 0],
      askFill: [0, 4],
      fees: [0, 0],
      reward: [0, 0],
    });
    // W: 10 + 100 = 110; -41 + 153 = 112; 157 - 49 = 108
    expect(Array.from(pnlPath(ep))).toEqual([0, 2, -2]);
    expect(finalPnl(ep)).toBe(-2);
  });
});

describe('maxDrawdown', () => {
  it('equals max over s <= t of P_s - P_t (O(n^2) brute force) on random paths', () => {
    const rng = seedrandom('dd');
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rng() * 60);
      const path: number[] = [];
      let x = 0;
      for (let i = 0; i < n; i++) path.push((x += rng() - 0.5));
      let want = 0;
      for (let t = 0; t < n; t++) for (let s = 0; s <= t; s++) want = Math.max(want, path[s]! - path[t]!);
      expect(maxDrawdown(path)).toBe(want);
    }
  });
  it('0 for an empty or non-decreasing path; the full fall of a decreasing one', () => {
    expect(maxDrawdown([])).toBe(0);
    expect(maxDrawdown([3])).toBe(0);
    expect(maxDrawdown([5, 4, 1, -2])).toBe(7);
  });
});

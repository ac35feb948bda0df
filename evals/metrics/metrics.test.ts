/** Every metric on a hand-made trajectory, expected values worked out by hand in the comments. */
import { describe, expect, it } from 'vitest';
import { makeEpisodeView } from './episode-view.js';
import { fillStats } from './fills.js';
import { addAr1Sums, averageAbsInventory, inventoryHalfLife, inventoryQuantilesOverTime, terminalInventoryDistribution } from './inventory.js';
import { addMarkoutSums, averageQuotedSpread, emptyMarkoutSums, spreadDecomposition } from './markouts.js';
import { finalPnl, maxDrawdown, pnlPath } from './pnl.js';
import { tailRisk } from './risk.js';
import { sharpeRatio } from './sharpe.js';
import { sortinoRatio } from './sortino.js';

// Four steps. Step 0: bid 99 filled (buy at 99, mid 100). Step 1: nothing. Step 2: ask 103
// filled (sell at 103, mid 102). Step 3: ask not quoted (NaN), nothing filled.
// mid:  100, 101, 102, 101, 104
// q:      0,   1,   1,   0,   0
// cash:   0, -99, -99,   4, 3.9  (fee 0.1 paid in the last step)
const ep = makeEpisodeView({
  mid: [100, 101, 102, 101, 104],
  inventory: [0, 1, 1, 0, 0],
  cash: [0, -99, -99, 4, 3.9],
  bid: [99, 100, 101, 100],
  ask: [101, 102, 103, Number.NaN],
  bidFill: [1, 0, 0, 0],
  askFill: [0, 0, 1, 0],
  fees: [0, 0, 0, 0.1],
  reward: [2, 1, 1, -0.1],
});

describe('metrics on a hand-made trajectory', () => {
  it('PnL path, final PnL and max drawdown', () => {
    // W = cash + q mid: 0, 2, 3, 4, 3.9
    expect(Array.from(pnlPath(ep))).toEqual([0, 2, 3, 4, 3.9]);
    expect(finalPnl(ep)).toBeCloseTo(3.9, 12);
    expect(maxDrawdown(pnlPath(ep))).toBeCloseTo(0.1, 12);
    expect(maxDrawdown([0, 5, 1, 6, 2, 7])).toBe(4);
    expect(maxDrawdown([1, 2, 3])).toBe(0);
  });

  it('fills, fill rates and fees', () => {
    const f = fillStats(ep);
    expect(f).toMatchObject({ bidFills: 1, askFills: 1, bidQuotedSteps: 4, askQuotedSteps: 3 });
    expect(f.bidFillRate).toBe(0.25);
    expect(f.askFillRate).toBeCloseTo(1 / 3, 15);
    expect(f.fees).toBeCloseTo(0.1, 15);
  });

  it('average |q|, quoted spread', () => {
    expect(averageAbsInventory(ep)).toBe(0.5); // |q| over states 1..4: 1, 1, 0, 0
    expect(averageQuotedSpread(ep)).toEqual({ sum: 6, count: 3 }); // 2 + 2 + 2 on steps 0..2
  });

  it('spread decomposition and markouts', () => {
    const horizons = [0, 1, 2];
    const s = spreadDecomposition(addMarkoutSums(ep, horizons, emptyMarkoutSums(horizons)), horizons, 1);
    // Buy at 99, mid 100: e = 1; m0 = 1, m1 = 101 - 99 = 2, m2 = 102 - 99 = 3.
    // Sell at 103, mid 102: e = 1; m0 = 1, m1 = 103 - 101 = 2, m2 = 103 - mid[min(4, 4)] = 103 - 104 = -1.
    expect(s.units).toBe(2);
    expect(s.effectiveSpread).toBe(1);
    expect(s.markouts).toEqual([
      { horizon: 0, markout: 1 },
      { horizon: 1, markout: 2 },
      { horizon: 2, markout: 1 },
    ]);
    expect(s.realisedSpread).toBe(2);
    expect(s.adverseSelection).toBe(-1); // e - m1: the mid moved in our favour
    expect(() => spreadDecomposition(emptyMarkoutSums(horizons), horizons, 7)).toThrow(/horizon 7 must be one of/);
    const none = spreadDecomposition(emptyMarkoutSums(horizons), horizons, 0);
    expect(none.effectiveSpread).toBeNull();
  });

  it('inventory half-life of a geometric decay is exact', () => {
    // q halves every step: rho = 0.5 => half-life 1 step = dt.
    const decay = makeEpisodeView({
      mid: [1, 1, 1, 1],
      inventory: [4, 2, 1, 0.5],
      cash: [0, 0, 0, 0],
      bid: [0, 0, 0],
      ask: [2, 2, 2],
      bidFill: [0, 0, 0],
      askFill: [0, 0, 0],
      fees: [0, 0, 0],
      reward: [0, 0, 0],
    });
    const sums = addAr1Sums(decay, { sxy: 0, sxx: 0 });
    expect(inventoryHalfLife(sums, 0.01)).toBeCloseTo(0.01, 14);
    expect(inventoryHalfLife({ sxy: 0, sxx: 0 }, 0.01)).toBeNull();
    expect(inventoryHalfLife({ sxy: 2, sxx: 1 }, 0.01)).toBeNull();
    expect(inventoryHalfLife({ sxy: -1, sxx: 1 }, 0.01)).toBe(0);
  });

  it('terminal inventory distribution and quantiles over time', () => {
    const d = terminalInventoryDistribution([1, -1, 1, 3]);
    expect(d.mean).toBe(1);
    expect(d.meanAbs).toBe(1.5);
    expect(d.std).toBeCloseTo(Math.sqrt(8 / 3), 14);
    expect(d.histogram).toEqual([
      { inventory: -1, count: 1 },
      { inventory: 1, count: 2 },
      { inventory: 3, count: 1 },
    ]);
    // Two episodes of 1 step: q = [0, 1] and [0, 3].
    const rows = inventoryQuantilesOverTime(Float64Array.from([0, 1, 0, 3]), 2, 1, [0, 0.5, 1]);
    expect(rows.map((r) => Array.from(r))).toEqual([[0, 0, 0], [1, 2, 3]]);
  });

  it('VaR and CVaR (historical)', () => {
    const pnl = Array.from({ length: 100 }, (_, i) => i - 10); // -10 .. 89
    const r95 = tailRisk(pnl, 0.95); // k = 5: worst five -10..-6
    expect(r95.valueAtRisk).toBe(6);
    expect(r95.conditionalValueAtRisk).toBe(8);
    const r99 = tailRisk(pnl, 0.99); // k = 1
    expect(r99.valueAtRisk).toBe(10);
    expect(r99.conditionalValueAtRisk).toBe(10);
    expect(() => tailRisk(pnl, 1)).toThrow(/level must be in \(0, 1\), got 1/);
  });

  it('Sharpe ratio, with the zero-variance guard', () => {
    const s = sharpeRatio([1, 2, 3], 252); // mean 2, sd 1
    expect(s.perEpisode).toBe(2);
    expect(s.annualised).toBeCloseTo(2 * Math.sqrt(252), 12);
    expect(sharpeRatio([5, 5, 5], 252)).toEqual({ perEpisode: null, annualised: null });
    expect(sharpeRatio([5], 252)).toEqual({ perEpisode: null, annualised: null });
  });

  it('Sortino ratio: mean over the downside deviation about 0; null without a losing episode', () => {
    // PnL -2, 1, 4: mean 1, downside deviation sqrt(4 / 3)
    const r = sortinoRatio([-2, 1, 4], 252);
    expect(r.perEpisode).toBeCloseTo(1 / Math.sqrt(4 / 3), 14);
    expect(r.annualised).toBeCloseTo((1 / Math.sqrt(4 / 3)) * Math.sqrt(252), 12);
    expect(sortinoRatio([1, 2, 3], 252)).toEqual({ perEpisode: null, annualised: null });
    expect(() => sortinoRatio([1, 2], 0)).toThrow(/episodesPerYear must be > 0, got 0/);
  });
});

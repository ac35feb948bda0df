/** Markouts and the spread decomposition against the per-fill formulas on seeded random trajectories. */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { type EpisodeView, makeEpisodeView } from './episode-view.js';
import { addMarkoutSums, averageQuotedSpread, emptyMarkoutSums, spreadDecomposition } from './markouts.js';

function randomEpisode(rng: () => number, n: number): EpisodeView {
  const mid = [100];
  for (let t = 0; t < n; t++) mid.push(mid[t]! + (rng() - 0.5));
  const bid = mid.slice(0, n).map((m) => (rng() < 0.1 ? Number.NaN : m - rng()));
  const ask = mid.slice(0, n).map((m) => (rng() < 0.1 ? Number.NaN : m + rng()));
  const bidFill = bid.map((b) => (Number.isFinite(b) && rng() < 0.4 ? Math.ceil(rng() * 3) : 0));
  const askFill = ask.map((a) => (Number.isFinite(a) && rng() < 0.4 ? Math.ceil(rng() * 3) : 0));
  const z = new Array(n).fill(0);
  return makeEpisodeView({ mid, inventory: new Array(n + 1).fill(0), cash: new Array(n + 1).fill(0), bid, ask, bidFill, askFill, fees: z, reward: z });
}

describe('markouts', () => {
  it('sums over fills of qty s (S_{min(t+h, T)} - p), with e = s (S_t - p) and AS = e - m', () => {
    const rng = seedrandom('markouts');
    const horizons = [0, 1, 3, 50];
    const acc = emptyMarkoutSums(horizons);
    let units = 0;
    let eff = 0;
    const mk = [0, 0, 0, 0];
    for (let e = 0; e < 5; e++) {
      const ep = randomEpisode(rng, 30);
      addMarkoutSums(ep, horizons, acc);
      for (let t = 0; t < ep.length; t++) {
        for (const [qty, s, p] of [[ep.bidFill[t]!, 1, ep.bid[t]!], [ep.askFill[t]!, -1, ep.ask[t]!]] as const) {
          if (qty === 0) continue;
          units += qty;
          eff += qty * s * (ep.mid[t]! - p);
          horizons.forEach((h, k) => (mk[k]! += qty * s * (ep.mid[Math.min(t + h, ep.length)]! - p)));
        }
      }
    }
    expect(acc.units).toBe(units);
    expect(acc.effective).toBeCloseTo(eff, 10);
    horizons.forEach((_, k) => expect(acc.markout[k]).toBeCloseTo(mk[k]!, 10));
    const d = spreadDecomposition(acc, horizons, 3);
    expect(d.units).toBe(units);
    expect(d.effectiveSpread!).toBeCloseTo(eff / units, 12);
    expect(d.realisedSpread!).toBeCloseTo(mk[2]! / units, 12);
    expect(d.adverseSelection!).toBeCloseTo((eff - mk[2]!) / units, 12);
    expect(d.markouts.map((m) => m.horizon)).toEqual(horizons);
    // horizon 0 markout is the effective spread
    expect(d.markouts[0]!.markout!).toBeCloseTo(d.effectiveSpread!, 12);
    expect(d.horizon).toBe(3);
  });
  it('refuses horizons that are not integers >= 0, and an adverse-selection horizon outside the list', () => {
    const ep = randomEpisode(seedrandom('x'), 3);
    expect(() => addMarkoutSums(ep, [1, 2.5], emptyMarkoutSums([1, 2.5]))).toThrow('markout horizons must be integers >= 0, got 2.5');
    expect(() => addMarkoutSums(ep, [-1], emptyMarkoutSums([-1]))).toThrow('got -1');
    expect(() => spreadDecomposition(emptyMarkoutSums([0, 5]), [0, 5], 10)).toThrow('adverse-selection horizon 10 must be one of the markout horizons [0, 5]');
    const none = spreadDecomposition(emptyMarkoutSums([0, 5]), [0, 5], 5);
    expect([none.units, none.effectiveSpread, none.realisedSpread, none.adverseSelection, none.markouts]).toEqual([0, null, null, null, [{ horizon: 0, markout: null }, { horizon: 5, markout: null }]]);
  });
  it('averageQuotedSpread: sum and count of ask - bid over two-sided steps', () => {
    const ep = randomEpisode(seedrandom('q'), 40);
    let sum = 0;
    let count = 0;
    for (let t = 0; t < ep.length; t++) {
      if (Number.isFinite(ep.bid[t]!) && Number.isFinite(ep.ask[t]!)) {
        sum += ep.ask[t]! - ep.bid[t]!;
        count++;
      }
    }
    const r = averageQuotedSpread(ep);
    expect(r.count).toBe(count);
    expect(r.sum).toBeCloseTo(sum, 12);
  });
});

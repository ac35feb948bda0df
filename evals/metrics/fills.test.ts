import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { makeEpisodeView } from './episode-view.js';
import { fillStats } from './fills.js';

describe('fillStats', () => {
  it('sums, quoted steps (finite prices only) and rates on random trajectories', () => {
    const rng = seedrandom('fills');
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + Math.floor(rng() * 40);
      const bid = Array.from({ length: n }, () => (rng() < 0.2 ? Number.NaN : rng() < 0.05 ? -Infinity : 99));
      const ask = Array.from({ length: n }, () => (rng() < 0.2 ? Number.NaN : rng() < 0.05 ? Infinity : 101));
      const bidFill = bid.map((b) => (Number.isFinite(b) && rng() < 0.3 ? Math.ceil(rng() * 3) : 0));
      const askFill = ask.map((a) => (Number.isFinite(a) && rng() < 0.3 ? Math.ceil(rng() * 3) : 0));
      const fees = bid.map(() => rng() * 0.2 - 0.1);
      const ep = makeEpisodeView({ mid: new Array(n + 1).fill(100), inventory: new Array(n + 1).fill(0), cash: new Array(n + 1).fill(0), bid, ask, bidFill, askFill, fees, reward: new Array(n).fill(0) });
      const f = fillStats(ep);
      const bq = bid.filter(Number.isFinite).length;
      const aq = ask.filter(Number.isFinite).length;
      const bf = bidFill.reduce((a, b) => a + b, 0);
      const af = askFill.reduce((a, b) => a + b, 0);
      expect(f).toEqual({
        bidFills: bf,
        askFills: af,
        bidQuotedSteps: bq,
        askQuotedSteps: aq,
        bidFillRate: bq > 0 ? bf / bq : null,
        askFillRate: aq > 0 ? af / aq : null,
        fees: fees.reduce((a, b) => a + b, 0),
      });
    }
  });
  it('a side never quoted has a null rate; an empty episode has zeros', () => {
    const ep = makeEpisodeView({ mid: [1, 1], inventory: [0, 0], cash: [0, 0], bid: [Number.NaN], ask: [2], bidFill: [0], askFill: [1], fees: [0], reward: [0] });
    expect(fillStats(ep)).toMatchObject({ bidFillRate: null, askFillRate: 1, bidQuotedSteps: 0 });
    const empty = makeEpisodeView({ mid: [1], inventory: [0], cash: [0], bid: [], ask: [], bidFill: [], askFill: [], fees: [], reward: [] });
    expect(fillStats(empty)).toEqual({ bidFills: 0, askFills: 0, bidQuotedSteps: 0, askQuotedSteps: 0, bidFillRate: null, askFillRate: null, fees: 0 });
  });
});

/**
 * summarizeBatch puts each metric together from its own file: checked against the per-metric
 * functions and pooled definitions on a hand-made batch, with and without trajectories.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import type { EpisodeBatch } from '../run-episodes.js';
import { describe as describeSample } from '../stats/describe.js';
import { episodeView } from './episode-view.js';
import { addAr1Sums, averageAbsInventory, inventoryHalfLife, terminalInventoryDistribution } from './inventory.js';
import { addMarkoutSums, emptyMarkoutSums, spreadDecomposition } from './markouts.js';
import { maxDrawdown, pnlPath } from './pnl.js';
import { tailRisk } from './risk.js';
import { sharpeRatio } from './sharpe.js';
import { sortinoRatio } from './sortino.js';
import { DEFAULT_MARKOUT_HORIZONS, summarizeBatch } from './summarize.js';

const config = resolveEnvConfig('default', { horizon: 0.02, dt: 0.005 });
const T = 4;

function batch(episodes: number, withTrajectories: boolean): EpisodeBatch {
  const rng = seedrandom('summ');
  const n = (T + 1) * episodes;
  const tr = {
    steps: T,
    episodes,
    mid: new Float64Array(n),
    inventory: new Float64Array(n),
    cash: new Float64Array(n),
    bid: new Float64Array(T * episodes),
    ask: new Float64Array(T * episodes),
    bidFill: new Float64Array(T * episodes),
    askFill: new Float64Array(T * episodes),
    fees: new Float64Array(T * episodes),
    reward: new Float64Array(T * episodes),
  };
  const lengths = new Int32Array(episodes);
  const pnl = new Float64Array(episodes);
  const qT = new Float64Array(episodes);
  const bf = new Float64Array(episodes);
  const af = new Float64Array(episodes);
  const fees = new Float64Array(episodes);
  for (let j = 0; j < episodes; j++) {
    const len = j === 1 ? 3 : T;
    lengths[j] = len;
    let mid = 100;
    let q = 0;
    let cash = 0;
    tr.mid[j * (T + 1)] = mid;
    for (let t = 0; t < len; t++) {
      const p = j * T + t;
      const bid = rng() < 0.1 ? Number.NaN : mid - 0.5;
      const ask = mid + 0.5;
      const b = Number.isFinite(bid) && rng() < 0.5 ? 1 : 0;
      const a = rng() < 0.5 ? 1 : 0;
      q += b - a;
      cash += a * ask - b * (Number.isFinite(bid) ? bid : 0) - 0.01 * (a + b);
      tr.bid[p] = bid;
      tr.ask[p] = ask;
      tr.bidFill[p] = b;
      tr.askFill[p] = a;
      tr.fees[p] = 0.01 * (a + b);
      mid += rng() - 0.5;
      const s = j * (T + 1) + t + 1;
      tr.mid[s] = mid;
      tr.inventory[s] = q;
      tr.cash[s] = cash;
      bf[j] = bf[j]! + b;
      af[j] = af[j]! + a;
      fees[j] = fees[j]! + 0.01 * (a + b);
    }
    pnl[j] = cash + q * mid;
    qT[j] = q;
  }
  return {
    policyName: 'p',
    config,
    seed: 0,
    episodes,
    returns: Float64Array.from(pnl, (x) => x - 1),
    pnl,
    terminalInventory: qT,
    bidFills: bf,
    askFills: af,
    fees,
    lengths,
    ...(withTrajectories ? { trajectories: tr } : {}),
  };
}

describe('summarizeBatch', () => {
  it('summary record: the episode-level metrics, the per-step ones null', () => {
    const b = batch(6, false);
    const m = summarizeBatch(b);
    const perYear = 252 / 0.02;
    expect(m.episodes).toBe(6);
    expect(m.return).toEqual(describeSample(b.returns));
    expect(m.pnl).toEqual(describeSample(b.pnl));
    expect(m.sharpe).toEqual(sharpeRatio(b.pnl, perYear));
    expect(m.sortino).toEqual(sortinoRatio(b.pnl, perYear));
    expect(m.annualisation).toEqual({ timeUnit: 'trading day', perYear: 252, episodesPerYear: perYear });
    expect(m.bidFills).toBeCloseTo(describeSample(b.bidFills).mean, 14);
    expect(m.turnover).toBeCloseTo((describeSample(b.bidFills).mean + describeSample(b.askFills).mean) / 0.02, 10);
    expect(m.fees).toBeCloseTo(describeSample(b.fees).mean, 14);
    expect(m.risk).toEqual([tailRisk(b.pnl, 0.95), tailRisk(b.pnl, 0.99)]);
    expect(m.terminalInventory).toEqual(terminalInventoryDistribution(b.terminalInventory));
    expect([m.trajectoryEpisodes, m.maxDrawdown, m.bidFillRate, m.askQuotedShare, m.averageAbsInventory, m.inventoryHalfLife, m.averageQuotedSpread, m.spread]).toEqual([0, null, null, null, null, null, null, null]);
  });
  it('full record: pooled rates and shares, mean and worst drawdown, the markout decomposition', () => {
    const b = batch(5, true);
    const m = summarizeBatch(b, { markoutHorizons: [0, 1, 2], adverseSelectionHorizon: 2, timeUnitsPerYear: 1000 });
    expect(m.annualisation).toEqual({ timeUnit: 'time unit (--time-units-per-year)', perYear: 1000, episodesPerYear: 1000 / 0.02 });
    let bidQ = 0;
    let askQ = 0;
    let bidF = 0;
    let steps = 0;
    let spreadSum = 0;
    let spreadN = 0;
    const dds: number[] = [];
    let abs = 0;
    const ar = { sxy: 0, sxx: 0 };
    const marks = emptyMarkoutSums([0, 1, 2]);
    for (let j = 0; j < 5; j++) {
      const ep = episodeView(b, j);
      dds.push(maxDrawdown(pnlPath(ep)));
      for (let t = 0; t < ep.length; t++) {
        if (Number.isFinite(ep.bid[t]!)) bidQ++;
        if (Number.isFinite(ep.ask[t]!)) askQ++;
        if (Number.isFinite(ep.bid[t]!) && Number.isFinite(ep.ask[t]!)) {
          spreadSum += ep.ask[t]! - ep.bid[t]!;
          spreadN++;
        }
        bidF += ep.bidFill[t]!;
      }
      steps += ep.length;
      abs += averageAbsInventory(ep);
      addAr1Sums(ep, ar);
      addMarkoutSums(ep, [0, 1, 2], marks);
    }
    expect(m.trajectoryEpisodes).toBe(5);
    expect(m.maxDrawdown!.mean).toBeCloseTo(dds.reduce((a, x) => a + x, 0) / 5, 12);
    expect(m.maxDrawdown!.worst).toBe(Math.max(...dds));
    expect(m.bidFillRate!).toBeCloseTo(bidF / bidQ, 14);
    expect(m.bidQuotedShare!).toBeCloseTo(bidQ / steps, 14);
    expect(m.askQuotedShare!).toBeCloseTo(askQ / steps, 14);
    expect(m.averageAbsInventory!).toBeCloseTo(abs / 5, 14);
    expect(m.inventoryHalfLife).toEqual(inventoryHalfLife(ar, config.dt));
    expect(m.averageQuotedSpread!).toBeCloseTo(spreadSum / spreadN, 14);
    expect(m.spread).toEqual(spreadDecomposition(marks, [0, 1, 2], 2));
  });
  it('defaults: markout horizons [0, 1, 2, 5, 10, 20, 50], adverse selection at 10', () => {
    expect(DEFAULT_MARKOUT_HORIZONS).toEqual([0, 1, 2, 5, 10, 20, 50]);
    const m = summarizeBatch(batch(2, true));
    expect(m.spread!.horizon).toBe(10);
    expect(m.spread!.markouts.map((x) => x.horizon)).toEqual([0, 1, 2, 5, 10, 20, 50]);
    expect(() => summarizeBatch(batch(2, true), { adverseSelectionHorizon: 3 })).toThrow(/horizon 3 must be one of the markout horizons/);
  });
});

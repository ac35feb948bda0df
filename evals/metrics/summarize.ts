/**
 * All metrics of one policy's EpisodeBatch, in one JSON-ready object. Per-step metrics (drawdown,
 * quoted spread, inventory, markouts) need a batch recorded with `record: 'full'`; otherwise
 * they are null. Each metric is defined once, in its own file of evals/metrics/.
 */
import { describe, type Description } from '../stats/describe.js';
import type { EpisodeBatch } from '../run-episodes.js';
import { episodeView } from './episode-view.js';
import { fillStats } from './fills.js';
import { addAr1Sums, averageAbsInventory, inventoryHalfLife, terminalInventoryDistribution, type InventoryDistribution } from './inventory.js';
import { addMarkoutSums, averageQuotedSpread, emptyMarkoutSums, spreadDecomposition, type SpreadDecomposition } from './markouts.js';
import { maxDrawdown, pnlPath } from './pnl.js';
import { tailRisk, type TailRisk } from './risk.js';
import { sharpeRatio, type SharpeRatio } from './sharpe.js';
import { sortinoRatio } from './sortino.js';
import { timeUnitOf } from '../../env/config.js';

export interface MetricsOptions {
  /** Markout horizons in steps. @defaultValue [0, 1, 2, 5, 10, 20, 50] */
  markoutHorizons?: readonly number[];
  /** Horizon (steps, one of markoutHorizons) of realised spread and adverse selection. @defaultValue 10 */
  adverseSelectionHorizon?: number;
  /** Env time units per year for the annualised ratios. @defaultValue the env config's timeUnit (absent: 252 trading days) */
  timeUnitsPerYear?: number;
}

export const DEFAULT_MARKOUT_HORIZONS: readonly number[] = Object.freeze([0, 1, 2, 5, 10, 20, 50]);

export interface PolicyMetrics {
  episodes: number;
  return: Description;
  pnl: Description;
  sharpe: SharpeRatio;
  /** Sortino ratio (downside deviation about 0), per episode and annualised like the Sharpe ratio. */
  sortino: SharpeRatio;
  /** How the ratios were annualised: the env's time unit, its count per year, and episodes per year (= perYear / horizon). */
  annualisation: { timeUnit: string; perYear: number; episodesPerYear: number };
  /** Units traded (both sides) per env time unit, mean over episodes. */
  turnover: number;
  /** Episodes whose trajectories the per-step metrics below are computed on (0 = summary record). */
  trajectoryEpisodes: number;
  /** Mean and worst max drawdown of the marked-to-mid PnL path (full record only). */
  maxDrawdown: { mean: number; worst: number } | null;
  /** Mean units per episode. */
  bidFills: number;
  askFills: number;
  /** Fills per quoted step, pooled (full record only). */
  bidFillRate: number | null;
  askFillRate: number | null;
  /** Share of steps with that side quoted, pooled (full record only). */
  bidQuotedShare: number | null;
  askQuotedShare: number | null;
  /** Mean fees per episode (negative = rebate). */
  fees: number;
  averageAbsInventory: number | null;
  /** Time units (full record only; null if undefined). */
  inventoryHalfLife: number | null;
  averageQuotedSpread: number | null;
  spread: SpreadDecomposition | null;
  risk: TailRisk[];
  terminalInventory: InventoryDistribution;
}

export function summarizeBatch(batch: EpisodeBatch, options: MetricsOptions = {}): PolicyMetrics {
  const horizons = options.markoutHorizons ?? DEFAULT_MARKOUT_HORIZONS;
  const asHorizon = options.adverseSelectionHorizon ?? 10;
  const unit = timeUnitOf(batch.config);
  const timeUnitsPerYear = options.timeUnitsPerYear ?? unit.perYear;
  const perYear = timeUnitsPerYear / batch.config.horizon;
  const n = batch.episodes;
  const base = {
    episodes: n,
    return: describe(batch.returns),
    pnl: describe(batch.pnl),
    sharpe: sharpeRatio(batch.pnl, perYear),
    sortino: sortinoRatio(batch.pnl, perYear),
    annualisation: {
      timeUnit: options.timeUnitsPerYear === undefined ? unit.name : 'time unit (--time-units-per-year)',
      perYear: timeUnitsPerYear,
      episodesPerYear: perYear,
    },
    bidFills: describe(batch.bidFills).mean,
    askFills: describe(batch.askFills).mean,
    turnover: (describe(batch.bidFills).mean + describe(batch.askFills).mean) / batch.config.horizon,
    fees: describe(batch.fees).mean,
    risk: [tailRisk(batch.pnl, 0.95), tailRisk(batch.pnl, 0.99)],
    terminalInventory: terminalInventoryDistribution(batch.terminalInventory),
  };
  if (batch.trajectories === undefined) {
    return {
      ...base,
      trajectoryEpisodes: 0,
      maxDrawdown: null,
      bidFillRate: null,
      askFillRate: null,
      bidQuotedShare: null,
      askQuotedShare: null,
      averageAbsInventory: null,
      inventoryHalfLife: null,
      averageQuotedSpread: null,
      spread: null,
    };
  }
  let ddSum = 0;
  let ddWorst = 0;
  let bidQuoted = 0;
  let askQuoted = 0;
  let bidFills = 0;
  let askFills = 0;
  let steps = 0;
  let absInv = 0;
  let spreadSum = 0;
  let spreadCount = 0;
  const ar1 = { sxy: 0, sxx: 0 };
  const marks = emptyMarkoutSums(horizons);
  const nt = batch.trajectories.episodes;
  for (let j = 0; j < nt; j++) {
    const ep = episodeView(batch, j);
    const dd = maxDrawdown(pnlPath(ep));
    ddSum += dd;
    if (dd > ddWorst) ddWorst = dd;
    const f = fillStats(ep);
    bidQuoted += f.bidQuotedSteps;
    askQuoted += f.askQuotedSteps;
    bidFills += f.bidFills;
    askFills += f.askFills;
    steps += ep.length;
    absInv += averageAbsInventory(ep);
    const qs = averageQuotedSpread(ep);
    spreadSum += qs.sum;
    spreadCount += qs.count;
    addAr1Sums(ep, ar1);
    addMarkoutSums(ep, horizons, marks);
  }
  return {
    ...base,
    trajectoryEpisodes: nt,
    maxDrawdown: { mean: ddSum / nt, worst: ddWorst },
    bidFillRate: bidQuoted > 0 ? bidFills / bidQuoted : null,
    askFillRate: askQuoted > 0 ? askFills / askQuoted : null,
    bidQuotedShare: steps > 0 ? bidQuoted / steps : null,
    askQuotedShare: steps > 0 ? askQuoted / steps : null,
    averageAbsInventory: absInv / nt,
    inventoryHalfLife: inventoryHalfLife(ar1, batch.config.dt),
    averageQuotedSpread: spreadCount > 0 ? spreadSum / spreadCount : null,
    spread: spreadDecomposition(marks, horizons, asHorizon),
  };
}

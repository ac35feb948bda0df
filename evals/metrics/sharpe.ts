/**
 * Sharpe ratio of episode PnL: SR = mean(PnL) / sd(PnL) over episodes (per episode; no risk-free
 * rate: a market maker's capital is not the denominator here), annualised as
 * SR * sqrt(episodes per year), episodes per year = timeUnitsPerYear / horizon (Lo 2002, eq. 7
 * under i.i.d. episodes). Zero variance: the ratio is undefined and returned as null.
 */
import { describe } from '../stats/describe.js';

export interface SharpeRatio {
  /** Per-episode Sharpe ratio, null when the PnL has zero variance (or fewer than 2 episodes). */
  perEpisode: number | null;
  /** Annualised, null when perEpisode is null. */
  annualised: number | null;
}

/**
 * @param pnl episode PnLs
 * @param episodesPerYear how many episodes fit in a year (e.g. 252 for one-day episodes)
 */
export function sharpeRatio(pnl: ArrayLike<number>, episodesPerYear: number): SharpeRatio {
  if (!(episodesPerYear > 0)) throw new RangeError(`episodesPerYear must be > 0, got ${episodesPerYear}`);
  if (pnl.length < 2) return { perEpisode: null, annualised: null };
  const { mean, std } = describe(pnl);
  // Guard: a standard deviation at rounding level of the mean is zero variance.
  if (!(std > 1e-12 * Math.max(1, Math.abs(mean)))) return { perEpisode: null, annualised: null };
  const sr = mean / std;
  return { perEpisode: sr, annualised: sr * Math.sqrt(episodesPerYear) };
}

/**
 * Sortino ratio of episode PnL: SoR = mean(PnL) / DD, with the downside deviation about a target
 * of zero DD = sqrt((1/n) sum_i min(PnL_i, 0)^2) (Sortino & van der Meer 1991; Sortino & Price
 * 1994, eq. 1 with MAR = 0), annualised like the Sharpe ratio: SoR * sqrt(episodes per year).
 * No losing episode: the ratio is unbounded and returned as null (as a zero-variance Sharpe).
 */
import type { SharpeRatio } from './sharpe.js';

export function sortinoRatio(pnl: ArrayLike<number>, episodesPerYear: number): SharpeRatio {
  if (!(episodesPerYear > 0)) throw new RangeError(`episodesPerYear must be > 0, got ${episodesPerYear}`);
  const n = pnl.length;
  if (n < 2) return { perEpisode: null, annualised: null };
  let sum = 0;
  let down = 0;
  for (let i = 0; i < n; i++) {
    const x = pnl[i] as number;
    sum += x;
    if (x < 0) down += x * x;
  }
  const mean = sum / n;
  const dd = Math.sqrt(down / n);
  if (!(dd > 1e-12 * Math.max(1, Math.abs(mean)))) return { perEpisode: null, annualised: null };
  const r = mean / dd;
  return { perEpisode: r, annualised: r * Math.sqrt(episodesPerYear) };
}

/**
 * PnL and drawdown of one episode. Wealth is marked to mid: W_t = X_t + q_t S_t
 * (cash X, inventory q, mid S; Avellaneda & Stoikov 2008, sec. 2). PnL_t = W_t - W_0.
 */
import type { EpisodeView } from './episode-view.js';

/** Marked-to-mid PnL path W_t - W_0, t = 0..length. */
export function pnlPath(ep: EpisodeView): Float64Array {
  const out = new Float64Array(ep.length + 1);
  const w0 = (ep.cash[0] as number) + (ep.inventory[0] as number) * (ep.mid[0] as number);
  for (let t = 0; t <= ep.length; t++) {
    out[t] = (ep.cash[t] as number) + (ep.inventory[t] as number) * (ep.mid[t] as number) - w0;
  }
  return out;
}

/** Final PnL W_T - W_0. */
export function finalPnl(ep: EpisodeView): number {
  return pnlPath(ep)[ep.length] as number;
}

/** Maximum drawdown max_t (max_{s <= t} P_s - P_t) of a path (>= 0; 0 for a non-decreasing path). */
export function maxDrawdown(path: ArrayLike<number>): number {
  let peak = -Infinity;
  let worst = 0;
  for (let t = 0; t < path.length; t++) {
    const v = path[t] as number;
    if (v > peak) peak = v;
    const dd = peak - v;
    if (dd > worst) worst = dd;
  }
  return worst;
}

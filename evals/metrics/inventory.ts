/**
 * Inventory metrics: time-average |q|, the inventory half-life of a pooled AR(1) fit, the
 * terminal inventory distribution and inventory quantiles over time.
 *
 * Half-life: regress q_{t+1} on q_t through the origin, rho = sum q_t q_{t+1} / sum q_t^2
 * (least squares, pooled over episodes); the half-life of the mean-reverting inventory is
 * h = -ln 2 / ln rho steps (Uhlenbeck–Ornstein discretised: q_{t+1} = rho q_t + e_t), times dt.
 */
import { quantileSorted } from '../stats/bootstrap.js';
import type { EpisodeView } from './episode-view.js';

/** Mean of |q| over the post-step states 1..length (the inventory the running penalty charges). */
export function averageAbsInventory(ep: EpisodeView): number {
  if (ep.length === 0) return 0;
  let s = 0;
  for (let t = 1; t <= ep.length; t++) s += Math.abs(ep.inventory[t] as number);
  return s / ep.length;
}

/** Sums for the pooled AR(1) fit of one or more episodes. */
export interface Ar1Sums {
  sxy: number;
  sxx: number;
}

export function addAr1Sums(ep: EpisodeView, acc: Ar1Sums): Ar1Sums {
  for (let t = 0; t < ep.length; t++) {
    const x = ep.inventory[t] as number;
    const y = ep.inventory[t + 1] as number;
    acc.sxy += x * y;
    acc.sxx += x * x;
  }
  return acc;
}

/**
 * Inventory half-life in time units from pooled AR(1) sums; null when it is undefined
 * (inventory never away from 0, or rho >= 1: no mean reversion). rho <= 0 gives 0 (reverts within a step).
 */
export function inventoryHalfLife(sums: Ar1Sums, dt: number): number | null {
  if (!(sums.sxx > 0)) return null;
  const rho = sums.sxy / sums.sxx;
  if (rho >= 1) return null;
  if (rho <= 0) return 0;
  return (-Math.LN2 / Math.log(rho)) * dt;
}

export interface InventoryDistribution {
  mean: number;
  std: number;
  meanAbs: number;
  /** Count of episodes per terminal inventory value, ascending by value. */
  histogram: { inventory: number; count: number }[];
}

/** Distribution of the terminal inventories q_T over episodes. */
export function terminalInventoryDistribution(qT: ArrayLike<number>): InventoryDistribution {
  const n = qT.length;
  if (n === 0) throw new RangeError('terminalInventoryDistribution needs at least one episode, got 0');
  const counts = new Map<number, number>();
  let sum = 0;
  let sumAbs = 0;
  for (let i = 0; i < n; i++) {
    const q = qT[i] as number;
    sum += q;
    sumAbs += Math.abs(q);
    counts.set(q, (counts.get(q) ?? 0) + 1);
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((qT[i] as number) - mean) ** 2;
  return {
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    meanAbs: sumAbs / n,
    histogram: [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([inventory, count]) => ({ inventory, count })),
  };
}

/**
 * Quantiles of the inventory across episodes at each state index t = 0..steps.
 * @param inventory row-major [episode][steps + 1] (as Trajectories.inventory); NaN entries are skipped.
 * @returns one row per t with the requested quantiles (in `probs` order).
 */
export function inventoryQuantilesOverTime(
  inventory: Float64Array,
  episodes: number,
  steps: number,
  probs: readonly number[],
): Float64Array[] {
  const rows: Float64Array[] = [];
  const column = new Float64Array(episodes);
  for (let t = 0; t <= steps; t++) {
    let m = 0;
    for (let j = 0; j < episodes; j++) {
      const q = inventory[j * (steps + 1) + t] as number;
      if (!Number.isNaN(q)) column[m++] = q;
    }
    const sorted = column.subarray(0, m).slice().sort();
    rows.push(Float64Array.from(probs, (p) => quantileSorted(sorted, p)));
  }
  return rows;
}

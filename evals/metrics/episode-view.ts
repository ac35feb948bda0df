/**
 * One episode's trajectory as plain typed arrays: the input of every per-episode metric.
 * States (`mid`, `inventory`, `cash`) have `length + 1` entries (index 0 = before the first step);
 * per-step arrays have `length` entries (quotes active during step t, fills of step t, ...).
 * A fill of step t happens at the quotes set around mid[t]; the mid then moves to mid[t + 1].
 */
import type { EpisodeBatch } from '../run-episodes.js';

export interface EpisodeView {
  readonly length: number;
  readonly mid: ArrayLike<number>;
  readonly inventory: ArrayLike<number>;
  readonly cash: ArrayLike<number>;
  readonly bid: ArrayLike<number>;
  readonly ask: ArrayLike<number>;
  readonly bidFill: ArrayLike<number>;
  readonly askFill: ArrayLike<number>;
  readonly fees: ArrayLike<number>;
  readonly reward: ArrayLike<number>;
}

/** A view (no copy) of episode j of a batch recorded with `record: 'full'`. */
export function episodeView(batch: EpisodeBatch, j: number): EpisodeView {
  const tr = batch.trajectories;
  if (tr === undefined) throw new Error("per-step metrics need runEpisodes(..., { record: 'full' })");
  if (!Number.isInteger(j) || j < 0 || j >= tr.episodes) {
    throw new RangeError(`episode index must be in [0, ${tr.episodes - 1}] (episodes with trajectories), got ${j}`);
  }
  const length = batch.lengths[j] as number;
  const T = tr.steps;
  const s = j * (T + 1);
  const p = j * T;
  return {
    length,
    mid: tr.mid.subarray(s, s + length + 1),
    inventory: tr.inventory.subarray(s, s + length + 1),
    cash: tr.cash.subarray(s, s + length + 1),
    bid: tr.bid.subarray(p, p + length),
    ask: tr.ask.subarray(p, p + length),
    bidFill: tr.bidFill.subarray(p, p + length),
    askFill: tr.askFill.subarray(p, p + length),
    fees: tr.fees.subarray(p, p + length),
    reward: tr.reward.subarray(p, p + length),
  };
}

/** Builds an EpisodeView from plain arrays (tests, hand-made trajectories); checks lengths. */
export function makeEpisodeView(parts: Omit<EpisodeView, 'length'>): EpisodeView {
  const length = parts.bid.length;
  for (const key of ['mid', 'inventory', 'cash'] as const) {
    if (parts[key].length !== length + 1) {
      throw new RangeError(`${key} must have length steps + 1 = ${length + 1}, got ${parts[key].length}`);
    }
  }
  for (const key of ['ask', 'bidFill', 'askFill', 'fees', 'reward'] as const) {
    if (parts[key].length !== length) {
      throw new RangeError(`${key} must have length steps = ${length}, got ${parts[key].length}`);
    }
  }
  return { length, ...parts };
}

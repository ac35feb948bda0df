/**
 * Execution counts of one episode: fills per side, how often each side was quoted, fill rate
 * per side (fills / steps quoted) and fees paid (negative = rebate).
 */
import type { EpisodeView } from './episode-view.js';

export interface FillStats {
  bidFills: number;
  askFills: number;
  /** Steps with a bid / ask quote (finite price). */
  bidQuotedSteps: number;
  askQuotedSteps: number;
  /** Fills per quoted step, null when the side was never quoted. */
  bidFillRate: number | null;
  askFillRate: number | null;
  fees: number;
}

export function fillStats(ep: EpisodeView): FillStats {
  let bidFills = 0;
  let askFills = 0;
  let bidQuoted = 0;
  let askQuoted = 0;
  let fees = 0;
  for (let t = 0; t < ep.length; t++) {
    bidFills += ep.bidFill[t] as number;
    askFills += ep.askFill[t] as number;
    if (Number.isFinite(ep.bid[t] as number)) bidQuoted++;
    if (Number.isFinite(ep.ask[t] as number)) askQuoted++;
    fees += ep.fees[t] as number;
  }
  return {
    bidFills,
    askFills,
    bidQuotedSteps: bidQuoted,
    askQuotedSteps: askQuoted,
    bidFillRate: bidQuoted > 0 ? bidFills / bidQuoted : null,
    askFillRate: askQuoted > 0 ? askFills / askQuoted : null,
    fees,
  };
}

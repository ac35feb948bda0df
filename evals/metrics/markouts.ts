/**
 * Per-fill spread decomposition (Huang & Stoll 1996; Hasbrouck 2007, sec. 5.4), per unit filled.
 * For a fill of step t at price p, side s = +1 (our bid hit: we bought) or -1 (our ask lifted):
 *   effective half-spread   e      = s (S_t - p)              (S_t = mid the quotes were set around)
 *   markout at horizon h    m_h    = s (S_{t+h} - p)          (= realised spread at h)
 *   adverse selection at h  AS_h   = s (S_t - S_{t+h}) = e - m_h
 * S_{t+h} is capped at the episode's last mid (the position is marked there).
 */
import type { EpisodeView } from './episode-view.js';

export interface MarkoutSums {
  /** Units filled (both sides). */
  units: number;
  /** Sum of qty * e. */
  effective: number;
  /** Sum of qty * m_h, one per horizon. */
  markout: Float64Array;
}

export function emptyMarkoutSums(horizons: readonly number[]): MarkoutSums {
  return { units: 0, effective: 0, markout: new Float64Array(horizons.length) };
}

/** Adds the fills of one episode to `acc`. Horizons are in steps (integers >= 0). */
export function addMarkoutSums(ep: EpisodeView, horizons: readonly number[], acc: MarkoutSums): MarkoutSums {
  for (const h of horizons) {
    if (!Number.isInteger(h) || h < 0) throw new RangeError(`markout horizons must be integers >= 0, got ${h}`);
  }
  for (let t = 0; t < ep.length; t++) {
    const b = ep.bidFill[t] as number;
    const a = ep.askFill[t] as number;
    if (b === 0 && a === 0) continue;
    const s0 = ep.mid[t] as number;
    // Bid fills earn s - p, ask fills p - s: one rule with side sign +1 (bought) / -1 (sold).
    if (b !== 0) addFill(ep, t, horizons, acc, b, 1, ep.bid[t] as number, s0);
    if (a !== 0) addFill(ep, t, horizons, acc, a, -1, ep.ask[t] as number, s0);
  }
  return acc;
}

/** Adds one side's fill at step t: units * sign * (mid - price), now and at each horizon. */
function addFill(ep: EpisodeView, t: number, horizons: readonly number[], acc: MarkoutSums, units: number, sign: 1 | -1, p: number, s0: number): void {
  const w = units * sign;
  acc.units += units;
  acc.effective += w * (s0 - p);
  for (let k = 0; k < horizons.length; k++) {
    const sh = ep.mid[Math.min(t + (horizons[k] as number), ep.length)] as number;
    acc.markout[k] = (acc.markout[k] as number) + w * (sh - p);
  }
}

export interface SpreadDecomposition {
  /** Units filled. */
  units: number;
  /** Mean effective half-spread per unit (null without fills). */
  effectiveSpread: number | null;
  /** Mean realised spread per unit at `horizon` (= markout at that horizon). */
  realisedSpread: number | null;
  /** Mean adverse selection per unit at `horizon`. */
  adverseSelection: number | null;
  horizon: number;
  /** Mean markout per unit at each horizon (steps). */
  markouts: { horizon: number; markout: number | null }[];
}

/** Per-unit means; `horizon` (one of `horizons`) is used for realised spread and adverse selection. */
export function spreadDecomposition(sums: MarkoutSums, horizons: readonly number[], horizon: number): SpreadDecomposition {
  const k = horizons.indexOf(horizon);
  if (k < 0) throw new RangeError(`adverse-selection horizon ${horizon} must be one of the markout horizons [${horizons.join(', ')}]`);
  const u = sums.units;
  const per = (x: number): number | null => (u > 0 ? x / u : null);
  const eff = per(sums.effective);
  const real = per(sums.markout[k] as number);
  return {
    units: u,
    effectiveSpread: eff,
    realisedSpread: real,
    adverseSelection: eff !== null && real !== null ? eff - real : null,
    horizon,
    markouts: horizons.map((h, i) => ({ horizon: h, markout: per(sums.markout[i] as number) })),
  };
}

/** Mean quoted spread ask - bid over the steps where both sides were quoted (null if never). */
export function averageQuotedSpread(ep: EpisodeView): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  for (let t = 0; t < ep.length; t++) {
    const b = ep.bid[t] as number;
    const a = ep.ask[t] as number;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      sum += a - b;
      count++;
    }
  }
  return { sum, count };
}

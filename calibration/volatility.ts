/**
 * Volatility of the mid from a quote tape.
 *
 * Estimator: realized variance of mid increments on a regular grid of `gridSeconds`
 * (previous-tick sampling: the mid at t is the last quote at or before t),
 * sigma^2 = sum_i (m_{i+1} - m_i)^2 / (n * gridSeconds), in price units per sqrt(second) —
 * the arithmetic Brownian sigma of the env's 'brownian' price model (AS 2008 eq. 2.1).
 * SE(sigma) = sigma / sqrt(2n) for Gaussian increments. At fine grids microstructure noise
 * (bid-ask bounce of the mid) inflates it, so coarser grids are reported for comparison.
 */
import { quoteIndexAt, type MarketTape } from '../marketdata/tape/market-tape.js';

export interface VolatilityEstimate {
  readonly estimator: string;
  /** Grid (s). */
  readonly gridSeconds: number;
  /** Increments used. */
  readonly n: number;
  /** sigma in price units / sqrt(second). */
  readonly sigmaPerSqrtSecond: number;
  readonly se: number;
  /** Mean increment per second (drift estimate). */
  readonly driftPerSecond: number;
}

/** Realized volatility of a regularly sampled series (spacing `dt` seconds). */
export function realizedVolatility(samples: ArrayLike<number>, dt: number): Omit<VolatilityEstimate, 'estimator' | 'gridSeconds'> {
  const n = samples.length - 1;
  if (n < 2) throw new RangeError(`need at least 3 samples for a volatility, got ${samples.length}`);
  if (!(dt > 0)) throw new RangeError(`sampling interval must be > 0, got ${dt}`);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((samples[i + 1] as number) - (samples[i] as number)) ** 2;
  const sigma = Math.sqrt(ss / (n * dt));
  return { n, sigmaPerSqrtSecond: sigma, se: sigma / Math.sqrt(2 * n), driftPerSecond: ((samples[n] as number) - (samples[0] as number)) / (n * dt) };
}

/** Mid sampled every `gridSeconds` from the tape's start to its end (previous tick). */
export function sampleMid(tape: MarketTape, gridSeconds: number): Float64Array {
  const n = Math.floor((tape.endTime - tape.startTime) / gridSeconds) + 1;
  const out = new Float64Array(n);
  let q = Math.max(0, quoteIndexAt(tape, tape.startTime));
  const T = tape.quoteTime;
  for (let i = 0; i < n; i++) {
    const t = tape.startTime + i * gridSeconds;
    while (q + 1 < T.length && (T[q + 1] as number) <= t) q++;
    out[i] = ((tape.bid[q] as number) + (tape.ask[q] as number)) / 2;
  }
  return out;
}

export function tapeVolatility(tape: MarketTape, gridSeconds: number): VolatilityEstimate {
  const r = realizedVolatility(sampleMid(tape, gridSeconds), gridSeconds);
  return { estimator: `realized variance of mid increments on a ${gridSeconds}-s grid (previous-tick sampling)`, gridSeconds, ...r };
}

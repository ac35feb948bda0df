/**
 * Moving-block bootstrap confidence interval of a mean for a dependent series (Kunsch 1989,
 * "The jackknife and the bootstrap for general stationary observations", Ann. Statist. 17;
 * Lahiri 2003, ch. 2): the n values in time order are cut into the n - b + 1 overlapping blocks of
 * b consecutive values; a resample concatenates ceil(n / b) blocks drawn with replacement,
 * truncated to n values; the interval is the percentile interval of the resampled means. b = 1 is
 * the ordinary (iid) bootstrap. Seeded through seedrandom (alea): the same seed, the same interval.
 *
 * Why here: episodes replayed on one tape are windows of one recorded path; windows that overlap
 * or sit side by side share the market's state, so their returns are not independent and the iid
 * standard error is too small. Blocks of windows spanning more than a horizon keep that dependence.
 */
import seedrandom from 'seedrandom';
import { quantileSorted } from './bootstrap.js';

export interface BlockBootstrapOptions {
  /** Resamples B, >= 100. @defaultValue 2000 */
  resamples?: number;
  /** Confidence level in (0, 1). @defaultValue 0.95 */
  level?: number;
  seed: number;
}

export function blockBootstrapMeanCI(values: ArrayLike<number>, blockLength: number, options: BlockBootstrapOptions): [number, number] {
  const n = values.length;
  const B = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  if (n === 0) throw new RangeError('blockBootstrapMeanCI needs at least one value, got 0');
  if (!Number.isInteger(blockLength) || blockLength < 1 || blockLength > n) throw new RangeError(`blockLength must be an integer in [1, ${n}] (the number of values), got ${blockLength}`);
  if (!Number.isInteger(B) || B < 100) throw new RangeError(`resamples must be an integer >= 100, got ${B}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const rng = seedrandom.alea(`block-bootstrap:${options.seed}`);
  const starts = n - blockLength + 1;
  const means = new Float64Array(B);
  for (let r = 0; r < B; r++) {
    let s = 0;
    let taken = 0;
    while (taken < n) {
      const a = Math.floor(rng() * starts);
      const m = Math.min(blockLength, n - taken);
      for (let i = 0; i < m; i++) s += values[a + i] as number;
      taken += m;
    }
    means[r] = s / n;
  }
  means.sort();
  return [quantileSorted(means, (1 - level) / 2), quantileSorted(means, (1 + level) / 2)];
}

/**
 * Block length for n windows of `horizon` seconds drawn over a span of `spanSeconds`: a block must
 * cover at least two horizons of tape (n * 2 horizon / span windows, the ones that can overlap or
 * touch one window), and at least n^(1/3) (the rate-optimal order for the variance, Lahiri 2003
 * sec. 7.2); at most n.
 */
export function windowBlockLength(n: number, spanSeconds: number, horizon: number): number {
  if (!(n >= 1)) throw new RangeError(`n must be >= 1, got ${n}`);
  if (!(spanSeconds > 0) || !(horizon > 0)) throw new RangeError(`spanSeconds and horizon must be > 0, got ${spanSeconds} and ${horizon}`);
  const byOverlap = Math.ceil((2 * horizon * n) / spanSeconds);
  return Math.max(1, Math.min(n, Math.max(byOverlap, Math.ceil(Math.cbrt(n)))));
}

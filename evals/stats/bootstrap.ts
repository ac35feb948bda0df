/**
 * Percentile bootstrap confidence interval of a mean (Efron & Tibshirani 1993, ch. 13):
 * resample n values with replacement B times, take the (1 - level)/2 and (1 + level)/2
 * empirical quantiles of the resampled means. Seeded through seedrandom (alea), so the same
 * seed gives the same interval bit for bit.
 */
import seedrandom from 'seedrandom';

export interface BootstrapOptions {
  /** Number of resamples B, >= 100. @defaultValue 2000 */
  resamples?: number;
  /** Confidence level in (0, 1). @defaultValue 0.95 */
  level?: number;
  /** Seed of the resampling generator. */
  seed: number;
}

export function bootstrapMeanCI(values: ArrayLike<number>, options: BootstrapOptions): [number, number] {
  const n = values.length;
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  if (n === 0) throw new RangeError('bootstrapMeanCI needs at least one value, got 0');
  if (!Number.isInteger(resamples) || resamples < 100) {
    throw new RangeError(`resamples must be an integer >= 100, got ${resamples}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const rng = seedrandom.alea(`bootstrap:${options.seed}`);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rng() * n)] as number;
    means[b] = s / n;
  }
  means.sort();
  return [quantileSorted(means, (1 - level) / 2), quantileSorted(means, (1 + level) / 2)];
}

/** Linear-interpolation quantile (type 7, as R's default) of an ascending array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

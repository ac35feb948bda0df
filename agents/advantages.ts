/**
 * Per-minibatch advantage normalisation, as Stable-Baselines3 (`normalize_advantage`) and
 * CleanRL (`norm_adv`):
 *   A_i <- (A_i - mean(A)) / (std(A) + 1e-8),  std(A) = sqrt(sum_i (A_i - mean)^2 / (n - 1)),
 * the unbiased std (torch's `Tensor.std()`), so callers skip a minibatch of one row (n - 1 = 0).
 * Mean and std are accumulated in float64; each normalised value is rounded to float32 in place.
 */

/** Normalise `a` in place (n >= 2; the callers check `size > 1`). */
export function normalizeAdvantages(a: Float32Array): void {
  const n = a.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += a[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (a[i]! - mean) ** 2;
  const std = Math.sqrt(ss / (n - 1));
  for (let i = 0; i < n; i++) a[i] = (a[i]! - mean) / (std + 1e-8);
}

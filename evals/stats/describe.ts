/** Sample mean, standard deviation (n - 1) and standard error of the mean. */
export interface Description {
  n: number;
  mean: number;
  /** Sample standard deviation (denominator n - 1); 0 for n = 1. */
  std: number;
  /** Standard error std / sqrt(n). */
  se: number;
}

export function describe(values: ArrayLike<number>): Description {
  const n = values.length;
  if (n === 0) throw new RangeError('describe needs at least one value, got 0');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    ss += d * d;
  }
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return { n, mean, std, se: std / Math.sqrt(n) };
}

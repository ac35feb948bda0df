/**
 * Running mean and variance of a vector stream (Chan et al. 1979 parallel update, as Gymnasium's
 * and SB3's `RunningMeanStd`, initial count epsilon = 1e-4).
 */
export class RunningMeanStd {
  readonly mean: Float64Array;
  readonly var: Float64Array;
  count: number;

  constructor(dim: number, epsilon = 1e-4) {
    this.mean = new Float64Array(dim);
    this.var = new Float64Array(dim).fill(1);
    this.count = epsilon;
  }

  /** Update with one sample x (length dim). */
  update(x: ArrayLike<number>): void {
    const total = this.count + 1;
    for (let j = 0; j < this.mean.length; j++) {
      const delta = x[j]! - this.mean[j]!;
      const m2 = this.var[j]! * this.count + (delta * delta * this.count) / total;
      this.mean[j] = this.mean[j]! + delta / total;
      this.var[j] = m2 / total;
    }
    this.count = total;
  }
}

/**
 * Running mean and (population) variance of a vector stream, as SB3's and Gymnasium's
 * `RunningMeanStd` (`common/running_mean_std.py`): the parallel-moments update of Chan, Golub &
 * LeVeque (1979), count starting at epsilon = 1e-4. Used by the env's normalisation wrappers and
 * by the agents' VecNormalize.
 */

/** Running mean and (population) variance, SB3 `RunningMeanStd`. */
export interface RunningMeanStdState {
  mean: number[];
  var: number[];
  count: number;
}

export class RunningMeanStd {
  readonly mean: Float64Array;
  readonly var: Float64Array;
  count: number;

  constructor(dim: number, epsilon = 1e-4) {
    this.mean = new Float64Array(dim);
    this.var = new Float64Array(dim).fill(1);
    this.count = epsilon;
  }

  /** Update with `batch` rows of `dim` values (row-major); one sample by default. */
  update(x: ArrayLike<number>, batch = 1): void {
    const d = this.mean.length;
    const bm = new Float64Array(d);
    const bv = new Float64Array(d);
    for (let i = 0; i < batch; i++) for (let j = 0; j < d; j++) bm[j] = bm[j]! + x[i * d + j]!;
    for (let j = 0; j < d; j++) bm[j] = bm[j]! / batch;
    for (let i = 0; i < batch; i++) {
      for (let j = 0; j < d; j++) {
        const c = x[i * d + j]! - bm[j]!;
        bv[j] = bv[j]! + c * c;
      }
    }
    for (let j = 0; j < d; j++) bv[j] = bv[j]! / batch;
    this.updateFromMoments(bm, bv, batch);
  }

  updateFromMoments(batchMean: ArrayLike<number>, batchVar: ArrayLike<number>, batchCount: number): void {
    const tot = this.count + batchCount;
    for (let j = 0; j < this.mean.length; j++) {
      const delta = batchMean[j]! - this.mean[j]!;
      const m2 = this.var[j]! * this.count + batchVar[j]! * batchCount + (delta * delta * this.count * batchCount) / tot;
      this.mean[j] = this.mean[j]! + (delta * batchCount) / tot;
      this.var[j] = m2 / tot;
    }
    this.count = tot;
  }

  state(): RunningMeanStdState {
    return { mean: Array.from(this.mean), var: Array.from(this.var), count: this.count };
  }

  static fromState(s: RunningMeanStdState, field = 'normalization'): RunningMeanStd {
    if (!Array.isArray(s.mean) || !Array.isArray(s.var) || s.mean.length !== s.var.length) {
      throw new RangeError(`${field}: mean and var must be arrays of equal length`);
    }
    if (!(typeof s.count === 'number' && s.count > 0)) throw new RangeError(`${field}.count must be > 0, got ${String(s.count)}`);
    const r = new RunningMeanStd(s.mean.length);
    r.mean.set(s.mean);
    r.var.set(s.var);
    r.count = s.count;
    for (let j = 0; j < r.var.length; j++) {
      if (!Number.isFinite(r.mean[j]!) || !(r.var[j]! >= 0)) throw new RangeError(`${field}: entry ${j} has mean ${r.mean[j]} var ${r.var[j]} (must be finite, var >= 0)`);
    }
    return r;
  }
}

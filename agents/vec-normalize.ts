/**
 * Observation and reward normalisation as Stable-Baselines3's `VecNormalize`
 * (`common/vec_env/vec_normalize.py`, `common/running_mean_std.py`):
 *  - running mean/var of observations (parallel-moments update, Chan et al. 1979), count starts
 *    at 1e-4; normalised obs = clip((o - mean) / sqrt(var + eps), -clipObs, clipObs);
 *  - rewards divided by the std of the running discounted return R <- gamma R + r (reset at episode
 *    ends), then clipped to +-clipReward. eps = 1e-8.
 * The statistics are plain data (`VecNormalizeState`), saved with the policy and applied on load.
 */
import { RunningMeanStd, type RunningMeanStdState } from '../util/running-mean-std.js';

export { RunningMeanStd, type RunningMeanStdState };

/** Normalisation settings (SB3 `VecNormalize` arguments). */
export interface VecNormalizeConfig {
  /** Normalise observations. @defaultValue true */
  obs: boolean;
  /** Normalise rewards by the discounted-return std. @defaultValue true */
  reward: boolean;
  /** Clip of normalised observations. @defaultValue 10 */
  clipObs: number;
  /** Clip of normalised rewards. @defaultValue 10 */
  clipReward: number;
  /** Added to variances before the square root. @defaultValue 1e-8 */
  epsilon: number;
}

export const DEFAULT_VEC_NORMALIZE_CONFIG: Readonly<VecNormalizeConfig> = Object.freeze({
  obs: true,
  reward: true,
  clipObs: 10,
  clipReward: 10,
  epsilon: 1e-8,
});

/** Saved form: the settings and both running statistics. */
export interface VecNormalizeState {
  config: VecNormalizeConfig;
  obsRms: RunningMeanStdState;
  retRms: RunningMeanStdState;
}

/** Observation normalisation only (what a loaded policy applies). */
export function normalizeObsInto(
  obs: ArrayLike<number>,
  batch: number,
  rms: { mean: ArrayLike<number>; var: ArrayLike<number> },
  clip: number,
  eps: number,
  out: Float32Array,
): void {
  const d = rms.mean.length;
  for (let i = 0; i < batch; i++) {
    for (let j = 0; j < d; j++) {
      const v = (obs[i * d + j]! - rms.mean[j]!) / Math.sqrt(rms.var[j]! + eps);
      out[i * d + j] = v > clip ? clip : v < -clip ? -clip : v;
    }
  }
}

export class VecNormalize {
  readonly config: VecNormalizeConfig;
  readonly obsRms: RunningMeanStd;
  readonly retRms: RunningMeanStd;
  /** Running discounted return per env (SB3 `self.returns`). */
  readonly returns: Float64Array;
  readonly gamma: number;
  /** Update the statistics (true while training). */
  training = true;

  constructor(obsDim: number, numEnvs: number, gamma: number, config: VecNormalizeConfig = DEFAULT_VEC_NORMALIZE_CONFIG) {
    this.config = { ...config };
    this.obsRms = new RunningMeanStd(obsDim);
    this.retRms = new RunningMeanStd(1);
    this.returns = new Float64Array(numEnvs);
    this.gamma = gamma;
  }

  /** Normalise `batch` observation rows into `out` (identity copy when obs normalisation is off). */
  normalizeObs(obs: ArrayLike<number>, batch: number, out: Float32Array): void {
    if (!this.config.obs) {
      for (let i = 0; i < batch * this.obsRms.mean.length; i++) out[i] = obs[i]!;
      return;
    }
    normalizeObsInto(obs, batch, this.obsRms, this.config.clipObs, this.config.epsilon, out);
  }

  /** Update obs statistics with a batch (SB3 updates on every step's and reset's observations). */
  observe(obs: ArrayLike<number>, batch: number): void {
    if (this.training && this.config.obs) this.obsRms.update(obs, batch);
  }

  /**
   * Normalise one step's rewards (N envs) into `out`, updating the return statistics; `dones[i]`
   * resets env i's running return after use (SB3 `step_wait`).
   */
  /** What one unit of normalised reward is in the env's units now (1 without reward normalisation). */
  rewardScale(): number {
    return this.config.reward ? Math.sqrt(this.retRms.var[0]! + this.config.epsilon) : 1;
  }

  normalizeRewards(rewards: ArrayLike<number>, dones: ArrayLike<number>, out: Float64Array): void {
    const n = this.returns.length;
    if (!this.config.reward) {
      for (let i = 0; i < n; i++) out[i] = rewards[i]!;
      return;
    }
    if (this.training) {
      for (let i = 0; i < n; i++) this.returns[i] = this.returns[i]! * this.gamma + rewards[i]!;
      this.retRms.update(this.returns, n);
    }
    const scale = Math.sqrt(this.retRms.var[0]! + this.config.epsilon);
    const c = this.config.clipReward;
    for (let i = 0; i < n; i++) {
      const v = rewards[i]! / scale;
      out[i] = v > c ? c : v < -c ? -c : v;
      if (dones[i]) this.returns[i] = 0;
    }
  }

  state(): VecNormalizeState {
    return { config: { ...this.config }, obsRms: this.obsRms.state(), retRms: this.retRms.state() };
  }

  loadState(s: VecNormalizeState): void {
    const o = RunningMeanStd.fromState(s.obsRms, 'normalization.obsRms');
    if (o.mean.length !== this.obsRms.mean.length) {
      throw new RangeError(`normalization.obsRms has ${o.mean.length} dimensions, the env has obsDim ${this.obsRms.mean.length}`);
    }
    const r = RunningMeanStd.fromState(s.retRms, 'normalization.retRms');
    this.obsRms.mean.set(o.mean);
    this.obsRms.var.set(o.var);
    this.obsRms.count = o.count;
    this.retRms.mean.set(r.mean);
    this.retRms.var.set(r.var);
    this.retRms.count = r.count;
    Object.assign(this.config, s.config);
  }
}

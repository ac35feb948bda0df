/**
 * Generalised Advantage Estimation (Schulman et al. 2016, "High-Dimensional Continuous Control
 * Using Generalized Advantage Estimation", eq. 16), as SB3's
 * `RolloutBuffer.compute_returns_and_advantage`:
 *   delta_t = r_t + gamma * V(s_{t+1}) * (1 - done_t) - V(s_t)
 *   A_t     = delta_t + gamma * lambda * (1 - done_t) * A_{t+1}
 *   R_t     = A_t + V(s_t)            (the value target, TD(lambda) return)
 * where done_t = 1 if the episode ended at step t (terminated or truncated). Time-limit
 * truncation is handled before this (SB3 `collect_rollouts`): r_t += gamma * V(final_obs_t), so a
 * truncated episode is bootstrapped from its final observation and a terminated one is not.
 * Arrays are [nSteps x nEnvs], index t * nEnvs + e.
 */

export interface GaeInput {
  readonly nSteps: number;
  readonly nEnvs: number;
  /** Rewards (already including the truncation bootstrap). */
  readonly rewards: ArrayLike<number>;
  /** V(s_t) of the observation each step acted on. */
  readonly values: ArrayLike<number>;
  /** 1 where the episode ended at this step (terminated or truncated). */
  readonly dones: ArrayLike<number>;
  /** V of the observation after the last step (per env). */
  readonly lastValues: ArrayLike<number>;
  readonly gamma: number;
  readonly gaeLambda: number;
}

/** Writes advantages and returns (length nSteps * nEnvs). */
export function computeGae(input: GaeInput, advantages: Float32Array | Float64Array, returns: Float32Array | Float64Array): void {
  const { nSteps, nEnvs, rewards, values, dones, lastValues, gamma, gaeLambda } = input;
  for (let e = 0; e < nEnvs; e++) {
    let lastGae = 0;
    for (let t = nSteps - 1; t >= 0; t--) {
      const i = t * nEnvs + e;
      const nextNonTerminal = 1 - dones[i]!;
      const nextValue = t === nSteps - 1 ? lastValues[e]! : values[i + nEnvs]!;
      const delta = rewards[i]! + gamma * nextValue * nextNonTerminal - values[i]!;
      lastGae = delta + gamma * gaeLambda * nextNonTerminal * lastGae;
      advantages[i] = lastGae;
      returns[i] = lastGae + values[i]!;
    }
  }
}

/** SB3's truncation bootstrap: rewards[e] += gamma * finalValues[e] where truncated[e] (and not terminated). */
export function bootstrapTruncated(
  rewards: Float64Array,
  terminated: ArrayLike<number>,
  truncated: ArrayLike<number>,
  finalValues: ArrayLike<number>,
  gamma: number,
): void {
  for (let e = 0; e < rewards.length; e++) {
    if (truncated[e] && !terminated[e]) rewards[e] = rewards[e]! + gamma * finalValues[e]!;
  }
}

/** 1 - Var[y - yPred] / Var[y] (SB3 `explained_variance`; NaN when Var[y] = 0). */
export function explainedVariance(yPred: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = y.length;
  let my = 0;
  let md = 0;
  for (let i = 0; i < n; i++) {
    my += y[i]!;
    md += y[i]! - yPred[i]!;
  }
  my /= n;
  md /= n;
  let vy = 0;
  let vd = 0;
  for (let i = 0; i < n; i++) {
    vy += (y[i]! - my) ** 2;
    vd += (y[i]! - yPred[i]! - md) ** 2;
  }
  return vy === 0 ? NaN : 1 - vd / vy;
}

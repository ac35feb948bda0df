/**
 * The types of `learn()`'s hooks: the metrics of an update, where training stands, and the hooks
 * object `Callbacks` ({ onRolloutEnd?, onUpdate? }: still accepted by `learn()`, run as a
 * `BaseCallback`). The callback classes are Stable-Baselines3's: `BaseCallback`
 * (agents/base-callback.ts), `CallbackList` (agents/callback-list.ts), and the training ones in
 * training/callbacks/. A hook returning `false` stops training after the current phase; hooks may
 * be async (the loop awaits them, which also lets signal handlers such as Ctrl-C run between
 * iterations).
 */

/**
 * Metrics of one iteration (collect + train), with SB3's namespaced keys:
 * `train/approx_kl`, `train/clip_fraction`, `train/entropy_loss`, `train/policy_gradient_loss`,
 * `train/value_loss`, `train/explained_variance`, `train/loss`, `train/learning_rate`,
 * `train/clip_range`, `train/n_updates`, `train/std` (Gaussian), `rollout/ep_rew_mean`,
 * `rollout/ep_len_mean`, `time/fps`, `time/iterations`, `time/total_timesteps`,
 * `time/rollout_seconds`, `time/train_seconds`. A2C has no `approx_kl` / `clip_fraction`.
 * `rollout/*` are NaN until an episode has finished.
 */
export type UpdateMetrics = Record<string, number>;

export interface IterationInfo {
  /** Env steps so far (all envs). */
  readonly numTimesteps: number;
  /** Iterations (rollout + update) so far. */
  readonly iteration: number;
  /** 1 at the start of `learn()`, 0 at `totalTimesteps`. */
  readonly progressRemaining: number;
  /** The target of the current `learn()` call (env steps; 0 before the first). */
  readonly totalTimesteps: number;
}

export type HookResult = boolean | void | Promise<boolean | void>;

/** A hooks object (the interface `learn()` took before the callback classes; see `asCallback`). */
export interface Callbacks {
  /** After each rollout is collected, before the update. */
  onRolloutEnd?(info: IterationInfo): HookResult;
  /** After each update, with its metrics. */
  onUpdate?(metrics: UpdateMetrics, info: IterationInfo): HookResult;
}

/** One finished episode (raw, unnormalised reward), as SB3's Monitor records it. */
export interface EpisodeInfo {
  /** Episode return. */
  r: number;
  /** Episode length in steps. */
  l: number;
}

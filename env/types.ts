/**
 * The contracts everything meets (see ARCHITECTURE.md): the Policy, the vector env and the
 * per-step record of what happened in the market.
 */
import type { EnvConfig } from './config.js';
import type { Box, Discrete } from './spaces.js';
import type { EnvStateFile } from './state-snapshot.js';

/**
 * A policy maps a batch of raw observations to a batch of actions.
 * Baselines, trained agents and loaded saved models are all Policies.
 * `obs` holds `batch` rows of `obsDim` float32 values (row-major); the result holds `batch`
 * rows of `actDim` values in the env's action space (for a Discrete space, one index per row).
 */
export interface Policy {
  readonly name: string;
  act(obs: Float32Array, batch: number, opts?: { deterministic?: boolean }): Float32Array;
  /** The env spec the policy was built for, if any (evaluations check it). */
  readonly spec?: EnvConfig;
  /** Release resources (tfjs tensors); optional. */
  dispose?(): void;
}

/**
 * What happened in each env during the last vector step (struct-of-arrays, length N each).
 * Values describe the step that was just taken, before any autoreset.
 */
export interface StepMarketInfo {
  /** Mid before the step's price move (the price the quotes were set around). */
  readonly midBefore: Float64Array;
  /** Mid after the step's price move. */
  readonly mid: Float64Array;
  /** Cash after the step (before autoreset). */
  readonly cash: Float64Array;
  /** Inventory after the step (before autoreset). */
  readonly inventory: Float64Array;
  /** Active bid / ask prices this step (NaN where a side was not quoted). */
  readonly bidPrice: Float64Array;
  readonly askPrice: Float64Array;
  /** Units bought (bid filled) / sold (ask filled) this step. */
  readonly bidFill: Float64Array;
  readonly askFill: Float64Array;
  /** Fees paid this step (negative = rebate). */
  readonly fees: Float64Array;
  /** Step index within the episode (1 after the first step). */
  readonly stepIndex: Int32Array;
  /**
   * Penalties subtracted from this step's reward: phi q'^2 dt (running-penalty reward) plus the
   * terminal alpha q_T^2 on the last step, so W_T - W_0 = sum(reward + inventoryPenalty)
   * (running-penalty and pnl rewards). Optional: only simulators that have one fill it.
   */
  readonly inventoryPenalty?: Float64Array;
  /**
   * Each side's fill probability and what its fill was worth to the step's reward (the fill
   * control variate's inputs, agents/fill-control-variate.ts). Present where the env can report
   * them (the simulator), filled only after `enableFillCounterfactuals()`.
   */
  readonly fillCounterfactuals?: FillCounterfactuals;
}

/**
 * Per env, for the last step: `bidProb` / `askProb` the probability with which the side's quote
 * was to fill (0 where it was not quoted), and `bidReward` / `askReward` the step's reward had
 * the side filled minus had it not, the other side's fill as it happened (0 where not quoted).
 */
export interface FillCounterfactuals {
  readonly bidProb: Float64Array;
  readonly askProb: Float64Array;
  readonly bidReward: Float64Array;
  readonly askReward: Float64Array;
}

/** Result of a vector step, with same-step autoreset (as SB3's VecEnv). */
export interface VectorStepResult {
  /** N * obsDim: next observations; for a finished env, the first observation of its new episode. */
  readonly observations: Float32Array;
  /** N rewards of this step. */
  readonly rewards: Float64Array;
  /** 1 where the episode ended by a terminal state of the MDP (Gymnasium's `terminated`). */
  readonly terminated: Uint8Array;
  /** 1 where the episode was cut by a time limit (Gymnasium's `truncated`): bootstrap from `finalObservations`. */
  readonly truncated: Uint8Array;
  /** N * obsDim: the last observation of each finished episode (valid where terminated or truncated). */
  readonly finalObservations: Float32Array;
  /** Market details of the step. */
  readonly market: StepMarketInfo;
}

/**
 * N environments stepped together. The arrays it returns are owned by the env and overwritten by
 * the next call: copy what you keep.
 */
export interface VectorEnv {
  readonly numEnvs: number;
  readonly config: Readonly<EnvConfig>;
  readonly obsDim: number;
  /** Action values per env (1 for a Discrete space). */
  readonly actDim: number;
  /**
   * Start reporting `market.fillCounterfactuals` on every step (the fill control variate); returns
   * false where the env cannot (a tape: it has no fill model). Optional: absent = cannot.
   */
  enableFillCounterfactuals?(): boolean;
  /** Single-env spaces. */
  readonly observationSpace: Box;
  readonly actionSpace: Box | Discrete;
  /** True for a replayed tape (its mid and its fills come from the same trades); absent or false for a simulator. */
  readonly replay?: boolean;
  /**
   * Reset all envs. With a seed, env i is reseeded with seed + i (Gymnasium's rule); with
   * `seeds` (one per env, as Gymnasium's list of seeds), env i with seeds[i] — envs given the same
   * seed share their market's random numbers (common random numbers); without either the streams
   * continue.
   */
  reset(opts?: { seed?: number; seeds?: readonly number[] }): { observations: Float32Array };
  /** Step all envs with N * actDim actions (row-major); finished envs autoreset. */
  step(actions: Float32Array): VectorStepResult;
  /**
   * Optional: every env's complete state, mid-episode included, and its restore (exact resume
   * from a checkpoint; the simulator and the replay have them, env/state-snapshot.ts).
   */
  saveState?(): EnvStateFile;
  loadState?(state: EnvStateFile): void;
  close(): void;
}

/**
 * The single-env contract (Gymnasium `core.py`), shared by `MarketMakingEnv` and the wrappers.
 */
import type { EnvConfig } from './config.js';
import type { Box, Discrete } from './spaces.js';

/** What happened in the step (or the state at reset). Prices NaN where a side was not quoted. */
export interface StepInfo {
  /** Cash after the step. */
  cash: number;
  /** Inventory q after the step. */
  inventory: number;
  /** Mid after the step's price move. */
  mid: number;
  /** Mid the quotes were set around. */
  midBefore: number;
  bidPrice: number;
  askPrice: number;
  /** Units bought at the bid / sold at the ask this step. */
  bidFill: number;
  askFill: number;
  /** Fees paid this step (negative = rebate). */
  fees: number;
  /** Penalties subtracted from the reward this step (running phi q^2 dt + terminal alpha q^2). */
  penalty: number;
  /** Mark-to-mid wealth cash + q * mid. */
  wealth: number;
  /** Steps taken in this episode. */
  step: number;
  /** Added by RecordEpisodeStatistics on the last step: return r, length l. */
  episode?: { r: number; l: number };
}

export interface ResetOptions {
  /** Start the episode with this inventory instead of `config.initialInventory` (|q| <= Q). */
  initialInventory?: number;
}

export interface ResetResult {
  observation: Float32Array;
  info: StepInfo;
}

export interface StepResult {
  /** The next observation (a fresh array). */
  observation: Float32Array;
  reward: number;
  /**
   * The episode reached a terminal state of the MDP: here the horizon T (time is part of the
   * state, so T is terminal, not a truncation). Do not bootstrap from the next observation.
   */
  terminated: boolean;
  /**
   * The episode was cut by a time limit outside the MDP (`maxEpisodeSteps` / TimeLimit) before
   * T. Bootstrap from `observation`.
   */
  truncated: boolean;
  info: StepInfo;
}

/** An action: a vector for Box spaces, an index (or [index]) for Discrete. */
export type Action = ArrayLike<number> | number;

export interface Env {
  readonly observationSpace: Box;
  readonly actionSpace: Box | Discrete;
  /** The market this env simulates. */
  readonly config: Readonly<EnvConfig>;
  /**
   * Start an episode. With `seed` (checked as `seed !== undefined`, so 0 is a seed) the env's
   * random stream is reseeded; without one the stream continues (an env never seeded starts from
   * seed 0, so runs are reproducible by default). As in Gymnasium, the spaces' samplers are
   * seeded separately (`actionSpace.seed(s)`).
   */
  reset(opts?: { seed?: number; options?: ResetOptions }): ResetResult;
  /** Take one step; call `reset()` after terminated or truncated. */
  step(action: Action): StepResult;
  /** A one-line text picture of the current state ('ansi'). */
  render(mode?: 'ansi'): string;
  close(): void;
}

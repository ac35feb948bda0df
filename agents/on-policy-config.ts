/**
 * The on-policy algorithms' shared types, apart from their machinery (on-policy.ts) so that
 * what saves and restores an agent (agent-io.ts) depends on these and not on the class:
 * hyperparameters (SB3 names) and their ranges (util/schema.ts rules), a config override and its
 * merge onto an algorithm's defaults (`ConfigInput`, `mergeConfig`), construction options, the
 * rollout's resumable state, and `CheckpointableAgent`, what a checkpoint reads and writes of an agent.
 */
import type { Policy, VectorEnv } from '../env/types.js';
import type { ActorCritic, NetConfig } from '../models/actor-critic.js';
import type { ActionSpaceSpec } from '../models/network-policy.js';
import type { SeededRandom } from '../models/random.js';
import type { EpisodeInfo } from './callbacks.js';
import type { Optimizer } from './optimizers.js';
import type { Schedule } from './schedule.js';
import type { VecNormalize, VecNormalizeConfig } from './vec-normalize.js';
import type { ArrayRecord, EnvStateFile } from '../env/state-snapshot.js';
import { fields, interval, nullable, num, rangeError, schedule, validate } from '../util/schema.js';

/**
 * Where a rollout stands between iterations: the envs' complete state (mid-episode) and the
 * agent's per-env view of it, so a checkpoint resumes exactly, without a reset.
 */
export interface RolloutState {
  env: EnvStateFile;
  lastObsRaw: ArrayRecord;
  lastObs: ArrayRecord;
  epReturn: ArrayRecord;
  epLength: ArrayRecord;
}

/** Hyperparameters shared by PPO and A2C (SB3 names). */
export interface OnPolicyConfig {
  /** Learning rate, constant or a schedule of progressRemaining. */
  learningRate: number | Schedule;
  /** Steps per env per rollout. */
  nSteps: number;
  /** Discount factor, in (0, 1]. */
  gamma: number;
  /** GAE lambda, in [0, 1]. */
  gaeLambda: number;
  /** Entropy bonus coefficient. */
  entCoef: number;
  /** Value loss coefficient. */
  vfCoef: number;
  /** Global gradient-norm clip. */
  maxGradNorm: number;
  /** Normalise advantages (per minibatch). */
  normalizeAdvantage: boolean;
  /** Network shape. */
  net: NetConfig;
  /** Observation / reward normalisation (VecNormalize). */
  normalize: VecNormalizeConfig;
  /** Seed of the initialiser, action sampling, minibatch shuffling and the env's first reset. */
  seed: number;
  /**
   * Gaussian policies: null = the state-independent log-std is learned (SB3); a number or
   * schedule = the log-std is set to this value (of progressRemaining) before every rollout and
   * not trained (its gradient is zeroed).
   */
  logStdSchedule: number | Schedule | null;
  /**
   * Learn from r_t - q_{t+1} (S_{t+1} - S_t): the mark-to-market control variate, exact where
   * the mid is a driftless martingale the maker's fills do not move (agents/mtm-control-variate.ts;
   * refused elsewhere); 'auto' = where it is exact, off elsewhere. Evaluations and episode
   * returns keep the env's reward.
   */
  mtmControlVariate: boolean | 'auto';
  /**
   * Learn from r' - sum_side (f_side - p_side) c_side: each fill's Bernoulli outcome replaced by its
   * expectation, exact wherever the env reports its fill probabilities and has no informed flow
   * (the simulator; agents/fill-control-variate.ts). Refused elsewhere (a tape, toxicity > 0).
   */
  fillControlVariate: boolean;
  /**
   * Envs per common-random-number group (agents/crn-groups.ts): groups of this many rollout envs
   * share their market's random numbers, and each advantage gets its group's leave-one-out mean
   * subtracted. 1 = off (every env its own stream). Must divide the number of envs.
   */
  crnGroupSize: number;
  /**
   * Discrete depth-grid actions (env action mode 'discrete', Discrete(n^2) over (bid, ask)): one
   * softmax per side (SB3's MultiCategorical over MultiDiscrete([n, n])) instead of one over the n^2
   * pairs; the joint probability is the product, so every pair keeps the mass of its two sides.
   * false = one categorical (SB3's Discrete). Refused on other action spaces.
   */
  factoredActions: boolean;
}

/** A config override: any top-level field, and nested `net` / `normalize` fields. */
export type ConfigInput<C extends OnPolicyConfig> = Partial<Omit<C, 'net' | 'normalize'>> & {
  net?: Partial<NetConfig>;
  normalize?: Partial<VecNormalizeConfig>;
};

/** `input` over `defaults`, one level deep into `net` and `normalize`; `net.hidden` is copied so the defaults stay frozen. */
export function mergeConfig<C extends OnPolicyConfig>(defaults: Readonly<C>, input: ConfigInput<C>): C {
  const out = { ...defaults, ...input, net: { ...defaults.net, ...input.net }, normalize: { ...defaults.normalize, ...input.normalize } } as C;
  out.net.hidden = [...out.net.hidden];
  return out;
}

/**
 * The ranges of the shared hyperparameters, in the order they are checked (PPO and A2C add their
 * own fields after these). Errors are RangeErrors: `ppo.gamma must be a number in [0, 1], got 1.5`.
 */
export const ON_POLICY_CONFIG = fields<OnPolicyConfig>(
  ['nSteps', interval(1, 1e9, { integer: true })],
  ['gamma', interval(0, 1)],
  ['gaeLambda', interval(0, 1)],
  ['entCoef', interval(0, 1e6)],
  ['vfCoef', interval(0, 1e6)],
  ['maxGradNorm', interval(0, Infinity)],
  ['seed', interval(-2147483648, 2147483647, { integer: true })],
  ['crnGroupSize', interval(1, 1e6, { integer: true })],
  ['learningRate', schedule({ min: 0, max: 10 })],
  ['logStdSchedule', nullable(schedule({ min: -20, max: 5 }))],
  ['normalize', fields<VecNormalizeConfig>(['clipObs', num({ gt: 0 })], ['clipReward', num({ gt: 0 })], ['epsilon', num({ gt: 0, max: 1 })])],
);

/** Check the shared hyperparameters of `algo` ('ppo', 'a2c': the fields are named `ppo.gamma`). */
export function validateOnPolicyConfig(c: OnPolicyConfig, algo: string): void {
  validate(ON_POLICY_CONFIG, c, { at: algo, error: rangeError });
}

/** `field` must be a number (`integer`: an integer) in [lo, hi]; throws a RangeError naming it. */
export function checkRange(field: string, v: number, lo: number, hi: number, integer = false): void {
  validate(interval(lo, hi, { integer }), v, { at: field, error: rangeError });
}

export interface AgentOptions {
  /** Residual mode: the env action is this policy's action plus the learned correction. */
  residual?: { name: string; policy: Policy } | null;
  /**
   * Threads computing each minibatch's gradient, the learner included (agents/grad-workers.ts):
   * 1 = the single-thread path. The same seed and worker count give the same run, bit for bit.
   * @defaultValue 1
   */
  workers?: number;
}

/** The counters, optimizer and sampler state a checkpoint saves (`stateForSave()`). */
export interface TrainingState {
  rng: ReturnType<SeededRandom['state']>;
  optimizer: ReturnType<Optimizer['state']>;
  numTimesteps: number;
  iteration: number;
  nUpdates: number;
  episodeInfos: EpisodeInfo[];
  vecNormalizeReturns: number[];
}

/** What saving, checkpointing and restoring read and write of an agent (OnPolicyAlgorithm is one). */
export interface CheckpointableAgent {
  readonly algorithm: 'ppo' | 'a2c';
  readonly env: VectorEnv;
  readonly config: OnPolicyConfig;
  readonly ac: ActorCritic;
  readonly vecNormalize: VecNormalize;
  readonly actionSpace: ActionSpaceSpec;
  readonly residual: { name: string; policy: Policy } | null;
  readonly numTimesteps: number;
  readonly iteration: number;
  stateForSave(): TrainingState;
  /** Checkpoints written before `nUpdates` was saved restore it as 0. */
  restoreState(s: Omit<TrainingState, 'nUpdates'> & { nUpdates?: number }): void;
  rolloutState(): RolloutState | null;
  restoreRollout(s: RolloutState): void;
}

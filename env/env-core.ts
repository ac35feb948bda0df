/**
 * What an env view needs from a market core, and the records built from it. Two cores extend
 * `EnvCore`: the simulator (`MarketCore`, sim/core.ts) and the real-data replay (`ReplayCore`,
 * replay/replay-core.ts); the vector env (core-vector-env.ts) and the single env
 * (core-env.ts) are written once over it.
 */
import type { EnvConfig } from './config.js';
import type { StepInfo } from './env.js';
import { restoreState, snapshotState, type EnvStateFile } from './state-snapshot.js';
import type { FillCounterfactuals, StepMarketInfo } from './types.js';
import { EnvError } from '../util/errors.js';

/**
 * N markets in struct-of-arrays form (length N each), stepped together with no allocation per
 * step. State arrays describe the current time; `rewards`, `terminal` and the `out*` arrays
 * describe the last step, before any reset. A core allocates them here and fills them.
 */
export abstract class EnvCore {
  readonly n: number;
  /** The validated config the markets were built from. */
  abstract readonly config: Readonly<EnvConfig>;
  /** Steps per episode, round(T / dt). */
  abstract readonly steps: number;
  abstract readonly obsDim: number;
  abstract readonly actDim: number;

  // ---- state (per env) ----
  readonly mid: Float64Array;
  readonly cash: Float64Array;
  readonly inventory: Float64Array;
  /** Steps taken in the current episode. */
  readonly stepIndex: Int32Array;
  /** Wealth at reset, W_0 = cash_0 + q_0 S_0 (CARA utility is on W_T - W_0). */
  readonly initialWealth: Float64Array;

  // ---- outputs of the last step (per env; before any reset) ----
  readonly rewards: Float64Array;
  /** 1 where the step reached the horizon T. */
  readonly terminal: Uint8Array;
  readonly outMidBefore: Float64Array;
  readonly outMid: Float64Array;
  readonly outCash: Float64Array;
  readonly outInventory: Float64Array;
  /** Active quotes (NaN where a side was not quoted). */
  readonly outBidPrice: Float64Array;
  readonly outAskPrice: Float64Array;
  readonly outBidFill: Float64Array;
  readonly outAskFill: Float64Array;
  readonly outFees: Float64Array;
  /** Penalties subtracted this step: phi q'^2 dt (running-penalty reward) + alpha q_T^2 at the end. */
  readonly outPenalty: Float64Array;
  readonly outStepIndex: Int32Array;

  /** Allocates the arrays of `n` envs (an integer >= 1). */
  protected constructor(n: number) {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`numEnvs must be an integer >= 1, got ${n}`);
    this.n = n;
    const f64 = (): Float64Array => new Float64Array(n);
    this.mid = f64();
    this.cash = f64();
    this.inventory = f64();
    this.stepIndex = new Int32Array(n);
    this.initialWealth = f64();
    this.rewards = f64();
    this.terminal = new Uint8Array(n);
    this.outMidBefore = f64();
    this.outMid = f64();
    this.outCash = f64();
    this.outInventory = f64();
    this.outBidPrice = f64();
    this.outAskPrice = f64();
    this.outBidFill = f64();
    this.outAskFill = f64();
    this.outFees = f64();
    this.outPenalty = f64();
    this.outStepIndex = new Int32Array(n);
  }

  /**
   * Property names that hold no state (the config, data the core reads, constant tables): left
   * out of `saveState()`. A subclass with more such data (the replay's tape) adds its own.
   */
  protected get stateExclude(): ReadonlySet<string> {
    return BASE_STATE_EXCLUDE;
  }

  /** Every env's complete state, mid-episode included (env/state-snapshot.ts). */
  saveState(): EnvStateFile {
    return snapshotState(this, this.stateExclude);
  }

  /** Restore `saveState()`'s output, taken of a core built from the same config and N. */
  loadState(s: EnvStateFile): void {
    restoreState(this, this.stateExclude, s);
  }

  /** Reseed env i's random stream. */
  abstract seedEnv(i: number, seed: number): void;
  /** Start a new episode of env i (its stream continues), with this inventory (default: the config's). */
  abstract resetEnv(i: number, initialInventory?: number): void;
  /** Step every env with N * actDim actions (row-major); finished envs must have been reset. */
  abstract step(actions: ArrayLike<number>): void;
  /** Env i's observation into out[offset .. offset + obsDim). */
  abstract writeObservation(i: number, out: Float32Array, offset: number): void;
  /** Every env's observation into out (N * obsDim, row-major). */
  abstract writeObservations(out: Float32Array): void;

  /** The fill counterfactuals' arrays where the core can report them (the simulator), else null. */
  get fillCounterfactuals(): FillCounterfactuals | null {
    return null;
  }

  /** Start filling `fillCounterfactuals` on every step; false where the core cannot (the replay). */
  enableFillCounterfactuals(): boolean {
    return false;
  }
}

/** A step produced a non-finite reward or observation: the config's magnitudes overflow float64. */
export class NonFiniteStepError extends EnvError {
  constructor(message: string) {
    super(message);
    this.name = 'NonFiniteStepError';
  }
}

/** The config fields whose size drives rewards and observations (named by NonFiniteStepError). */
function magnitudes(c: EnvCore): string {
  const cfg = c.config;
  const sigma = 'sigma' in cfg.price ? cfg.price.sigma : undefined; // regime switching has one per regime
  const parts = [`s0=${cfg.s0}`, `price.sigma=${String(sigma)}`, `fees.makerPerUnit=${cfg.fees.makerPerUnit}`, `fees.makerBps=${cfg.fees.makerBps}`, `initialCash=${cfg.initialCash}`, `reward.kind=${cfg.reward.kind}`, `gamma=${cfg.gamma}`];
  return ` (the fields that scale it: ${parts.join(', ')})`;
}

/**
 * Runtime guard after a step: every reward and observation must be finite. Names the env index,
 * its step, what was not finite and the config's magnitudes.
 */
export function assertFiniteStep(c: EnvCore, observations: Float32Array, obsDim: number, label: string): void {
  const r = c.rewards;
  // Hot path: one sum, which is NaN or infinite iff some term is (terms are bounded far below
  // float64's range by the validator); only then look for the culprit.
  let acc = 0;
  for (let i = 0; i < r.length; i++) acc += r[i]!;
  for (let j = 0; j < observations.length; j++) acc += observations[j]!;
  if (acc - acc === 0) return;
  for (let i = 0; i < c.n; i++) {
    if (!Number.isFinite(r[i]!)) {
      throw new NonFiniteStepError(`${label}: env ${i}, step ${c.outStepIndex[i]}: the reward is ${r[i]}${magnitudes(c)}`);
    }
  }
  for (let j = 0; j < observations.length; j++) {
    if (!Number.isFinite(observations[j]!)) {
      const i = Math.floor(j / obsDim);
      throw new NonFiniteStepError(`${label}: env ${i}, step ${c.outStepIndex[i]}: observation component ${j % obsDim} is ${observations[j]}${magnitudes(c)}`);
    }
  }
}

/**
 * The config, the generator's constant ziggurat tables (StreamRngs kn, wn, fn) and the simulator's
 * scratch of quotes (written before every step's loop with latency) hold no state.
 */
export const BASE_STATE_EXCLUDE: ReadonlySet<string> = new Set(['config', 'kn', 'wn', 'fn', 'quotes']);

/** The vector step's market record: views of the core's output arrays (no copy). */
export function marketInfoOf(c: EnvCore): StepMarketInfo {
  return {
    midBefore: c.outMidBefore,
    mid: c.outMid,
    cash: c.outCash,
    inventory: c.outInventory,
    bidPrice: c.outBidPrice,
    askPrice: c.outAskPrice,
    bidFill: c.outBidFill,
    askFill: c.outAskFill,
    fees: c.outFees,
    stepIndex: c.outStepIndex,
    inventoryPenalty: c.outPenalty,
    ...(c.fillCounterfactuals !== null ? { fillCounterfactuals: c.fillCounterfactuals } : {}),
  };
}

/** What happened to env i in the last step (the single env's `info`). */
export function stepInfoOf(c: EnvCore, i: number): StepInfo {
  return {
    cash: c.outCash[i]!,
    inventory: c.outInventory[i]!,
    mid: c.outMid[i]!,
    midBefore: c.outMidBefore[i]!,
    bidPrice: c.outBidPrice[i]!,
    askPrice: c.outAskPrice[i]!,
    bidFill: c.outBidFill[i]!,
    askFill: c.outAskFill[i]!,
    fees: c.outFees[i]!,
    penalty: c.outPenalty[i]!,
    wealth: c.outCash[i]! + c.outInventory[i]! * c.outMid[i]!,
    step: c.outStepIndex[i]!,
  };
}

/** Env i's state just after a reset (no quotes, no fills yet). */
export function resetInfoOf(c: EnvCore, i: number): StepInfo {
  const mid = c.mid[i]!;
  return {
    cash: c.cash[i]!,
    inventory: c.inventory[i]!,
    mid,
    midBefore: mid,
    bidPrice: NaN,
    askPrice: NaN,
    bidFill: 0,
    askFill: 0,
    fees: 0,
    penalty: 0,
    wealth: c.cash[i]! + c.inventory[i]! * mid,
    step: 0,
  };
}

/** The `maxEpisodeSteps` option: an integer >= 1, or Infinity when not given. */
export function checkMaxEpisodeSteps(limit: number | undefined): number {
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    throw new RangeError(`maxEpisodeSteps must be an integer >= 1, got ${limit}`);
  }
  return limit ?? Infinity;
}

/** A reset seed: a finite number (Gymnasium's rule: checked as `seed !== undefined`, 0 is a seed). */
export function checkSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return seed;
}

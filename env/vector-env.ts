/**
 * N market-making envs stepped together over one `MarketCore` (typed arrays, no allocation per
 * step), with same-step autoreset as SB3's VecEnv.
 *
 * - `reset({ seed })`: with a seed, env i is reseeded with seed + i; without one (`seed ===
 *   undefined`) the streams continue. Before any seeded reset, env i's stream is seeded with i.
 * - `step(actions)`: a finished env's last observation goes to `finalObservations`, the env is
 *   reset (its stream continues) and `observations` holds the first observation of its new
 *   episode. `terminated` = the horizon T was reached (T is part of the MDP: t/T is observed);
 *   `truncated` = the optional `maxEpisodeSteps` limit cut the episode earlier (bootstrap from
 *   `finalObservations`). `market` describes the step before any autoreset.
 * The returned arrays are owned by the env and overwritten by the next call.
 */
import type { EnvConfig } from './config.js';
import { actionSpaceOf } from './action-map.js';
import { observationSpaceOf } from './observation.js';
import { MarketCore } from './sim/core.js';
import type { Box, Discrete } from './spaces.js';
import type { StepMarketInfo, VectorEnv, VectorStepResult } from './types.js';

export interface VectorEnvOptions {
  numEnvs: number;
  /** Truncate episodes after this many steps (< the horizon's step count to matter). */
  maxEpisodeSteps?: number;
}

export class MarketMakingVectorEnv implements VectorEnv {
  readonly numEnvs: number;
  readonly config: Readonly<EnvConfig>;
  readonly obsDim: number;
  readonly actDim: number;
  readonly observationSpace: Box;
  readonly actionSpace: Box | Discrete;
  /** Steps per episode (round(T / dt)). */
  readonly episodeSteps: number;
  readonly maxEpisodeSteps: number;
  /** The simulator (read-only use: state arrays, parts). */
  readonly core: MarketCore;
  private readonly observations: Float32Array;
  private readonly finalObservations: Float32Array;
  private readonly terminated: Uint8Array;
  private readonly truncated: Uint8Array;
  private readonly result: VectorStepResult;
  private closed = false;

  /** `config` must be validated (use `makeVec`). */
  constructor(config: Readonly<EnvConfig>, opts: VectorEnvOptions) {
    this.core = new MarketCore(config, opts.numEnvs);
    this.numEnvs = opts.numEnvs;
    this.config = config;
    this.obsDim = this.core.obsDim;
    this.actDim = this.core.actDim;
    this.observationSpace = observationSpaceOf(config);
    this.actionSpace = actionSpaceOf(config.action);
    this.episodeSteps = this.core.steps;
    const limit = opts.maxEpisodeSteps;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
      throw new RangeError(`maxEpisodeSteps must be an integer >= 1, got ${limit}`);
    }
    this.maxEpisodeSteps = limit ?? Infinity;
    const n = this.numEnvs;
    this.observations = new Float32Array(n * this.obsDim);
    this.finalObservations = new Float32Array(n * this.obsDim);
    this.terminated = new Uint8Array(n);
    this.truncated = new Uint8Array(n);
    const c = this.core;
    const market: StepMarketInfo = {
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
    };
    this.result = {
      observations: this.observations,
      rewards: c.rewards,
      terminated: this.terminated,
      truncated: this.truncated,
      finalObservations: this.finalObservations,
      market,
    };
  }

  reset(opts: { seed?: number } = {}): { observations: Float32Array } {
    this.assertOpen();
    const seed = opts.seed;
    if (seed !== undefined && !Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    for (let i = 0; i < this.numEnvs; i++) {
      if (seed !== undefined) this.core.seedEnv(i, seed + i);
      this.core.resetEnv(i);
    }
    this.core.writeObservations(this.observations);
    return { observations: this.observations };
  }

  step(actions: Float32Array): VectorStepResult {
    this.assertOpen();
    const c = this.core;
    c.step(actions);
    const d = this.obsDim;
    const limit = this.maxEpisodeSteps;
    for (let i = 0; i < this.numEnvs; i++) {
      const term = c.terminal[i]!;
      const trunc = term === 0 && c.stepIndex[i]! >= limit ? 1 : 0;
      this.terminated[i] = term;
      this.truncated[i] = trunc;
      if (term === 1 || trunc === 1) {
        c.writeObservation(i, this.finalObservations, i * d);
        c.resetEnv(i);
      }
    }
    c.writeObservations(this.observations);
    return this.result;
  }

  close(): void {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MarketMakingVectorEnv: the env is closed');
  }
}

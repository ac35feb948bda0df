/**
 * `ReplayVectorEnv`: N replay envs stepped together, implementing the same `VectorEnv` contract
 * as the simulator (env/types.ts), so evaluations and training run on real data unchanged.
 * Seeding as the simulator: `reset({ seed })` reseeds env i with seed + i (which fixes its
 * sequence of episode windows); without a seed the streams continue. Same-step autoreset; a
 * finished env starts a new random window.
 */
import type { EnvConfig } from '../../config.js';
import { actionSpaceOf } from '../../action-map.js';
import { observationSpaceOf } from '../../observation.js';
import type { Box, Discrete } from '../../spaces.js';
import type { StepMarketInfo, VectorEnv, VectorStepResult } from '../../types.js';
import type { MarketTape } from '../tape/market-tape.js';
import type { LoadReport } from '../loaders/load-report.js';
import type { FillModelConfig } from './fill-model.js';
import { ReplayCore, type ReplayFill } from './replay-core.js';

export interface ReplayVectorEnvOptions {
  numEnvs: number;
  /** Truncate episodes after this many steps. */
  maxEpisodeSteps?: number;
  /** Keep a log of every fill (`fills`). @defaultValue false */
  recordFills?: boolean;
  /** The loaders' reports of the tape's files (kept for `loadReports`). */
  loadReports?: LoadReport[];
}

export class ReplayVectorEnv implements VectorEnv {
  readonly numEnvs: number;
  readonly obsDim: number;
  readonly actDim: number;
  readonly observationSpace: Box;
  readonly actionSpace: Box | Discrete;
  readonly episodeSteps: number;
  readonly maxEpisodeSteps: number;
  readonly core: ReplayCore;
  /** Rows loaded and skipped (by reason) in the tape's files, when built from an id. */
  readonly loadReports: readonly LoadReport[];
  private readonly observations: Float32Array;
  private readonly finalObservations: Float32Array;
  private readonly terminated: Uint8Array;
  private readonly truncated: Uint8Array;
  private readonly result: VectorStepResult;
  private closed = false;

  /** `config` must be validated; its time unit is the second (calibrated presets are). */
  constructor(
    tape: MarketTape,
    readonly config: Readonly<EnvConfig>,
    readonly fill: Readonly<FillModelConfig>,
    opts: ReplayVectorEnvOptions,
  ) {
    const c = (this.core = new ReplayCore(tape, config, fill, opts.numEnvs, opts.recordFills === true));
    this.numEnvs = opts.numEnvs;
    this.obsDim = c.obsDim;
    this.actDim = c.actDim;
    this.observationSpace = observationSpaceOf(config);
    this.actionSpace = actionSpaceOf(config.action);
    this.episodeSteps = c.steps;
    this.loadReports = opts.loadReports ?? [];
    const limit = opts.maxEpisodeSteps;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`maxEpisodeSteps must be an integer >= 1, got ${limit}`);
    this.maxEpisodeSteps = limit ?? Infinity;
    const n = this.numEnvs;
    this.observations = new Float32Array(n * this.obsDim);
    this.finalObservations = new Float32Array(n * this.obsDim);
    this.terminated = new Uint8Array(n);
    this.truncated = new Uint8Array(n);
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
    for (let i = 0; i < n; i++) c.resetEnv(i);
  }

  /** The fill log (empty unless `recordFills`). */
  get fills(): readonly ReplayFill[] {
    return this.core.fills ?? [];
  }

  /** Tape time (s) where each env's current episode started. */
  get episodeStart(): Float64Array {
    return this.core.start;
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
    for (let i = 0; i < this.numEnvs; i++) {
      const term = c.terminal[i] as number;
      const trunc = term === 0 && (c.stepIndex[i] as number) >= this.maxEpisodeSteps ? 1 : 0;
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
    if (this.closed) throw new Error('ReplayVectorEnv: the env is closed');
  }
}

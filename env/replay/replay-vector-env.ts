/**
 * `ReplayVectorEnv`: N replay envs stepped together — `CoreVectorEnv` (env/core-vector-env.ts)
 * over `ReplayCore` — so the same `VectorEnv` contract as the simulator (env/types.ts) holds and
 * evaluations and training run on real data unchanged. Seeding as the simulator: `reset({ seed })`
 * reseeds env i with seed + i (which fixes its sequence of episode windows); without a seed the
 * streams continue. Same-step autoreset; a finished env starts a new random window.
 */
import type { EnvConfig } from '../config.js';
import { CoreVectorEnv } from '../core-vector-env.js';
import type { MarketTape } from '../../marketdata/tape/market-tape.js';
import type { LoadReport } from '../../marketdata/loaders/load-report.js';
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

export class ReplayVectorEnv extends CoreVectorEnv<ReplayCore> {
  readonly replay = true;
  /** Rows loaded and skipped (by reason) in the tape's files, when built from an id. */
  readonly loadReports: readonly LoadReport[];

  /** `config` must be validated; its time unit is the second (calibrated presets are). */
  constructor(
    tape: MarketTape,
    config: Readonly<EnvConfig>,
    readonly fill: Readonly<FillModelConfig>,
    opts: ReplayVectorEnvOptions,
  ) {
    super(new ReplayCore(tape, config, fill, opts.numEnvs, opts.recordFills === true), config, opts.maxEpisodeSteps, 'ReplayVectorEnv');
    this.loadReports = opts.loadReports ?? [];
    for (let i = 0; i < this.numEnvs; i++) this.core.resetEnv(i);
  }

  /** The fill log (empty unless `recordFills`). */
  get fills(): readonly ReplayFill[] {
    return this.core.fills ?? [];
  }

  /** Tape time (s) where each env's current episode started. */
  get episodeStart(): Float64Array {
    return this.core.start;
  }
}

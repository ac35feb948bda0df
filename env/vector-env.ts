/**
 * N simulated market-making envs stepped together over one `MarketCore` (typed arrays, no
 * allocation per step): `CoreVectorEnv` (core-vector-env.ts: seeding, same-step autoreset,
 * terminated vs truncated) over the simulator. Before any seeded reset, env i's stream is seeded
 * with i.
 */
import type { EnvConfig } from './config.js';
import { CoreVectorEnv } from './core-vector-env.js';
import { MarketCore } from './sim/core.js';

export interface VectorEnvOptions {
  numEnvs: number;
  /** Truncate episodes after this many steps (< the horizon's step count to matter). */
  maxEpisodeSteps?: number;
}

export class MarketMakingVectorEnv extends CoreVectorEnv<MarketCore> {
  /** `config` must be validated (use `makeVec`). */
  constructor(config: Readonly<EnvConfig>, opts: VectorEnvOptions) {
    super(new MarketCore(config, opts.numEnvs), config, opts.maxEpisodeSteps, 'MarketMakingVectorEnv');
  }
}

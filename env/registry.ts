/**
 * `make` / `makeVec`: an id (`mmgym/AvellanedaStoikov-v0`), a preset name (`as2008`, `calm`, ...)
 * or a full config, plus overrides -> a validated env.
 */
import type { EnvConfig, EnvOverrides } from './config.js';
import { MarketMakingEnv, type MarketMakingEnvOptions } from './market-making-env.js';
import { DEFAULT_ENV_ID } from './presets.js';
import { applyOverrides, resolveEnvConfig } from './resolve-config.js';
import { validateConfig } from './validate-config.js';
import { MarketMakingVectorEnv } from './vector-env.js';
import { isReplayId, makeReplay, makeReplayVec } from './data/replay/replay-id.js';
import type { ReplayMarketMakingEnv } from './data/replay/replay-env.js';
import type { ReplayVectorEnv } from './data/replay/replay-vector-env.js';

function configOf(idOrConfig: string | EnvConfig, overrides?: EnvOverrides): EnvConfig {
  return typeof idOrConfig === 'string'
    ? resolveEnvConfig(idOrConfig, overrides)
    : validateConfig(overrides === undefined ? idOrConfig : applyOverrides(idOrConfig, overrides));
}

/** A single env: `make()` is the Avellaneda–Stoikov 2008 market. */
export function make(
  id: string | EnvConfig = DEFAULT_ENV_ID,
  overrides?: EnvOverrides,
  opts: MarketMakingEnvOptions = {},
): MarketMakingEnv | ReplayMarketMakingEnv {
  if (typeof id === 'string' && isReplayId(id)) return makeReplay(id, overrides, opts); // real-data replay (env/data/replay)
  return new MarketMakingEnv(configOf(id, overrides), opts);
}

export interface MakeVecOptions {
  numEnvs: number;
  overrides?: EnvOverrides;
  /** Truncate episodes after this many steps (Gymnasium TimeLimit). */
  maxEpisodeSteps?: number;
}

/** N envs stepped together (struct-of-arrays core, same-step autoreset). */
export function makeVec(id: string | EnvConfig, opts: MakeVecOptions): MarketMakingVectorEnv | ReplayVectorEnv {
  if (typeof id === 'string' && isReplayId(id)) return makeReplayVec(id, opts); // real-data replay (env/data/replay)
  const config = configOf(id, opts.overrides);
  return new MarketMakingVectorEnv(
    config,
    opts.maxEpisodeSteps === undefined ? { numEnvs: opts.numEnvs } : { numEnvs: opts.numEnvs, maxEpisodeSteps: opts.maxEpisodeSteps },
  );
}

// Also reachable from here (callers import it next to make/makeVec).
export { resolveEnvConfig } from './resolve-config.js';

/**
 * `make` / `makeVec`: an id (`mmgym/AvellanedaStoikov-v0`), a preset name (`as2008`, `calm`, ...)
 * or a full config, plus overrides -> a validated env.
 */
import { DEFAULT_ENV_CONFIG, type EnvConfig, type EnvOverrides } from './config.js';
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
  assertKnownOptions(opts, ['maxEpisodeSteps'], 'make');
  if (typeof id === 'string' && isReplayId(id)) return makeReplay(id, overrides, opts); // real-data replay (env/data/replay)
  return new MarketMakingEnv(configOf(id, overrides), opts);
}

export interface MakeVecOptions {
  numEnvs: number;
  overrides?: EnvOverrides;
  /** Truncate episodes after this many steps (Gymnasium TimeLimit). */
  maxEpisodeSteps?: number;
}

const DEFAULT_CONFIG_KEYS: Readonly<Record<string, unknown>> = DEFAULT_ENV_CONFIG as unknown as Record<string, unknown>;

const MAKE_VEC_KEYS = ['numEnvs', 'overrides', 'maxEpisodeSteps'] as const;

/** Options with a key the function does not know land nowhere: refuse them, naming the key. */
export function assertKnownOptions(opts: object, known: readonly string[], fn: string): void {
  if (opts === null || typeof opts !== 'object') throw new RangeError(`${fn}: options must be an object, got ${String(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!known.includes(k)) {
      throw new RangeError(`${fn}: unknown option "${k}"; known: ${known.join(', ')}${k in DEFAULT_CONFIG_KEYS ? ` (config fields such as "${k}" go in overrides: { ${k}: ... })` : ''}`);
    }
  }
}

/** N envs stepped together (struct-of-arrays core, same-step autoreset). */
export function makeVec(id: string | EnvConfig, opts: MakeVecOptions): MarketMakingVectorEnv | ReplayVectorEnv {
  assertKnownOptions(opts, MAKE_VEC_KEYS, 'makeVec');
  if (typeof id === 'string' && isReplayId(id)) return makeReplayVec(id, opts); // real-data replay (env/data/replay)
  const config = configOf(id, opts.overrides);
  return new MarketMakingVectorEnv(
    config,
    opts.maxEpisodeSteps === undefined ? { numEnvs: opts.numEnvs } : { numEnvs: opts.numEnvs, maxEpisodeSteps: opts.maxEpisodeSteps },
  );
}

// Also reachable from here (callers import it next to make/makeVec).
export { resolveEnvConfig } from './resolve-config.js';

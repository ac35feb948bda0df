/**
 * `make` / `makeVec`: an id (`mmgym/AvellanedaStoikov-v0`), a preset name (`as2008`, `calm`, ...)
 * or a full config, plus overrides -> a validated env.
 */
import { DEFAULT_ENV_CONFIG, type EnvConfig, type EnvOverrides } from './config.js';
import type { CoreEnv } from './core-env.js';
import type { CoreVectorEnv } from './core-vector-env.js';
import type { EnvCore } from './env-core.js';
import { findEnvIdResolver, type MakeVecOptions } from './id-resolvers.js';
import { MarketMakingEnv, type MarketMakingEnvOptions } from './market-making-env.js';
import { DEFAULT_ENV_ID } from './presets.js';
import { applyOverrides, resolveEnvConfig } from './resolve-config.js';
import { validateConfig } from './validate-config.js';
import { MarketMakingVectorEnv } from './vector-env.js';

export type { MakeVecOptions } from './id-resolvers.js';

function configOf(idOrConfig: string | EnvConfig, overrides?: EnvOverrides): EnvConfig {
  return typeof idOrConfig === 'string'
    ? resolveEnvConfig(idOrConfig, overrides)
    : validateConfig(overrides === undefined ? idOrConfig : applyOverrides(idOrConfig, overrides));
}

/**
 * A single env: `make()` is the Avellaneda–Stoikov 2008 market. A prefixed id whose resolver
 * builds its own env (id-resolvers.ts; e.g. `replay:...`, the replay env of env/replay/) gets
 * that env; any other id the simulator `MarketMakingEnv`.
 */
export function make(
  id: string | EnvConfig = DEFAULT_ENV_ID,
  overrides?: EnvOverrides,
  opts: MarketMakingEnvOptions = {},
): MarketMakingEnv | CoreEnv<EnvCore> {
  assertKnownOptions(opts, ['maxEpisodeSteps'], 'make');
  const resolver = typeof id === 'string' ? findEnvIdResolver(id) : undefined;
  if (resolver?.make !== undefined) return resolver.make(id as string, overrides, opts);
  return new MarketMakingEnv(configOf(id, overrides), opts);
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

/**
 * N envs stepped together (struct-of-arrays core, same-step autoreset). As `make`, a prefixed id
 * whose resolver builds its own vector env gets it (e.g. `replay:...`: a `ReplayVectorEnv`).
 */
export function makeVec(id: string | EnvConfig, opts: MakeVecOptions): MarketMakingVectorEnv | CoreVectorEnv<EnvCore> {
  assertKnownOptions(opts, MAKE_VEC_KEYS, 'makeVec');
  const resolver = typeof id === 'string' ? findEnvIdResolver(id) : undefined;
  if (resolver?.makeVec !== undefined) return resolver.makeVec(id as string, opts);
  const config = configOf(id, opts.overrides);
  return new MarketMakingVectorEnv(
    config,
    opts.maxEpisodeSteps === undefined ? { numEnvs: opts.numEnvs } : { numEnvs: opts.numEnvs, maxEpisodeSteps: opts.maxEpisodeSteps },
  );
}

// Also reachable from here (callers import it next to make/makeVec).
export { resolveEnvConfig } from './resolve-config.js';

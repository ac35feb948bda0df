/**
 * Prefixed env ids (`replay:<data>?...`, `calibrated:<file>`, or a user's own `mine:...`): a
 * table of resolvers by prefix, consulted by `resolveEnvConfig` (resolve-config.ts) and
 * `make` / `makeVec` (registry.ts), as Gymnasium's registry is by `gymnasium.make`.
 *
 * The built-in prefixes register themselves: env/replay/register.ts (`replay:`) and
 * calibration/register.ts (`calibrated:`), both imported by env/builtin-ids.ts, which
 * resolve-config.ts imports for its side effect. This module holds the table only and imports
 * types alone, so a resolver's module never imports registry.ts or resolve-config.ts back: the
 * import graph stays acyclic (util/import-cycles.test.ts).
 */
import type { EnvConfig, EnvOverrides } from './config.js';
import type { CoreEnv } from './core-env.js';
import type { CoreVectorEnv } from './core-vector-env.js';
import type { EnvCore } from './env-core.js';
import type { MarketMakingEnvOptions } from './market-making-env.js';

/** The options of `makeVec(id, opts)`. */
export interface MakeVecOptions {
  numEnvs: number;
  overrides?: EnvOverrides;
  /** Truncate episodes after this many steps (Gymnasium TimeLimit). */
  maxEpisodeSteps?: number;
}

export interface EnvIdResolver {
  /**
   * The ids this resolver owns start with it: a name and a colon, e.g. `'replay:'` (letters,
   * digits, `.`, `_`, `-`; starting with a letter). Preset names and `mmgym/...` ids have no colon.
   */
  readonly prefix: string;
  /**
   * The env config the id describes, before overrides: `resolveEnvConfig(id, overrides)` applies
   * the overrides onto it and validates the result (so a resolver cannot drop them).
   */
  config(id: string): EnvConfig;
  /**
   * A single env of the id (e.g. the replay env). Without it, `make` builds the simulator env
   * (`MarketMakingEnv`) on `resolveEnvConfig(id, overrides)`.
   */
  make?(id: string, overrides: EnvOverrides | undefined, opts: MarketMakingEnvOptions): CoreEnv<EnvCore>;
  /**
   * N envs of the id stepped together. Without it, `makeVec` builds the simulator vector env
   * (`MarketMakingVectorEnv`) on `resolveEnvConfig(id, opts.overrides)`.
   */
  makeVec?(id: string, opts: MakeVecOptions): CoreVectorEnv<EnvCore>;
}

const PREFIX = /^[A-Za-z][A-Za-z0-9._-]*:$/;

const resolvers = new Map<string, EnvIdResolver>();

/**
 * Register the resolver of an id prefix; from then on `resolveEnvConfig`, `make` and `makeVec`
 * send ids starting with `resolver.prefix` to it. A prefix can be registered once.
 */
export function registerEnvIdResolver(resolver: EnvIdResolver): void {
  if (resolver === null || typeof resolver !== 'object') throw new TypeError(`registerEnvIdResolver: expected a resolver object, got ${String(resolver)}`);
  const { prefix } = resolver;
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new RangeError(`registerEnvIdResolver: prefix must be a name followed by a colon (e.g. "mine:"), got ${JSON.stringify(prefix)}`);
  }
  if (typeof resolver.config !== 'function') throw new TypeError(`registerEnvIdResolver: the resolver of "${prefix}" needs a config(id) function`);
  if (resolvers.has(prefix)) throw new RangeError(`registerEnvIdResolver: env id prefix "${prefix}" is already registered`);
  resolvers.set(prefix, resolver);
}

/** The resolver owning `id` (the registered prefix it starts with), or undefined. */
export function findEnvIdResolver(id: string): EnvIdResolver | undefined {
  const colon = id.indexOf(':');
  return colon < 0 ? undefined : resolvers.get(id.slice(0, colon + 1));
}

/** The registered prefixes, in registration order. */
export function envIdPrefixes(): string[] {
  return [...resolvers.keys()];
}

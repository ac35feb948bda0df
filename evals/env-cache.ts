/**
 * One vector env per batch size, shared by every policy of an evaluation: building an env can be
 * costly (a replay env loads and calibrates its tape), and `reset({ seed })` reseeds it fully, so
 * reuse does not change any result. `close()` of the handed-out envs is a no-op; call `closeAll()`.
 */
import type { EnvConfig, EnvOverrides } from '../env/config.js';
import { makeVec } from '../env/registry.js';
import type { VectorEnv } from '../env/types.js';

export interface EnvCache {
  /** A (shared) vector env of `numEnvs` envs. */
  makeEnv(numEnvs: number): VectorEnv;
  /** The env's resolved config (builds a 1-env instance if none exists yet). */
  config(): EnvConfig;
  closeAll(): void;
}

export function envCache(envId: string, overrides?: EnvOverrides): EnvCache {
  const envs = new Map<number, VectorEnv>();
  const get = (numEnvs: number): VectorEnv => {
    const cached = envs.get(numEnvs);
    if (cached !== undefined) return cached;
    const env = makeVec(envId, overrides === undefined ? { numEnvs } : { numEnvs, overrides });
    envs.set(numEnvs, env);
    return env;
  };
  return {
    makeEnv(numEnvs) {
      const env = get(numEnvs);
      return {
        get numEnvs() {
          return env.numEnvs;
        },
        get config() {
          return env.config;
        },
        get obsDim() {
          return env.obsDim;
        },
        get actDim() {
          return env.actDim;
        },
        get observationSpace() {
          return env.observationSpace;
        },
        get actionSpace() {
          return env.actionSpace;
        },
        reset: (opts) => env.reset(opts),
        step: (actions) => env.step(actions),
        close: () => undefined,
      };
    },
    config() {
      const first = envs.values().next();
      const env = first.done === true ? get(1) : first.value;
      return structuredClone(env.config) as EnvConfig;
    },
    closeAll() {
      for (const env of envs.values()) env.close();
      envs.clear();
    },
  };
}

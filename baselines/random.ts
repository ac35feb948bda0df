/**
 * Uniform random: actions drawn uniformly from the env's action space (Box: each component
 * uniform in [low, high]; Discrete: a uniform index), from a seedrandom stream. The same seed gives
 * the same sequence of actions, bit for bit.
 */
import seedrandom from 'seedrandom';
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { actionDim, actionSpaceOf } from '../env/action-map.js';
import { observationLayout } from '../env/observation.js';
import { Box } from '../env/spaces.js';
import { requireNumber } from './errors.js';
import { checkBatch } from './policy-support.js';

export interface RandomPolicyParams {
  /** Seed of the action stream. @defaultValue 0 */
  seed?: number;
}

export function randomPolicy(config: EnvConfig, params: RandomPolicyParams = {}): Policy {
  const seed = requireNumber('seed', params.seed ?? 0, { integer: true });
  const rng = seedrandom(`mmgym-random-policy-${seed}`);
  const space = actionSpaceOf(config.action);
  const dim = actionDim(config.action);
  const reader = { obsDim: observationLayout(config).dim };
  const low = space instanceof Box ? Array.from(space.low) : [];
  const high = space instanceof Box ? Array.from(space.high) : [];
  const n = space instanceof Box ? 0 : space.n;
  return {
    name: 'random',
    spec: structuredClone(config),
    act(obs: Float32Array, batch: number): Float32Array {
      checkBatch('random', reader, obs, batch);
      const out = new Float32Array(batch * dim);
      for (let r = 0; r < batch; r++) {
        if (n > 0) {
          out[r] = Math.floor(rng() * n);
          continue;
        }
        for (let j = 0; j < dim; j++) {
          const lo = low[j] as number;
          const hi = high[j] as number;
          out[r * dim + j] = Math.min(hi, lo + rng() * (hi - lo));
        }
      }
      return out;
    },
  };
}

/**
 * Two small, genuine policies for evals' own tests (independent of baselines/): constant depths,
 * and depths skewed linearly in inventory (deeper on the side that would grow |q|).
 */
import type { EnvConfig } from '../../env/config.js';
import { actionDim, depthsToAction } from '../../env/action-map.js';
import { observationLayout } from '../../env/observation.js';
import type { Policy } from '../../env/types.js';

export function constantDepthPolicy(config: EnvConfig, depth: number, name = `constant-${depth}`): Policy {
  const ad = actionDim(config.action);
  return {
    name,
    act(_obs: Float32Array, batch: number): Float32Array {
      const out = new Float32Array(batch * ad);
      for (let i = 0; i < batch; i++) depthsToAction(config.action, depth, depth, out, i * ad);
      return out;
    },
  };
}

/** delta_b = base + slope q/Q, delta_a = base - slope q/Q (clipped at 0). */
export function skewPolicy(config: EnvConfig, base: number, slope: number, name = 'skew'): Policy {
  const ad = actionDim(config.action);
  const layout = observationLayout(config);
  const qIdx = layout.index.inventory;
  if (qIdx === undefined) throw new Error('skewPolicy needs the inventory feature');
  return {
    name,
    act(obs: Float32Array, batch: number): Float32Array {
      const out = new Float32Array(batch * ad);
      for (let i = 0; i < batch; i++) {
        const q = obs[i * layout.dim + qIdx] as number;
        depthsToAction(config.action, Math.max(0, base + slope * q), Math.max(0, base - slope * q), out, i * ad);
      }
      return out;
    },
  };
}

/**
 * A policy whose quoted depths are those of another policy times a factor m (the "spread
 * multiplier" of the parameter study): actions are decoded to depths with the env's action map,
 * scaled, and encoded back (clipped into the action space by depthsToAction).
 */
import type { EnvConfig } from '../../env/config.js';
import { actionDim, actionToDepths, depthsToAction } from '../../env/action-map.js';
import type { Policy } from '../../env/types.js';

export function scaleSpread(inner: Policy, config: EnvConfig, multiplier: number): Policy {
  if (!(multiplier >= 0) || !Number.isFinite(multiplier)) {
    throw new RangeError(`policy.spreadMultiplier must be a finite number >= 0, got ${multiplier}`);
  }
  const ad = actionDim(config.action);
  const depths = new Float64Array(2);
  return {
    name: `${inner.name}*${multiplier}`,
    ...(inner.spec !== undefined ? { spec: inner.spec } : {}),
    act(obs, batch, opts) {
      const a = inner.act(obs, batch, opts);
      const out = new Float32Array(batch * ad);
      for (let i = 0; i < batch; i++) {
        actionToDepths(config.action, a, i * ad, depths, 0);
        depthsToAction(config.action, (depths[0] as number) * multiplier, (depths[1] as number) * multiplier, out, i * ad);
      }
      return out;
    },
    dispose() {
      inner.dispose?.();
    },
  };
}

/**
 * `dp-optimal`: the exact optimal policy of a finite-state market, a table look-up of
 * exactOptimum(config) (baselines/exact-optimum.ts) by (step n, inventory q, regime r) read from
 * the raw observation (n = round(t/T N), q = round(q/Q Q), r = the one-hot regime's argmax).
 * With a tick and a continuous action, a table depth of g ticks is sent as g - tick/2, which the
 * env rounds away from the mid to exactly g (the float32 action then cannot push it a tick
 * further); a discrete action's table depth is a grid level and is sent as it is.
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { actionDim, depthsToAction } from '../env/action-map.js';
import { observationLayout } from '../env/observation.js';
import { type ExactOptimum, exactOptimum } from './exact-optimum.js';
import { stateReader, tableAct } from './policy-support.js';

export interface DpOptimalPolicy extends Policy {
  readonly optimum: ExactOptimum;
}

export function dpOptimalPolicy(config: EnvConfig, optimum: ExactOptimum = exactOptimum(config)): DpOptimalPolicy {
  const name = 'dp-optimal';
  const reader = stateReader(config, true, name);
  const layout = observationLayout(config);
  const regimeIndex = layout.index.regime;
  const mdp = optimum.mdp;
  const { steps, width: W, regimes: m, tick } = mdp;
  const dim = actionDim(config.action);
  const plane = m * W;
  const table = new Float32Array(steps * plane * dim);
  const shift = tick > 0 && config.action.mode !== 'discrete' ? tick / 2 : 0;
  const send = (d: number): number => (Number.isNaN(d) ? Infinity : d > 0 ? d - shift : d);
  for (let cell = 0; cell < steps * plane; cell++) {
    depthsToAction(config.action, send(optimum.bid[cell] as number), send(optimum.ask[cell] as number), table, cell * dim);
  }
  const act = tableAct(name, reader, { table, dim, maxStep: steps - 1, nStride: plane, rStride: W, regimes: m, regimeIndex });
  return { name, optimum, spec: structuredClone(config), act };
}

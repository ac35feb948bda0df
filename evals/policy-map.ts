/**
 * The policy map: the depths a policy quotes over a grid of (time, inventory), read by calling
 * the policy on synthetic observations (one batched `act` for the whole grid) and decoding its
 * actions with the env's action map. Features other than inventory and time are set to their
 * neutral value (returns 0, realised vol = model vol, regime 0, no previous fills).
 * A side that would take |q| past the bound Q is not quoted by the env: its depth is NaN.
 */
import type { EnvConfig } from '../env/config.js';
import { episodeSteps } from '../env/config.js';
import { actionDim, actionToDepths } from '../env/action-map.js';
import { inventoryLevels, observationLayout, writeFinalSteps, writeFinalStepsLevels, writeInventoryLevels } from '../env/observation.js';
import type { Policy } from '../env/types.js';

export interface PolicyMap {
  policy: string;
  /** Times t (time units) of the grid columns. */
  times: number[];
  /** Inventories q of the grid rows. */
  inventories: number[];
  /** Row-major [time][inventory] depths delta_b / delta_a (NaN = not quoted). */
  bidDepth: Float64Array;
  askDepth: Float64Array;
}

export interface PolicyMapOptions {
  /** Number of time columns (subsampled from the env's step grid). @defaultValue 40 */
  timePoints?: number;
}

export function policyMap(policy: Policy, config: EnvConfig, options: PolicyMapOptions = {}): PolicyMap {
  const steps = episodeSteps(config);
  const nTimes = Math.min(options.timePoints ?? 40, steps);
  if (!Number.isInteger(nTimes) || nTimes < 1) throw new RangeError(`timePoints must be an integer >= 1, got ${nTimes}`);
  const times: number[] = [];
  for (let i = 0; i < nTimes; i++) times.push(Math.floor((i * steps) / nTimes) * config.dt);
  const Q = config.maxInventory;
  const unit = config.orderSize;
  const inventories: number[] = [];
  for (let q = -Math.floor(Q / unit) * unit; q <= Q + 1e-9; q += unit) inventories.push(q);

  const layout = observationLayout(config);
  const dim = layout.dim;
  const rows = times.length * inventories.length;
  const obs = new Float32Array(rows * dim);
  const idx = layout.index;
  let r = 0;
  for (const t of times) {
    for (const q of inventories) {
      const o = r * dim;
      if (idx.inventory !== undefined) obs[o + idx.inventory] = q / Q;
      if (idx.time !== undefined) obs[o + idx.time] = t / config.horizon;
      if (idx['time-left'] !== undefined) obs[o + idx['time-left']] = (config.horizon - t) / config.horizon;
      if (idx['realized-vol'] !== undefined) obs[o + idx['realized-vol']] = 1;
      if (idx['final-steps'] !== undefined) writeFinalSteps(obs, o + idx['final-steps'], Math.round(t / config.dt), steps);
      if (idx['inventory-levels'] !== undefined) writeInventoryLevels(obs, o + idx['inventory-levels'], q, inventoryLevels(config), unit);
      if (idx['final-steps-levels'] !== undefined) writeFinalStepsLevels(obs, o + idx['final-steps-levels'], Math.round(t / config.dt), steps, q, inventoryLevels(config), unit);
      if (idx.regime !== undefined) obs[o + idx.regime] = 1;
      r++;
    }
  }
  const actions = policy.act(obs, rows, { deterministic: true });
  const ad = actionDim(config.action);
  if (actions.length !== rows * ad) {
    throw new Error(`policy '${policy.name}' returned ${actions.length} action values for ${rows} observations (expected ${rows * ad})`);
  }
  const bidDepth = new Float64Array(rows);
  const askDepth = new Float64Array(rows);
  const depths = new Float64Array(2);
  r = 0;
  for (let i = 0; i < times.length; i++) {
    for (const q of inventories) {
      actionToDepths(config.action, actions, r * ad, depths, 0);
      bidDepth[r] = q + unit > Q + 1e-9 ? Number.NaN : (depths[0] as number);
      askDepth[r] = q - unit < -Q - 1e-9 ? Number.NaN : (depths[1] as number);
      r++;
    }
  }
  return { policy: policy.name, times, inventories, bidDepth, askDepth };
}

/**
 * What every analytic policy shares: reading (q, t) from raw observations via the env's
 * observation layout, writing depths as actions of the env's action mode, and checking that a
 * policy is judged on the spec it was built for.
 */
import { assertFiniteObservations } from '../util/finite-obs.js';
import type { EnvConfig } from '../env/config.js';
import { episodeSteps } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { actionDim, depthsToAction } from '../env/action-map.js';
import { observationLayout } from '../env/observation.js';
import { BaselineParameterError } from './errors.js';
import { PolicyError } from '../util/errors.js';

/** The observed regime of row `row`: the argmax of its one-hot block of `m` values at `index` (0 without one). */
export function readRegime(obs: Float32Array, row: number, obsDim: number, index: number | undefined, m: number): number {
  if (index === undefined || m < 2) return 0;
  const base = row * obsDim + index;
  let r = 0;
  for (let j = 1; j < m; j++) if ((obs[base + j] as number) > (obs[base + r] as number)) r = j;
  return r;
}

/** Where a policy finds inventory and time in one raw observation row. */
export interface StateReader {
  /** Observation length. */
  readonly obsDim: number;
  /** Offset of q/Q. */
  readonly inventoryIndex: number;
  /** Offset of t/T, or of (T - t)/T when `timeIsLeft`; -1 when the observation has no time feature. */
  readonly timeIndex: number;
  readonly timeIsLeft: boolean;
  /** Q and T of the spec, to undo the observation's normalisation. */
  readonly maxInventory: number;
  readonly horizon: number;
  /** Episode steps N = round(T / dt). */
  readonly steps: number;
}

/**
 * The reader for a spec. `needsTime`: the policy depends on t, so the observation must carry
 * 'time' or 'time-left' (error otherwise, naming `observation.features`).
 */
export function stateReader(config: EnvConfig, needsTime: boolean, policyName: string): StateReader {
  const layout = observationLayout(config);
  const inv = layout.index.inventory;
  if (inv === undefined) {
    throw new BaselineParameterError(
      'observation.features',
      `observation.features must include "inventory" for the ${policyName} policy, got ${JSON.stringify(config.observation.features)}`,
    );
  }
  const time = layout.index.time;
  const left = layout.index['time-left'];
  if (needsTime && time === undefined && left === undefined) {
    throw new BaselineParameterError(
      'observation.features',
      `observation.features must include "time" or "time-left" for the ${policyName} policy, got ${JSON.stringify(config.observation.features)}`,
    );
  }
  return {
    obsDim: layout.dim,
    inventoryIndex: inv,
    timeIndex: time ?? left ?? -1,
    timeIsLeft: time === undefined && left !== undefined,
    maxInventory: config.maxInventory,
    horizon: config.horizon,
    steps: episodeSteps(config),
  };
}

/** Inventory q of row r (q/Q un-normalised; float32 round-off removed by rounding to 1e-6). */
export function readInventory(s: StateReader, obs: Float32Array, r: number): number {
  const q = (obs[r * s.obsDim + s.inventoryIndex] as number) * s.maxInventory;
  return Math.round(q * 1e6) / 1e6;
}

/** Elapsed fraction t/T of row r, in [0, 1] (0 when the observation has no time feature). */
export function readTimeFraction(s: StateReader, obs: Float32Array, r: number): number {
  if (s.timeIndex < 0) return 0;
  const x = obs[r * s.obsDim + s.timeIndex] as number;
  const f = s.timeIsLeft ? 1 - x : x;
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

/** The inventory grid's bound in steps of `lot`: Q / lot lots (Q itself for a grid of units). */
function gridBound(s: Pick<StateReader, 'maxInventory'>, lot: number): number {
  return lot === 1 ? s.maxInventory : Math.round(s.maxInventory / lot);
}

/**
 * The grid cell of row `r` for table policies: q = round(q/Q Q / lot) lots clamped to
 * [-Q/lot, Q/lot] and n = round(t/T N) clamped to [0, maxStep], written to out[0] = q, out[1] = n.
 * `lot`: inventory units per grid step (the HJB's lot size; 1 for a grid of units).
 */
export function readGridCell(s: StateReader, obs: Float32Array, r: number, maxStep: number, out: Int32Array, lot = 1): void {
  const base = r * s.obsDim;
  const Q = gridBound(s, lot);
  let q = Math.round((obs[base + s.inventoryIndex] as number) * Q);
  q = q > Q ? Q : q < -Q ? -Q : q;
  let f = obs[base + s.timeIndex] as number;
  if (s.timeIsLeft) f = 1 - f;
  let n = Math.round(f * s.steps);
  n = n < 0 ? 0 : n > maxStep ? maxStep : n;
  out[0] = q;
  out[1] = n;
}

/**
 * A table policy's actions: cell (step n, regime r, inventory q lots of `lot`) at
 * table[(n nStride + r rStride + q + Q) dim ..], n read from t up to `maxStep`, r the argmax of the
 * one-hot regime block at `regimeIndex` (0 when there is none).
 */
export interface ActionTable {
  readonly table: Float32Array;
  readonly dim: number;
  readonly maxStep: number;
  readonly nStride: number;
  readonly rStride: number;
  readonly regimes: number;
  readonly regimeIndex: number | undefined;
  /** Inventory units per grid step (the table's q counts lots of this size). @defaultValue 1 */
  readonly lot?: number;
}

/** The `act` of a table policy (hjb, dp-optimal, hjb-regime): one look-up per row, no callback per row. */
export function tableAct(name: string, reader: StateReader, t: ActionTable): (obs: Float32Array, batch: number) => Float32Array {
  const { table, dim, maxStep, nStride, rStride, regimes, regimeIndex } = t;
  const lot = t.lot ?? 1;
  const Q = gridBound(reader, lot);
  const obsDim = reader.obsDim;
  return (obs: Float32Array, batch: number): Float32Array => {
    checkBatch(name, reader, obs, batch);
    const out = new Float32Array(batch * dim);
    const cell = new Int32Array(2);
    for (let row = 0; row < batch; row++) {
      readGridCell(reader, obs, row, maxStep, cell, lot);
      const r = readRegime(obs, row, obsDim, regimeIndex, regimes);
      const src = ((cell[1] as number) * nStride + r * rStride + (cell[0] as number) + Q) * dim;
      for (let d = 0; d < dim; d++) out[row * dim + d] = table[src + d] as number;
    }
    return out;
  };
}

/** Checks the batch size and observation length of an `act` call; names the policy in errors. */
export function checkBatch(name: string, s: Pick<StateReader, 'obsDim'>, obs: Float32Array, batch: number): void {
  if (!Number.isInteger(batch) || batch < 0) {
    throw new BaselineParameterError('batch', `${name}.act: batch must be an integer >= 0, got ${batch}`);
  }
  if (obs.length !== batch * s.obsDim) {
    throw new BaselineParameterError(
      'obs',
      `${name}.act: obs must hold batch * obsDim = ${batch} * ${s.obsDim} = ${batch * s.obsDim} values, got ${obs.length}`,
    );
  }
  assertFiniteObservations(name, obs, s.obsDim);
}

/**
 * A policy from a per-row depth rule: `depths(q, tFrac, out)` writes (delta_b, delta_a) to out[0..1]
 * (+Infinity = as deep as the action space allows; depthsToAction clips every depth into the space).
 */
export function depthRulePolicy(
  name: string,
  config: EnvConfig,
  needsTime: boolean,
  depths: (q: number, tFrac: number, out: Float64Array) => void,
): Policy {
  const reader = stateReader(config, needsTime, name);
  const action = config.action;
  const dim = actionDim(action);
  const spec = structuredClone(config);
  return {
    name,
    spec,
    act(obs: Float32Array, batch: number): Float32Array {
      checkBatch(name, reader, obs, batch);
      const out = new Float32Array(batch * dim);
      const d = new Float64Array(2);
      for (let r = 0; r < batch; r++) {
        depths(readInventory(reader, obs, r), readTimeFraction(reader, obs, r), d);
        depthsToAction(action, d[0] as number, d[1] as number, out, r * dim);
      }
      return out;
    },
  };
}

/** Field paths where two specs differ (empty when equal), e.g. `["arrivals.k: 1.5 vs 2"]`. */
export function specDifferences(a: unknown, b: unknown, path = ''): string[] {
  if (Object.is(a, b)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    const out: string[] = [];
    for (const k of keys) out.push(...specDifferences(a[k], b[k], path === '' ? k : `${path}.${k}`));
    return out;
  }
  return [`${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

/** A policy judged on an env spec other than its own: the error lists the differing fields. */
export class SpecMismatchError extends PolicyError {
  readonly differences: string[];
  constructor(policy: string, differences: string[]) {
    super(`policy "${policy}" was built for a different env spec (built-for vs judged-on): ${differences.join('; ')}`);
    this.name = 'SpecMismatchError';
    this.differences = differences;
  }
}

/**
 * Says whether `policy` is judged on the spec it was built for: returns the differences (empty =
 * same spec, or the policy records no spec), or throws SpecMismatchError when `strict`.
 */
export function assertSameSpec(policy: Policy, config: EnvConfig, opts: { strict?: boolean } = {}): string[] {
  if (policy.spec === undefined) return [];
  const diffs = specDifferences(policy.spec, config);
  if (diffs.length > 0 && opts.strict !== false) throw new SpecMismatchError(policy.name, diffs);
  return diffs;
}

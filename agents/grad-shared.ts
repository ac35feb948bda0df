/**
 * The shared memory between the learner and its gradient workers (agents/grad-workers.ts,
 * agents/grad-worker.ts): one SharedArrayBuffer per array, the same views on both sides.
 *   ctrl (Int32)   GEN: bumped by the learner to start a minibatch (-1: stop); DONE: workers
 *                  finished; READY: workers initialised; KIND: 0 ppo, 1 a2c; FAILED: a worker
 *                  threw; then (lo, hi) rows of worker w at RANGE + 2w
 *   coef (Float64) clipRange, clipRangeVf (NaN = none), entCoef, vfCoef
 *   params         the network's parameters for this minibatch
 *   minibatch      obs, actions, oldLogProbs, advantages, returns, oldValues (maxRows rows)
 *   out            per worker: its chunk's gradient (numParams) and metrics (METRICS)
 */
import type { ActorCriticSpec } from '../models/actor-critic.js';
import type { Minibatch } from './rollout-buffer.js';

export const CTRL = { GEN: 0, DONE: 1, READY: 2, KIND: 3, FAILED: 4, RANGE: 8 } as const;
export const METRICS = 8;

export interface GradSharedInit {
  spec: ActorCriticSpec;
  /** The tfjs backend the learner uses (the workers select the same one). */
  backend: 'node' | 'wasm' | 'cpu';
  workers: number;
  maxRows: number;
  numParams: number;
  actDim: number;
  buffers: Record<'ctrl' | 'coef' | 'params' | 'obs' | 'actions' | 'oldLogProbs' | 'advantages' | 'returns' | 'oldValues' | 'grads' | 'metrics', SharedArrayBuffer>;
}

/** The minibatch arrays (rollout-buffer.ts's Minibatch without its size) plus the control and outputs. */
export interface GradViews extends Omit<Minibatch, 'size'> {
  ctrl: Int32Array;
  coef: Float64Array;
  params: Float32Array;
  grads: Float32Array[];
  metrics: Float64Array[];
}

export function allocateShared(spec: ActorCriticSpec, backend: GradSharedInit['backend'], workers: number, maxRows: number, numParams: number, actDim: number): GradSharedInit {
  const f32 = (n: number): SharedArrayBuffer => new SharedArrayBuffer(4 * n);
  return {
    spec,
    backend,
    workers,
    maxRows,
    numParams,
    actDim,
    buffers: {
      ctrl: new SharedArrayBuffer(4 * (CTRL.RANGE + 2 * workers)),
      coef: new SharedArrayBuffer(8 * 4),
      params: f32(numParams),
      obs: f32(maxRows * spec.obsDim),
      actions: f32(maxRows * actDim),
      oldLogProbs: f32(maxRows),
      advantages: f32(maxRows),
      returns: f32(maxRows),
      oldValues: f32(maxRows),
      grads: f32(workers * numParams),
      metrics: new SharedArrayBuffer(8 * workers * METRICS),
    },
  };
}

export function viewsOf(s: GradSharedInit): GradViews {
  const b = s.buffers;
  return {
    ctrl: new Int32Array(b.ctrl),
    coef: new Float64Array(b.coef),
    params: new Float32Array(b.params),
    obs: new Float32Array(b.obs),
    actions: new Float32Array(b.actions),
    oldLogProbs: new Float32Array(b.oldLogProbs),
    advantages: new Float32Array(b.advantages),
    returns: new Float32Array(b.returns),
    oldValues: new Float32Array(b.oldValues),
    grads: Array.from({ length: s.workers }, (_, w) => new Float32Array(b.grads, 4 * w * s.numParams, s.numParams)),
    metrics: Array.from({ length: s.workers }, (_, w) => new Float64Array(b.metrics, 8 * w * METRICS, METRICS)),
  };
}

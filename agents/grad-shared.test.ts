/**
 * The learner / gradient-worker shared memory (grad-shared.ts): every array sized from the spec,
 * rows and worker count; two sets of views of one allocation see the same memory (the learner's
 * and a worker's); each worker's gradient and metrics slots are disjoint.
 */
import { describe, expect, it } from 'vitest';
import { paramLayout, type ActorCriticSpec } from '../models/network-spec.js';
import { allocateShared, CTRL, METRICS, viewsOf } from './grad-shared.js';

const spec: ActorCriticSpec = { obsDim: 3, outDim: 2, distribution: 'diag-gaussian', net: { hidden: [4], activation: 'tanh', logStdInit: 0, orthoInit: true } };
const numParams = paramLayout(spec).reduce((s, e) => s + e.size, 0);

describe('grad-shared', () => {
  it('allocates each buffer for maxRows rows, the params and the workers', () => {
    const s = allocateShared(spec, 'wasm', 3, 10, numParams, 2);
    expect({ spec: s.spec, backend: s.backend, workers: s.workers, maxRows: s.maxRows, numParams: s.numParams, actDim: s.actDim }).toEqual({ spec, backend: 'wasm', workers: 3, maxRows: 10, numParams, actDim: 2 });
    const bytes = Object.fromEntries(Object.entries(s.buffers).map(([k, b]) => [k, b.byteLength]));
    expect(bytes).toEqual({
      ctrl: 4 * (CTRL.RANGE + 2 * 3),
      coef: 32,
      params: 4 * numParams,
      obs: 4 * 10 * 3,
      actions: 4 * 10 * 2,
      oldLogProbs: 40,
      advantages: 40,
      returns: 40,
      oldValues: 40,
      grads: 4 * 3 * numParams,
      metrics: 8 * 3 * METRICS,
    });
    for (const b of Object.values(s.buffers)) expect(b).toBeInstanceOf(SharedArrayBuffer);
  });

  it('the control slots are distinct and the worker ranges start after them', () => {
    const slots = [CTRL.GEN, CTRL.DONE, CTRL.READY, CTRL.KIND, CTRL.FAILED];
    expect(new Set(slots).size).toBe(slots.length);
    expect(Math.max(...slots)).toBeLessThan(CTRL.RANGE);
  });

  it('two viewsOf one allocation share memory; worker w writes only its own gradient and metrics', () => {
    const s = allocateShared(spec, 'cpu', 2, 4, numParams, 2);
    const learner = viewsOf(s);
    const worker = viewsOf(structuredClone(s)); // a worker receives a structured clone: the same shared memory
    expect(learner.grads).toHaveLength(2);
    expect(learner.metrics).toHaveLength(2);
    expect(learner.grads.every((g) => g.length === numParams)).toBe(true);
    expect(learner.metrics.every((m) => m.length === METRICS)).toBe(true);
    expect([learner.obs.length, learner.actions.length, learner.oldLogProbs.length, learner.ctrl.length, learner.coef.length]).toEqual([12, 8, 4, CTRL.RANGE + 4, 4]);

    worker.grads[1]!.fill(2);
    worker.metrics[0]!.fill(3);
    worker.ctrl[CTRL.DONE] = 1;
    worker.ctrl[CTRL.RANGE + 2] = 7; // worker 1's lo
    learner.params[0] = 0.5;
    learner.obs[11] = -1;
    learner.coef[1] = Number.NaN;
    expect(learner.grads[0]!.every((x) => x === 0)).toBe(true);
    expect(learner.grads[1]!.every((x) => x === 2)).toBe(true);
    expect(learner.metrics[0]!.every((x) => x === 3)).toBe(true);
    expect(learner.metrics[1]!.every((x) => x === 0)).toBe(true);
    expect(learner.ctrl[CTRL.DONE]).toBe(1);
    expect(learner.ctrl[CTRL.RANGE + 2]).toBe(7);
    expect(worker.params[0]).toBe(0.5);
    expect(worker.obs[11]).toBe(-1);
    expect(worker.coef[1]).toBeNaN();
    // the flat gradient buffer holds worker 0 then worker 1
    const flat = new Float32Array(s.buffers.grads);
    expect(flat[numParams - 1]).toBe(0);
    expect(flat[numParams]).toBe(2);
  });
});

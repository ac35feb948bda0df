/**
 * The gradient worker thread driven directly through its shared-memory protocol (GradWorkers,
 * grad-workers.ts, is the learner side; its test compares whole training runs): it signals READY,
 * computes its chunk's loss gradient and metrics into its own slot — the same bits as
 * chunkLossAndGrad here — signals DONE, and exits on GEN = -1; a failed start is reported on the
 * error port and still counted as ready (so a learner never waits forever).
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ActorCritic } from '../models/actor-critic.js';
import type { ActorCriticSpec } from '../models/network-spec.js';
import { spawnModuleWorker } from '../util/spawn-worker.js';
import { chunkLossAndGrad, sliceMinibatch, type ChunkLoss } from './chunk-grad.js';
import { allocateShared, CTRL, viewsOf, type GradSharedInit } from './grad-shared.js';

const spec: ActorCriticSpec = { obsDim: 3, outDim: 2, distribution: 'diag-gaussian', net: { hidden: [4], activation: 'tanh', logStdInit: -0.3, orthoInit: true } };
const ROWS = 6;

/** Atomics.waitAsync (Node 20 has it; the project's lib, ES2023, does not declare it). */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

/** Resolves once ctrl[i] !== v. */
async function waitChange(ctrl: Int32Array, i: number, v: number): Promise<void> {
  for (;;) {
    const w = waitAsync(ctrl, i, v);
    if (w.async) await w.value;
    if (Atomics.load(ctrl, i) !== v) return;
  }
}

function start(shared: GradSharedInit, index: number): { errors: string[]; exit: Promise<number>; port: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  const errors: string[] = [];
  port1.on('message', (m: { error: string }) => errors.push(m.error));
  const w = spawnModuleWorker(new URL('./grad-workers.ts', import.meta.url).href, 'grad-worker', { workerData: { shared, index, errors: port2 }, transferList: [port2] });
  const exit = new Promise<number>((resolve) => w.once('exit', resolve));
  return { errors, exit, port: port1 };
}

describe('grad-worker', () => {
  it('computes its rows\' PPO gradient and metrics into its slot, the same bits as here; exits on GEN = -1', async () => {
    const ac = ActorCritic.create(spec, { seed: 2 });
    const shared = allocateShared(spec, 'cpu', 2, ROWS, ac.numParams, 2);
    const v = viewsOf(shared);
    v.params.set(ac.params);
    for (const [k, arr] of Object.entries({ obs: v.obs, actions: v.actions, oldLogProbs: v.oldLogProbs, advantages: v.advantages, returns: v.returns, oldValues: v.oldValues })) {
      for (let i = 0; i < arr.length; i++) arr[i] = Math.sin(1.3 * i + k.length) * (k === 'oldLogProbs' ? 2 : 1);
    }
    const loss: ChunkLoss = { kind: 'ppo', clipRange: 0.2, clipRangeVf: null, entCoef: 0.01, vfCoef: 0.5 };
    v.coef.set([loss.clipRange, Number.NaN, loss.entCoef, loss.vfCoef]);
    v.ctrl[CTRL.KIND] = 0;
    // worker index 1 takes rows [2, 6)
    v.ctrl[CTRL.RANGE + 2] = 2;
    v.ctrl[CTRL.RANGE + 3] = ROWS;
    const w = start(shared, 1);
    try {
      await waitChange(v.ctrl, CTRL.READY, 0);
      expect(Atomics.load(v.ctrl, CTRL.READY)).toBe(1);
      Atomics.add(v.ctrl, CTRL.GEN, 1);
      Atomics.notify(v.ctrl, CTRL.GEN);
      await waitChange(v.ctrl, CTRL.DONE, 0);
      expect(Atomics.load(v.ctrl, CTRL.FAILED)).toBe(0);
      const full = { ...v, size: ROWS };
      const here = chunkLossAndGrad(ac, sliceMinibatch(full, 2, ROWS, spec.obsDim, 2), loss);
      expect(Array.from(v.grads[1] as Float32Array)).toEqual(Array.from(here.grad));
      expect(Array.from((v.metrics[1] as Float64Array).subarray(0, here.metrics.length))).toEqual(Array.from(here.metrics));
      expect((v.grads[0] as Float32Array).every((x) => x === 0)).toBe(true);
    } finally {
      Atomics.store(v.ctrl, CTRL.GEN, -1);
      Atomics.notify(v.ctrl, CTRL.GEN);
    }
    expect(await w.exit).toBe(0);
    expect(w.errors).toEqual([]);
    w.port.close();
  }, 60_000);

  it('a start that fails (an unknown backend) is reported on the error port, flagged FAILED and counted as ready', async () => {
    const shared = allocateShared(spec, 'nope' as GradSharedInit['backend'], 1, ROWS, new ActorCritic(spec).numParams, 2);
    const v = viewsOf(shared);
    const w = start(shared, 0);
    await waitChange(v.ctrl, CTRL.READY, 0);
    expect(Atomics.load(v.ctrl, CTRL.FAILED)).toBe(1);
    expect(await w.exit).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(w.errors.join('\n')).toMatch(/backend must be one of .*, got 'nope'/);
    w.port.close();
  }, 60_000);
});

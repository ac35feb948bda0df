/**
 * Worker-thread entry of the data-parallel gradient (agents/grad-workers.ts): waits on the shared
 * control word, computes its chunk's loss gradient on the shared minibatch with its own copy of
 * the network (its own instance of the wasm kernels, models/mlp-engine.ts; tfjs on the learner's
 * backend for anything else), writes it to its output slot, signals, repeats.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { ActorCritic } from '../models/actor-critic.js';
import { selectBackend } from '../models/backend.js';
import { chunkLossAndGrad, sliceMinibatch, type ChunkLoss } from './chunk-grad.js';
import { CTRL, viewsOf, type GradSharedInit } from './grad-shared.js';
import type { Minibatch } from './rollout-buffer.js';

const data = workerData as { shared: GradSharedInit; index: number; errors: MessagePort };
const port = data.errors;
const v = viewsOf(data.shared);
/** The whole shared minibatch (the views are Minibatch's arrays); each step takes its rows of it. */
const full: Minibatch = { ...v, size: data.shared.maxRows };
const w = data.index;

try {
  await selectBackend(data.shared.backend);
  // The network reads the shared parameters directly (the learner writes them before each minibatch).
  const ac = new ActorCritic(data.shared.spec, v.params);
  const od = data.shared.spec.obsDim;
  const ad = data.shared.actDim;
  Atomics.add(v.ctrl, CTRL.READY, 1);
  Atomics.notify(v.ctrl, CTRL.READY);
  let gen = 0;
  for (;;) {
    Atomics.wait(v.ctrl, CTRL.GEN, gen);
    gen = Atomics.load(v.ctrl, CTRL.GEN);
    if (gen < 0) break;
    try {
      const lo = v.ctrl[CTRL.RANGE + 2 * w]!;
      const hi = v.ctrl[CTRL.RANGE + 2 * w + 1]!;
      ac.markDirty();
      const loss: ChunkLoss = {
        kind: v.ctrl[CTRL.KIND] === 0 ? 'ppo' : 'a2c',
        clipRange: v.coef[0]!,
        clipRangeVf: Number.isNaN(v.coef[1]!) ? null : v.coef[1]!,
        entCoef: v.coef[2]!,
        vfCoef: v.coef[3]!,
      };
      const r = chunkLossAndGrad(ac, sliceMinibatch(full, lo, hi, od, ad), loss);
      v.grads[w]!.set(r.grad);
      v.metrics[w]!.fill(0).set(r.metrics);
    } catch (e) {
      Atomics.store(v.ctrl, CTRL.FAILED, 1);
      port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
    Atomics.add(v.ctrl, CTRL.DONE, 1);
    Atomics.notify(v.ctrl, CTRL.DONE);
  }
} catch (e) {
  // Initialisation failed: say so and count as ready so the learner stops waiting.
  Atomics.store(v.ctrl, CTRL.FAILED, 1);
  port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  Atomics.add(v.ctrl, CTRL.READY, 1);
  Atomics.notify(v.ctrl, CTRL.READY);
}

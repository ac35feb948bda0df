/**
 * Both cores for the update: the learner splits each minibatch into 1 + W consecutive chunks,
 * computes the first itself while W worker threads (agents/grad-worker.ts) compute the others
 * on shared memory (agents/grad-shared.ts), and combines the chunk gradients in chunk order
 * (agents/chunk-grad.ts). The workers hold their own tfjs network on the learner's backend and
 * read the current parameters from shared memory, so the optimizer, the schedules and every
 * random draw stay on the learner: the same seed and worker count give the same run, bit for
 * bit. The learner blocks on Atomics.wait while the workers finish (microseconds of signalling
 * next to milliseconds of gradient).
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { ActorCritic } from '../models/actor-critic.js';
import { spawnModuleWorker } from '../util/spawn-worker.js';
import { accumulate, chunkBounds, chunkLossAndGrad, sliceMinibatch, type ChunkLoss } from './chunk-grad.js';
import { allocateShared, CTRL, viewsOf, type GradSharedInit, type GradViews } from './grad-shared.js';
import type { Minibatch } from './rollout-buffer.js';

/** How long the learner waits for a worker before failing (start-up includes loading tfjs). */
const READY_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 60_000;

export class GradWorkers {
  readonly workers: number;
  private readonly shared: GradSharedInit;
  private readonly v: GradViews;
  private readonly threads: Worker[];
  private readonly errorPorts: MessagePort[];
  private ready = false;
  private closed = false;

  /** `workers` threads besides the learner (>= 1), for minibatches of up to `maxRows` rows. */
  constructor(ac: ActorCritic, actDim: number, workers: number, maxRows: number, backend: GradSharedInit['backend']) {
    if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`GradWorkers: workers must be an integer >= 1, got ${workers}`);
    this.workers = workers;
    this.shared = allocateShared(ac.spec, backend, workers, maxRows, ac.numParams, actDim);
    this.v = viewsOf(this.shared);
    this.errorPorts = [];
    this.threads = Array.from({ length: workers }, (_, index) => {
      const { port1, port2 } = new MessageChannel();
      this.errorPorts.push(port1);
      const t = spawnModuleWorker(import.meta.url, 'grad-worker', { workerData: { shared: this.shared, index, errors: port2 }, transferList: [port2] });
      t.unref();
      return t;
    });
  }

  /** The first error a worker reported, if any. */
  private failure(): string | null {
    if (Atomics.load(this.v.ctrl, CTRL.FAILED) === 0) return null;
    for (const p of this.errorPorts) {
      const m = receiveMessageOnPort(p) as { message?: { error?: string } } | undefined;
      if (m?.message?.error !== undefined) return m.message.error;
    }
    return 'a gradient worker failed (no message)';
  }

  private waitFor(index: number, target: number, timeoutMs: number, what: string): void {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const now = Atomics.load(this.v.ctrl, index);
      if (now >= target) break;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`gradient workers: timed out after ${timeoutMs / 1000} s waiting for ${what}`);
      Atomics.wait(this.v.ctrl, index, now, Math.min(left, 1000));
    }
    const err = this.failure();
    if (err !== null) throw new Error(`gradient worker failed: ${err}`);
  }

  /** Gradient and metrics of the whole minibatch (rows 0..m-1 of `mb`), as means over its rows. */
  lossAndGrad(ac: ActorCritic, mb: Minibatch, loss: ChunkLoss): { grad: Float32Array; metrics: Float64Array } {
    if (this.closed) throw new Error('gradient workers are closed');
    const v = this.v;
    const m = mb.size;
    const od = ac.spec.obsDim;
    const ad = this.shared.actDim;
    if (m > this.shared.maxRows) throw new RangeError(`gradient workers: minibatch of ${m} rows, sized for ${this.shared.maxRows}`);
    if (!this.ready) {
      this.waitFor(CTRL.READY, this.workers, READY_TIMEOUT_MS, 'the workers to start');
      this.ready = true;
    }
    const bounds = chunkBounds(m, 1 + this.workers);
    const parts = bounds.length - 1;
    // Inputs: the current parameters and the minibatch, then the ranges; then start the workers.
    v.params.set(ac.params);
    v.obs.set(mb.obs.subarray(0, m * od));
    v.actions.set(mb.actions.subarray(0, m * ad));
    v.oldLogProbs.set(mb.oldLogProbs.subarray(0, m));
    v.advantages.set(mb.advantages.subarray(0, m));
    v.returns.set(mb.returns.subarray(0, m));
    v.oldValues.set(mb.oldValues.subarray(0, m));
    v.coef[0] = loss.clipRange;
    v.coef[1] = loss.clipRangeVf ?? NaN;
    v.coef[2] = loss.entCoef;
    v.coef[3] = loss.vfCoef;
    v.ctrl[CTRL.KIND] = loss.kind === 'ppo' ? 0 : 1;
    for (let w = 0; w < this.workers; w++) {
      // Chunk w + 1 (empty when the minibatch has fewer rows than parts).
      const lo = w + 1 < parts ? bounds[w + 1]! : m;
      const hi = w + 1 < parts ? bounds[w + 2]! : m;
      v.ctrl[CTRL.RANGE + 2 * w] = lo;
      v.ctrl[CTRL.RANGE + 2 * w + 1] = hi;
    }
    Atomics.store(v.ctrl, CTRL.DONE, 0);
    Atomics.add(v.ctrl, CTRL.GEN, 1);
    Atomics.notify(v.ctrl, CTRL.GEN);
    // Chunk 0 here, meanwhile.
    const own = chunkLossAndGrad(ac, sliceMinibatch(mb, 0, bounds[1]!, od, ad), loss);
    this.waitFor(CTRL.DONE, this.workers, STEP_TIMEOUT_MS, 'a minibatch gradient');
    const grad = new Float32Array(ac.numParams);
    const metrics = new Float64Array(own.metrics.length);
    accumulate(grad, own.grad, bounds[1]! / m);
    accumulate(metrics, own.metrics, bounds[1]! / m);
    for (let w = 0; w < this.workers; w++) {
      const b = v.ctrl[CTRL.RANGE + 2 * w + 1]! - v.ctrl[CTRL.RANGE + 2 * w]!;
      if (b === 0) continue;
      accumulate(grad, v.grads[w]!, b / m);
      accumulate(metrics, v.metrics[w]!.subarray(0, metrics.length), b / m);
    }
    return { grad, metrics };
  }

  /** Stop the workers (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.v.ctrl, CTRL.GEN, -1);
    Atomics.notify(this.v.ctrl, CTRL.GEN);
    for (const t of this.threads) void t.terminate();
    for (const p of this.errorPorts) p.close();
  }
}

/**
 * Data-parallel gradients: a minibatch of m rows split into consecutive chunks, each chunk's
 * loss gradient computed on its own (main thread or a worker, agents/grad-workers.ts), then
 * combined in chunk order. The losses are means over rows, so with chunk k of b_k rows whose
 * gradient and metrics are means over its own rows,
 *   grad = sum_k (b_k / m) grad_k,   metric = sum_k (b_k / m) metric_k,
 * the gradient of the whole minibatch (the entropy term, a function of the log-std only, is the
 * same in every chunk, so its weighted sum is itself). In exact arithmetic this is the one-pass
 * gradient; in float32 it differs by rounding, and is the same bit for bit for a given chunking.
 */
import type { ActorCritic } from '../models/actor-critic.js';
import { fastLossAndGrad } from './grad.js';
import { a2cLoss, ppoLoss } from './losses.js';
import type { Minibatch } from './rollout-buffer.js';

/** The loss of a chunk: which algorithm's, with its coefficients. */
export interface ChunkLoss {
  kind: 'ppo' | 'a2c';
  clipRange: number;
  clipRangeVf: number | null;
  entCoef: number;
  vfCoef: number;
}

/** Rows [lo, hi) of `mb` as a minibatch (views, no copy). */
export function sliceMinibatch(mb: Minibatch, lo: number, hi: number, obsDim: number, actDim: number): Minibatch {
  return {
    size: hi - lo,
    obs: mb.obs.subarray(lo * obsDim, hi * obsDim),
    actions: mb.actions.subarray(lo * actDim, hi * actDim),
    oldLogProbs: mb.oldLogProbs.subarray(lo, hi),
    advantages: mb.advantages.subarray(lo, hi),
    returns: mb.returns.subarray(lo, hi),
    oldValues: mb.oldValues.subarray(lo, hi),
  };
}

/** Gradient (log-std slot included) and metrics of one chunk, as means over its rows. */
export function chunkLossAndGrad(ac: ActorCritic, mb: Minibatch, loss: ChunkLoss): { grad: Float32Array; metrics: Float64Array } {
  const outDim = ac.spec.outDim;
  const logStd = ac.spec.distribution === 'diag-gaussian' ? ac.view('log_std') : null;
  const { grad, result } = fastLossAndGrad(ac, mb.obs, mb.size, (out) =>
    loss.kind === 'ppo'
      ? ppoLoss(out, outDim, mb, logStd, { clipRange: loss.clipRange, clipRangeVf: loss.clipRangeVf, entCoef: loss.entCoef, vfCoef: loss.vfCoef, nvec: ac.spec.nvec })
      : a2cLoss(out, outDim, mb, logStd, { entCoef: loss.entCoef, vfCoef: loss.vfCoef, nvec: ac.spec.nvec }),
  );
  return { grad, metrics: result.metrics };
}

/** Chunk boundaries of m rows over `parts` parts: as equal as possible, the larger ones first. */
export function chunkBounds(m: number, parts: number): number[] {
  const k = Math.max(1, Math.min(parts, m));
  const base = Math.floor(m / k);
  const extra = m % k;
  const bounds = [0];
  for (let i = 0; i < k; i++) bounds.push(bounds[i]! + base + (i < extra ? 1 : 0));
  return bounds;
}

/** Add (b / m) * part into acc (in place), the combination of the header. */
export function accumulate(acc: Float32Array | Float64Array, part: ArrayLike<number>, weight: number): void {
  for (let i = 0; i < acc.length; i++) acc[i] = acc[i]! + weight * part[i]!;
}

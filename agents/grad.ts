/**
 * Loss value, metrics and gradient of the actor-critic in one tfjs pass: tf.grads with respect to
 * the parameter tensors, the gradients concatenated and downloaded once into a flat Float32Array
 * in the network's parameter layout (what the optimizers update).
 */
import * as tf from '@tensorflow/tfjs';
import type { ActorCritic } from '../models/actor-critic.js';
import { Categorical, DiagGaussian } from '../models/distributions.js';

export interface LossOutput {
  /** The scalar to minimise. */
  loss: tf.Scalar;
  /** Values to report (no gradient flows through them). */
  metrics: tf.Tensor1D;
}

export function lossAndGrad(ac: ActorCritic, lossFn: (params: tf.Tensor[]) => LossOutput): { grad: Float32Array; metrics: Float32Array } {
  const p = ac.tensors();
  let metrics: tf.Tensor | null = null;
  const flat = tf.tidy(() => {
    const g = tf.grads((...xs: tf.Tensor[]) => {
      const out = lossFn(xs);
      metrics = tf.keep(out.metrics);
      return out.loss;
    })(p);
    return tf.concat(g.map((t) => tf.reshape(t, [-1])));
  });
  const grad = Float32Array.from(flat.dataSync() as Float32Array);
  flat.dispose();
  const m = metrics as tf.Tensor | null;
  if (m === null) throw new Error('lossAndGrad: loss function produced no metrics');
  const values = Float32Array.from(m.dataSync() as Float32Array);
  m.dispose();
  return { grad, metrics: values };
}

/** Log-prob of the taken actions and the mean entropy, for either distribution. */
export function policyTerms(ac: ActorCritic, fwd: { dist: tf.Tensor2D; logStd: tf.Tensor1D | null }, actions: tf.Tensor2D): { logProb: tf.Tensor1D; entropy: tf.Scalar } {
  if (fwd.logStd !== null) {
    return { logProb: DiagGaussian.logProb(fwd.dist, fwd.logStd, actions), entropy: DiagGaussian.entropy(fwd.logStd) };
  }
  void ac;
  return {
    logProb: Categorical.logProb(fwd.dist, tf.reshape(actions, [-1]) as tf.Tensor1D),
    entropy: tf.mean(Categorical.entropy(fwd.dist)) as tf.Scalar,
  };
}

/**
 * Gradient through the fast path: forward pass (mlp-engine), the loss's closed-form output
 * gradient on plain arrays, the hand-written backward pass; the log-std gradient is written into
 * its slot. Returns null (and does no backward) when `lossFn` says to skip.
 */
export function fastLossAndGrad<R extends { dDist: Float32Array; dValue: Float32Array; dLogStd: Float32Array | null }>(
  ac: ActorCritic,
  obs: Float32Array,
  batch: number,
  lossFn: (out: Float32Array) => R,
  skip?: (r: R) => boolean,
): { grad: Float32Array | null; result: R } {
  const pass = ac.forwardTrain(obs, batch);
  let result: R;
  try {
    result = lossFn(pass.out);
  } catch (e) {
    pass.dispose();
    throw e;
  }
  if (skip?.(result) === true) {
    pass.dispose();
    return { grad: null, result };
  }
  const grad = pass.backward(result.dDist, result.dValue);
  if (result.dLogStd !== null) grad.set(result.dLogStd, ac.entry('log_std').offset);
  return { grad, result };
}

/**
 * The tfjs autodiff path, kept for tests only: the reference the hand-written gradient (the
 * closed-form output gradients of agents/losses.ts, then the backward pass of
 * models/mlp-engine.ts) is checked against. `lossAndGrad` differentiates a loss written in tfjs
 * ops with tf.grads with respect to the parameter tensors, concatenated and downloaded once into a
 * flat Float32Array in the network's parameter layout (the layout the optimizers update).
 * Training never runs this path (agents/grad.ts's `fastLossAndGrad` and the PPO / A2C `train()`
 * use the engine).
 */
import * as tf from '@tensorflow/tfjs';
import type { ActorCritic } from '../../models/actor-critic.js';
import { Categorical, DiagGaussian, MultiCategorical } from '../../models/distributions.js';

export interface LossOutput {
  /** The scalar to minimise. */
  loss: tf.Scalar;
  /** Values to report (no gradient flows through them). */
  metrics: tf.Tensor1D;
}

/** Gradient (all parameters, log_std included) and metrics of `lossFn` at the network's current parameters. */
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

/** Log-prob of the taken actions and the mean entropy, for either distribution (Gaussian when `fwd.logStd` is set). */
export function policyTerms(fwd: { dist: tf.Tensor2D; logStd: tf.Tensor1D | null }, actions: tf.Tensor2D, nvec?: readonly number[]): { logProb: tf.Tensor1D; entropy: tf.Scalar } {
  if (fwd.logStd !== null) {
    return { logProb: DiagGaussian.logProb(fwd.dist, fwd.logStd, actions), entropy: DiagGaussian.entropy(fwd.logStd) };
  }
  if (nvec !== undefined) {
    return {
      logProb: MultiCategorical.logProb(fwd.dist, tf.reshape(actions, [-1]) as tf.Tensor1D, nvec),
      entropy: tf.mean(MultiCategorical.entropy(fwd.dist, nvec)) as tf.Scalar,
    };
  }
  return {
    logProb: Categorical.logProb(fwd.dist, tf.reshape(actions, [-1]) as tf.Tensor1D),
    entropy: tf.mean(Categorical.entropy(fwd.dist)) as tf.Scalar,
  };
}

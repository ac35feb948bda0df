/**
 * The PPO and A2C losses written directly in tfjs ops and differentiated by tfjs autodiff
 * through the plain network (`ActorCritic.forward`): the reference that the closed-form output
 * gradients (losses.ts) and the hand-written backward pass (mlp-engine.ts) are checked against.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActorCritic } from '../../models/actor-critic.js';
import { lossAndGrad, policyTerms } from './autodiff-reference.js';
import type { Minibatch } from '../rollout-buffer.js';

export function ppoLossReference(ac: ActorCritic, mb: Minibatch, o: { clipRange: number; clipRangeVf: number | null; entCoef: number; vfCoef: number }, actDim: number): { grad: Float32Array; metrics: Float32Array } {
  return lossAndGrad(ac, (params) => {
    const m = mb.size;
    const fwd = ac.forward(params, tf.tensor2d(mb.obs, [m, ac.spec.obsDim]));
    const { logProb, entropy } = policyTerms(fwd, tf.tensor2d(mb.actions, [m, actDim]), ac.spec.nvec);
    const logRatio = tf.sub(logProb, tf.tensor1d(mb.oldLogProbs));
    const ratio = tf.exp(logRatio);
    const adv = tf.tensor1d(mb.advantages);
    const clip = o.clipRange;
    const pgLoss = tf.neg(tf.mean(tf.minimum(tf.mul(adv, ratio), tf.mul(adv, tf.clipByValue(ratio, 1 - clip, 1 + clip))))) as tf.Scalar;
    let valuesPred: tf.Tensor1D = fwd.value;
    if (o.clipRangeVf !== null) {
      const oldValues = tf.tensor1d(mb.oldValues);
      valuesPred = tf.add(oldValues, tf.clipByValue(tf.sub(fwd.value, oldValues), -o.clipRangeVf, o.clipRangeVf));
    }
    const valueLoss = tf.mean(tf.squaredDifference(tf.tensor1d(mb.returns), valuesPred)) as tf.Scalar;
    const entropyLoss = tf.neg(entropy) as tf.Scalar;
    const loss = tf.addN([pgLoss, tf.mul(o.entCoef, entropyLoss), tf.mul(o.vfCoef, valueLoss)]) as tf.Scalar;
    const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio));
    const clipFraction = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), clip), 'float32'));
    return { loss, metrics: tf.stack([pgLoss, valueLoss, entropyLoss, approxKl, clipFraction, loss]) as tf.Tensor1D };
  });
}

export function a2cLossReference(ac: ActorCritic, mb: Minibatch, o: { entCoef: number; vfCoef: number }, actDim: number): { grad: Float32Array; metrics: Float32Array } {
  return lossAndGrad(ac, (params) => {
    const m = mb.size;
    const fwd = ac.forward(params, tf.tensor2d(mb.obs, [m, ac.spec.obsDim]));
    const { logProb, entropy } = policyTerms(fwd, tf.tensor2d(mb.actions, [m, actDim]), ac.spec.nvec);
    const pgLoss = tf.neg(tf.mean(tf.mul(tf.tensor1d(mb.advantages), logProb))) as tf.Scalar;
    const valueLoss = tf.mean(tf.squaredDifference(tf.tensor1d(mb.returns), fwd.value)) as tf.Scalar;
    const entropyLoss = tf.neg(entropy) as tf.Scalar;
    const loss = tf.addN([pgLoss, tf.mul(o.entCoef, entropyLoss), tf.mul(o.vfCoef, valueLoss)]) as tf.Scalar;
    return { loss, metrics: tf.stack([pgLoss, valueLoss, entropyLoss, loss]) as tf.Tensor1D };
  });
}

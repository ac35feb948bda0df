/**
 * Loss and gradient of a batch through the fast path in one call, for the callers that need no
 * step between the loss and the backward pass (the gradient workers' chunks, agents/chunk-grad.ts;
 * the warm start, agents/warm-start.ts): forward pass (models/mlp-engine.ts), the loss's
 * closed-form output gradient on plain arrays, the hand-written backward pass, the log-std
 * gradient written into its slot. PPO and A2C write these steps out in their `train()` instead,
 * so the KL check sits visibly between the loss and the backward pass. The tfjs autodiff
 * reference the fast path is checked against is test-only: agents/test-utils/autodiff-reference.ts.
 */
import type { ActorCritic } from '../models/actor-critic.js';

/** Forward, `lossFn` on the outputs, backward: the full gradient (log-std slot filled) and the loss's result. */
export function fastLossAndGrad<R extends { dDist: Float32Array; dValue: Float32Array; dLogStd: Float32Array | null }>(
  ac: ActorCritic,
  obs: Float32Array,
  batch: number,
  lossFn: (out: Float32Array) => R,
): { grad: Float32Array; result: R } {
  const pass = ac.forwardTrain(obs, batch);
  let result: R;
  try {
    result = lossFn(pass.out);
  } catch (e) {
    pass.dispose();
    throw e;
  }
  const grad = pass.backward(result.dDist, result.dValue);
  if (result.dLogStd !== null) grad.set(result.dLogStd, ac.entry('log_std').offset);
  return { grad, result };
}

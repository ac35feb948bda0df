/**
 * On-policy rollout storage (SB3 `common/buffers.py` RolloutBuffer): nSteps x nEnvs transitions
 * in flat typed arrays (index t * nEnvs + e), GAE on completion, and minibatch gathering into
 * reusable arrays.
 */
import { computeGae, explainedVariance } from './gae.js';

export interface Minibatch {
  size: number;
  obs: Float32Array;
  actions: Float32Array;
  oldLogProbs: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
  oldValues: Float32Array;
}

export class RolloutBuffer {
  readonly nSteps: number;
  readonly nEnvs: number;
  readonly obsDim: number;
  readonly actDim: number;
  readonly obs: Float32Array;
  /** The unclipped sampled actions (their log-probs are the ones stored). */
  readonly actions: Float32Array;
  readonly rewards: Float64Array;
  readonly dones: Uint8Array;
  readonly values: Float32Array;
  readonly logProbs: Float32Array;
  readonly advantages: Float32Array;
  readonly returns: Float32Array;
  /** Transitions written so far (steps). */
  pos = 0;

  constructor(nSteps: number, nEnvs: number, obsDim: number, actDim: number) {
    this.nSteps = nSteps;
    this.nEnvs = nEnvs;
    this.obsDim = obsDim;
    this.actDim = actDim;
    const n = nSteps * nEnvs;
    this.obs = new Float32Array(n * obsDim);
    this.actions = new Float32Array(n * actDim);
    this.rewards = new Float64Array(n);
    this.dones = new Uint8Array(n);
    this.values = new Float32Array(n);
    this.logProbs = new Float32Array(n);
    this.advantages = new Float32Array(n);
    this.returns = new Float32Array(n);
  }

  get size(): number {
    return this.nSteps * this.nEnvs;
  }

  get full(): boolean {
    return this.pos === this.nSteps;
  }

  reset(): void {
    this.pos = 0;
  }

  /** Store one vector step (N envs). `rewards` are final (normalised, bootstrapped). */
  add(obs: Float32Array, actions: Float32Array, rewards: ArrayLike<number>, dones: ArrayLike<number>, values: ArrayLike<number>, logProbs: ArrayLike<number>): void {
    if (this.pos >= this.nSteps) throw new Error('RolloutBuffer.add: buffer is full; call reset() first');
    const n = this.nEnvs;
    const t = this.pos;
    this.obs.set(obs.subarray(0, n * this.obsDim), t * n * this.obsDim);
    this.actions.set(actions.subarray(0, n * this.actDim), t * n * this.actDim);
    for (let e = 0; e < n; e++) {
      this.rewards[t * n + e] = rewards[e]!;
      this.dones[t * n + e] = dones[e]! ? 1 : 0;
      this.values[t * n + e] = values[e]!;
      this.logProbs[t * n + e] = logProbs[e]!;
    }
    this.pos++;
  }

  computeReturnsAndAdvantage(lastValues: ArrayLike<number>, gamma: number, gaeLambda: number): void {
    computeGae(
      { nSteps: this.nSteps, nEnvs: this.nEnvs, rewards: this.rewards, values: this.values, dones: this.dones, lastValues, gamma, gaeLambda },
      this.advantages,
      this.returns,
    );
  }

  explainedVariance(): number {
    return explainedVariance(this.values, this.returns);
  }

  /** A reusable minibatch of capacity `size`. */
  allocMinibatch(size: number): Minibatch {
    return {
      size,
      obs: new Float32Array(size * this.obsDim),
      actions: new Float32Array(size * this.actDim),
      oldLogProbs: new Float32Array(size),
      advantages: new Float32Array(size),
      returns: new Float32Array(size),
      oldValues: new Float32Array(size),
    };
  }

  /** Copy the transitions `indices[start .. start + mb.size)` into `mb`. */
  gather(indices: ArrayLike<number>, start: number, mb: Minibatch): void {
    const od = this.obsDim;
    const ad = this.actDim;
    for (let k = 0; k < mb.size; k++) {
      const i = indices[start + k]!;
      for (let j = 0; j < od; j++) mb.obs[k * od + j] = this.obs[i * od + j]!;
      for (let j = 0; j < ad; j++) mb.actions[k * ad + j] = this.actions[i * ad + j]!;
      mb.oldLogProbs[k] = this.logProbs[i]!;
      mb.advantages[k] = this.advantages[i]!;
      mb.returns[k] = this.returns[i]!;
      mb.oldValues[k] = this.values[i]!;
    }
  }
}

/**
 * NormalizeReward (Gymnasium 1.0): keeps a discounted return G <- G * gamma * (1 - terminated) + r,
 * tracks its running variance, and scales rewards r -> r / sqrt(var(G) + epsilon) (no centring).
 */
import type { Action, Env, StepResult } from '../env.js';
import { RunningMeanStd } from '../../util/running-mean-std.js';
import { Wrapper } from './wrapper.js';

export class NormalizeReward extends Wrapper {
  readonly gamma: number;
  readonly epsilon: number;
  readonly rms = new RunningMeanStd(1);
  updateRunningMean = true;
  private discounted = 0;

  constructor(env: Env, gamma = 0.99, epsilon = 1e-8) {
    super(env);
    if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`NormalizeReward: gamma must be in [0, 1], got ${gamma}`);
    this.gamma = gamma;
    this.epsilon = epsilon;
  }

  override step(action: Action): StepResult {
    const r = this.env.step(action);
    this.discounted = this.discounted * this.gamma * (r.terminated ? 0 : 1) + r.reward;
    if (this.updateRunningMean) this.rms.update([this.discounted]);
    return { ...r, reward: r.reward / Math.sqrt(this.rms.var[0]! + this.epsilon) };
  }
}

/**
 * NormalizeObservation (Gymnasium): obs -> (obs - mean) / sqrt(var + epsilon), with running
 * statistics updated on every observation while `updateRunningMean` is true (freeze it for
 * evaluation). The wrapped observation space is unbounded.
 */
import type { Action, Env, ResetOptions, ResetResult, StepResult } from '../env.js';
import { Box } from '../spaces.js';
import { RunningMeanStd } from '../../util/running-mean-std.js';
import { Wrapper } from './wrapper.js';

export class NormalizeObservation extends Wrapper {
  readonly rms: RunningMeanStd;
  readonly epsilon: number;
  updateRunningMean = true;
  private readonly space: Box;

  constructor(env: Env, epsilon = 1e-8) {
    super(env);
    const d = env.observationSpace.shape[0];
    this.rms = new RunningMeanStd(d);
    this.epsilon = epsilon;
    this.space = new Box(new Array<number>(d).fill(-Infinity), new Array<number>(d).fill(Infinity));
  }

  override get observationSpace(): Box {
    return this.space;
  }

  override reset(opts?: { seed?: number; options?: ResetOptions }): ResetResult {
    const r = this.env.reset(opts);
    return { ...r, observation: this.normalize(r.observation) };
  }

  override step(action: Action): StepResult {
    const r = this.env.step(action);
    return { ...r, observation: this.normalize(r.observation) };
  }

  private normalize(obs: Float32Array): Float32Array {
    if (this.updateRunningMean) this.rms.update(obs);
    const out = new Float32Array(obs.length);
    for (let j = 0; j < obs.length; j++) out[j] = (obs[j]! - this.rms.mean[j]!) / Math.sqrt(this.rms.var[j]! + this.epsilon);
    return out;
  }
}

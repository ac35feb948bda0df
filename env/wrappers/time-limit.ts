/**
 * TimeLimit (Gymnasium `TimeLimit`): sets `truncated` once `maxEpisodeSteps` steps have been
 * taken in the episode, unless the episode terminated on that step. Truncation is outside the
 * MDP: learners bootstrap from the returned observation.
 */
import type { Action, Env, ResetOptions, ResetResult, StepResult } from '../env.js';
import { Wrapper } from './wrapper.js';

export class TimeLimit extends Wrapper {
  readonly maxEpisodeSteps: number;
  private elapsed = 0;

  constructor(env: Env, maxEpisodeSteps: number) {
    super(env);
    if (!(Number.isInteger(maxEpisodeSteps) && maxEpisodeSteps >= 1)) {
      throw new RangeError(`TimeLimit: maxEpisodeSteps must be an integer >= 1, got ${maxEpisodeSteps}`);
    }
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  override reset(opts?: { seed?: number; options?: ResetOptions }): ResetResult {
    this.elapsed = 0;
    return this.env.reset(opts);
  }

  override step(action: Action): StepResult {
    const r = this.env.step(action);
    this.elapsed++;
    if (this.elapsed >= this.maxEpisodeSteps && !r.terminated) r.truncated = true;
    return r;
  }
}

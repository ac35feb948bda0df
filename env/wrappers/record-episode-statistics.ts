/**
 * RecordEpisodeStatistics (Gymnasium): on the last step of an episode, `info.episode = { r, l }`
 * (undiscounted return and length); the last `bufferLength` returns and lengths are kept.
 */
import type { Action, Env, ResetOptions, ResetResult, StepResult } from '../env.js';
import { Wrapper } from './wrapper.js';

export class RecordEpisodeStatistics extends Wrapper {
  readonly bufferLength: number;
  readonly returnQueue: number[] = [];
  readonly lengthQueue: number[] = [];
  private episodeReturn = 0;
  private episodeLength = 0;

  constructor(env: Env, bufferLength = 100) {
    super(env);
    this.bufferLength = bufferLength;
  }

  override reset(opts?: { seed?: number; options?: ResetOptions }): ResetResult {
    this.episodeReturn = 0;
    this.episodeLength = 0;
    return this.env.reset(opts);
  }

  override step(action: Action): StepResult {
    const r = this.env.step(action);
    this.episodeReturn += r.reward;
    this.episodeLength++;
    if (r.terminated || r.truncated) {
      r.info = { ...r.info, episode: { r: this.episodeReturn, l: this.episodeLength } };
      this.returnQueue.push(this.episodeReturn);
      this.lengthQueue.push(this.episodeLength);
      if (this.returnQueue.length > this.bufferLength) {
        this.returnQueue.shift();
        this.lengthQueue.shift();
      }
    }
    return r;
  }
}

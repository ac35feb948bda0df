/**
 * SB3's `CheckpointCallback`: every `saveFreq` env steps (checked after each update, between
 * iterations, where a checkpoint resumes exactly) the agent's complete state and the run's trainer
 * state go to `savePath/checkpoints/step-<n>/` (training/checkpoint.ts: atomic, `latest.json`
 * naming the newest), keeping the newest `keep`. `save()` writes one now (mmgym train's last, and
 * on Ctrl-C), unless one was already written at this step.
 */
import { BaseCallback } from '../../agents/base-callback.js';
import type { IterationInfo, UpdateMetrics } from '../../agents/callbacks.js';
import { checkRange } from '../../agents/on-policy.js';
import { saveCheckpoint, type Checkpoint } from '../checkpoint.js';
import { DEFAULT_TRAIN_OPTIONS } from '../train-options.js';
import { advanceDue, createRunContext, type RunContext } from './run-context.js';

export interface CheckpointCallbackOptions {
  /** Checkpoint every this many env steps (all envs), after the update that reaches it; 0: only when `save()` is called. */
  saveFreq: number;
  /** The run directory: checkpoints go to its checkpoints/ folder. */
  savePath: string;
  /** Checkpoints kept (the newest). @defaultValue 2 (mmgym train's) */
  keep?: number;
  /** Shared with the run's other callbacks (default: its own, the first checkpoint due at `saveFreq`). */
  run?: RunContext;
  /** The checkpoint a resumed run started from: not written again at its step. */
  resumedFrom?: Checkpoint;
}

export class CheckpointCallback extends BaseCallback {
  readonly saveFreq: number;
  readonly savePath: string;
  readonly keep: number;
  readonly run: RunContext;
  /** The directory of the last checkpoint written (or resumed from); '' before any. */
  lastCheckpointDir: string;
  private lastAt: number;

  constructor(opts: CheckpointCallbackOptions) {
    super();
    checkRange('CheckpointCallback.saveFreq', opts.saveFreq, 0, Number.MAX_SAFE_INTEGER, true);
    const keep = opts.keep ?? DEFAULT_TRAIN_OPTIONS.keepCheckpoints;
    checkRange('CheckpointCallback.keep', keep, 1, 1e6, true);
    if (typeof opts.savePath !== 'string' || opts.savePath === '') throw new RangeError(`CheckpointCallback.savePath must be a directory path, got ${JSON.stringify(opts.savePath)}`);
    this.saveFreq = opts.saveFreq;
    this.savePath = opts.savePath;
    this.keep = keep;
    this.run = opts.run ?? createRunContext({ checkpointEvery: opts.saveFreq });
    this.lastCheckpointDir = opts.resumedFrom?.dir ?? '';
    this.lastAt = opts.resumedFrom?.state.timesteps ?? -1;
  }

  override async onUpdate(_metrics: UpdateMetrics, info: IterationInfo): Promise<boolean> {
    const state = this.run.state;
    state.timesteps = info.numTimesteps;
    if (this.saveFreq > 0 && state.timesteps >= state.nextCheckpointAt) {
      state.nextCheckpointAt = advanceDue(state.nextCheckpointAt, state.timesteps, this.saveFreq);
      await this.save();
    }
    return true;
  }

  /** Write a checkpoint of the agent at its current step (null if one was written at this step already). */
  async save(): Promise<Checkpoint | null> {
    const agent = this.agent;
    const state = this.run.state;
    state.timesteps = agent.numTimesteps;
    if (state.timesteps === this.lastAt) return null;
    this.lastAt = state.timesteps;
    state.wallSeconds = this.run.wall();
    const ck = await saveCheckpoint(this.savePath, agent, state, this.keep);
    this.lastCheckpointDir = ck.dir;
    return ck;
  }
}

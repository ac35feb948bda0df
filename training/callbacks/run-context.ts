/**
 * What the training callbacks of one run share: the trainer state (training/checkpoint.ts'
 * `TrainerState`: counters, best evaluation, when the next evaluation and checkpoint are due,
 * saved as each checkpoint's trainer.json and restored on resume), updated in place by the
 * callbacks, and the run's wall clock. `mmgym train` gives all its callbacks one context, so a
 * checkpoint holds the evaluations' state too; a callback made without one gets its own.
 */
import type { IterationInfo, UpdateMetrics } from '../../agents/callbacks.js';
import { TRAINER_STATE_VERSION, type TrainerState } from '../checkpoint.js';

export interface RunContext {
  /** The trainer state, written by the callbacks (and saved by CheckpointCallback). */
  readonly state: TrainerState;
  /** Training wall time so far (seconds), earlier sessions of a resumed run included. */
  wall(): number;
}

/** The trainer state of a fresh run: nothing done, the first evaluation / checkpoint due at `evalEvery` / `checkpointEvery` (0: never). */
export function initialTrainerState(o: { evalEvery?: number; checkpointEvery?: number } = {}): TrainerState {
  const evalEvery = o.evalEvery ?? 0;
  const checkpointEvery = o.checkpointEvery ?? 0;
  return {
    version: TRAINER_STATE_VERSION,
    timesteps: 0,
    wallSeconds: 0,
    updates: 0,
    evals: 0,
    bestPctOptimal: null,
    bestExactReturn: null,
    bestMeanReturn: null,
    bestAt: null,
    lastPctOptimal: null,
    lastEpRewMean: null,
    nextEvalAt: evalEvery > 0 ? evalEvery : Infinity,
    nextCheckpointAt: checkpointEvery > 0 ? checkpointEvery : Infinity,
  };
}

/**
 * A run context: `state` (default: a fresh run's with the given cadences), its wall clock counting
 * from `since` (a `performance.now()` time; default now) on top of `state.wallSeconds`.
 */
export function createRunContext(o: { state?: TrainerState; evalEvery?: number; checkpointEvery?: number; since?: number } = {}): RunContext {
  const state = o.state ?? initialTrainerState(o);
  const since = o.since ?? performance.now();
  const base = state.wallSeconds;
  return { state, wall: () => base + (performance.now() - since) / 1000 };
}

export function finite(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

/** Record what an update says about the run: its step count and the latest mean training return (idempotent). */
export function noteUpdate(run: RunContext, metrics: UpdateMetrics, info: IterationInfo): void {
  run.state.timesteps = info.numTimesteps;
  run.state.lastEpRewMean = finite(metrics['rollout/ep_rew_mean']) ?? run.state.lastEpRewMean;
}

/** Advance a due time past `timesteps` by whole periods (> 0). */
export function advanceDue(due: number, timesteps: number, period: number): number {
  let next = due;
  while (next <= timesteps) next += period;
  return next;
}

/**
 * What a run's callbacks share (run-context.ts): the trainer state of a fresh run, the wall clock
 * on top of earlier sessions, noteUpdate keeping the last finite training return, and due times
 * advanced by whole periods past the step count.
 */
import { describe, expect, it } from 'vitest';
import { TRAINER_STATE_VERSION } from '../checkpoint.js';
import { advanceDue, createRunContext, finite, initialTrainerState, noteUpdate } from './run-context.js';

const info = (numTimesteps: number) => ({ numTimesteps, iteration: 1, progressRemaining: 0.5, totalTimesteps: 100 });

describe('run-context', () => {
  it('a fresh run: nothing done, the first evaluation / checkpoint at their cadence (0: never)', () => {
    expect(initialTrainerState({ evalEvery: 512, checkpointEvery: 2048 })).toEqual({
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
      nextEvalAt: 512,
      nextCheckpointAt: 2048,
    });
    const never = initialTrainerState();
    expect(never.nextEvalAt).toBe(Infinity);
    expect(never.nextCheckpointAt).toBe(Infinity);
    expect(initialTrainerState({ evalEvery: 0, checkpointEvery: 0 }).nextEvalAt).toBe(Infinity);
  });

  it('createRunContext: the given state (kept by reference) or a fresh one; the wall clock adds the time since `since` to the saved seconds', () => {
    const state = { ...initialTrainerState(), wallSeconds: 100 };
    const run = createRunContext({ state, since: performance.now() - 5000 });
    expect(run.state).toBe(state);
    const w = run.wall();
    expect(w).toBeGreaterThanOrEqual(105);
    expect(run.wall()).toBeGreaterThanOrEqual(w); // never goes back
    const fresh = createRunContext({ evalEvery: 64 });
    expect(fresh.state.nextEvalAt).toBe(64);
    expect(fresh.wall()).toBeGreaterThanOrEqual(0);
  });

  it('finite: finite numbers pass, everything else is null', () => {
    expect(finite(0)).toBe(0);
    expect(finite(-2.5)).toBe(-2.5);
    expect(finite(undefined)).toBeNull();
    expect(finite(Number.NaN)).toBeNull();
    expect(finite(Number.NEGATIVE_INFINITY)).toBeNull();
  });

  it('noteUpdate records the step count and the latest finite mean training return (a NaN keeps the previous); idempotent', () => {
    const run = createRunContext();
    noteUpdate(run, { 'rollout/ep_rew_mean': Number.NaN }, info(16));
    expect(run.state.timesteps).toBe(16);
    expect(run.state.lastEpRewMean).toBeNull();
    noteUpdate(run, { 'rollout/ep_rew_mean': 1.5 }, info(32));
    noteUpdate(run, { 'rollout/ep_rew_mean': 1.5 }, info(32));
    expect(run.state).toMatchObject({ timesteps: 32, lastEpRewMean: 1.5, updates: 0 });
    noteUpdate(run, {}, info(48));
    expect(run.state).toMatchObject({ timesteps: 48, lastEpRewMean: 1.5 });
  });

  it('advanceDue: the first due time past the step count, by whole periods', () => {
    expect(advanceDue(512, 100, 512)).toBe(512);
    expect(advanceDue(512, 512, 512)).toBe(1024);
    expect(advanceDue(512, 1700, 512)).toBe(2048);
    expect(advanceDue(100, 99, 7)).toBe(100);
    expect(advanceDue(Infinity, 1e9, 512)).toBe(Infinity);
  });
});

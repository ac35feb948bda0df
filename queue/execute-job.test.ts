/** executeJob dispatches by kind: a sweep task to evaluateTask (the same row), a training seed to runTrainJob (its summary and files). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateTask, type SweepTask } from '../evals/sweep/task.js';
import { tinyRun } from '../training/test-utils/tiny-run.js';
import type { TrainJobResult } from '../training/train-job.js';
import { executeJob } from './execute-job.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-execute-job-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('executeJob', () => {
  it('sweep-task: the row evaluateTask gives', async () => {
    const task: SweepTask = { sweep: 'x', segment: 'validation', envId: 'default', overrides: { horizon: 0.05 }, policy: 'as', policyParams: {}, point: { policy: 'as' }, episodes: 4, seed: 1, reference: null };
    expect(await executeJob('sweep-task', task)).toEqual(await evaluateTask(task));
    await expect(executeJob('sweep-task', { ...task, policy: 'nope' })).rejects.toThrow(/policy must be one of .*, got "nope"/);
  });

  it('train: the seed trained, as a summary and packed files', async () => {
    const r = (await executeJob('train', { options: tinyRun(root, 'r', { timesteps: 512, seed: 9 }) })) as TrainJobResult;
    expect(r.summary.seed).toBe(9);
    expect(r.summary.timesteps).toBe(512);
    expect(r.files.map((f) => f.path)).toContain('final/weights.bin');
  }, 120_000);
});

/** ThreadSlots: jobs run on its threads with results equal to running them here; more jobs than threads wait for a free one; a failed job rejects with its message and the thread keeps serving. */
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateTask, type SweepTask } from '../evals/sweep/task.js';
import { ThreadSlots } from './thread-slots.js';
import { tinyTask } from './test-utils/tiny-task.js';

const task = (seed: number, policy = 'fixed'): SweepTask => tinyTask('ts', seed, policy);

const slots = new ThreadSlots(1);
afterAll(() => slots.close());

describe('ThreadSlots', () => {
  it('three jobs on one thread: each waits for the slot, each resolves with its own result', async () => {
    expect(slots.size).toBe(1);
    const results = await Promise.all([1, 2, 3].map((s) => slots.run('sweep-task', task(s))));
    for (const [i, r] of results.entries()) expect(r).toEqual(await evaluateTask(task(i + 1)));
    expect(results[0]).not.toEqual(results[1]);
  }, 60_000);

  it('a failing job rejects with its error message; the next job on the same thread runs', async () => {
    await expect(slots.run('sweep-task', task(1, 'nope'))).rejects.toThrow(/^policy must be one of .*, got "nope"$/);
    expect(await slots.run('sweep-task', task(5))).toEqual(await evaluateTask(task(5)));
  }, 60_000);
});

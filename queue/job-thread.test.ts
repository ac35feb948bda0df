/** The job thread: refuses to run on the main thread; in a worker thread, answers each posted job with its id and the result or the error message. */
import { describe, expect, it } from 'vitest';
import { evaluateTask, type SweepTask } from '../evals/sweep/task.js';
import { spawnModuleWorker } from '../util/spawn-worker.js';

const task: SweepTask = {
  sweep: 'jt',
  segment: 'validation',
  envId: 'default',
  overrides: { horizon: 0.05 },
  policy: 'fixed',
  policyParams: { halfSpread: 1 },
  point: { policy: 'fixed' },
  episodes: 4,
  seed: 2,
  reference: null,
};

describe('job-thread', () => {
  it('refuses to run on the main thread', async () => {
    await expect(import('./job-thread.js')).rejects.toThrow('job-thread must run in a worker thread');
  });

  it('answers each job with its id: the result, or the error message; one failure leaves the thread serving', async () => {
    const w = spawnModuleWorker(import.meta.url, 'job-thread');
    const replies = new Map<number, { id: number; result?: unknown; error?: string }>();
    const three = new Promise<void>((resolve, reject) => {
      w.on('message', (m: { id: number; result?: unknown; error?: string }) => {
        replies.set(m.id, m);
        if (replies.size === 3) resolve();
      });
      w.on('error', reject);
    });
    try {
      w.postMessage({ id: 7, kind: 'sweep-task', payload: task });
      w.postMessage({ id: 8, kind: 'sweep-task', payload: { ...task, policy: 'nope' } });
      w.postMessage({ id: 9, kind: 'sweep-task', payload: { ...task, seed: 3 } });
      await three;
      expect(replies.get(7)).toEqual({ id: 7, result: await evaluateTask(task) });
      expect(replies.get(8)?.error).toMatch(/^policy must be one of .*, got "nope"$/);
      expect(replies.get(8)?.result).toBeUndefined();
      expect(replies.get(9)).toEqual({ id: 9, result: await evaluateTask({ ...task, seed: 3 }) });
    } finally {
      await w.terminate();
    }
  }, 60_000);
});

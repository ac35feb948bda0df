/**
 * runQueueWorker: its refusals (before any connection), and on a real Redis (test-utils/redis.ts;
 * skipped without one, as queue.test.ts): it counts completed and failed jobs, stops by itself
 * after maxJobs, says what it runs, and returns at once when already aborted.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateTask, type SweepTask } from '../evals/sweep/task.js';
import { packageVersion } from '../util/package-root.js';
import { runOnQueue } from './run-on-queue.js';
import { redisAvailable, TEST_REDIS_URL, trackedQueues } from './test-utils/redis.js';
import { runQueueWorker } from './worker.js';
import { tinyTask } from './test-utils/tiny-task.js';

const UNREACHABLE = 'redis://127.0.0.1:1';
const hasRedis = await redisAvailable();
const { fresh, drop } = trackedQueues(hasRedis);
afterAll(drop);

const task = (seed: number, policy = 'fixed'): SweepTask => tinyTask('w', seed, policy);

describe('runQueueWorker refusals (no Redis needed)', () => {
  it('concurrency, stalled-ms and the queue name are checked first, naming the range and the value', async () => {
    for (const c of [0, 65, 1.5]) await expect(runQueueWorker({ url: UNREACHABLE, concurrency: c })).rejects.toThrow(`--concurrency must be an integer in [1, 64], got ${c}`);
    for (const s of [499, Number.NaN]) await expect(runQueueWorker({ url: UNREACHABLE, stalledMs: s })).rejects.toThrow(`--stalled-ms must be a number >= 500, got ${s}`);
    await expect(runQueueWorker({ url: UNREACHABLE, name: 'bad name' })).rejects.toThrow(`--name must be 1-64 letters, digits, '_', '.' or '-', got "bad name"`);
  });

  it('an unreachable Redis is refused, naming the URL', async () => {
    await expect(runQueueWorker({ url: UNREACHABLE })).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });
});

describe.skipIf(!hasRedis)('runQueueWorker on a real Redis', () => {
  it('already aborted: returns at once with nothing run', async () => {
    const abort = new AbortController();
    abort.abort();
    expect(await runQueueWorker({ url: TEST_REDIS_URL, name: fresh(), signal: abort.signal })).toEqual({ completed: 0, failed: 0 });
  });

  it('counts completed and failed jobs, stops by itself after maxJobs, and logs what it runs', async () => {
    const name = fresh();
    const lines: string[] = [];
    const worker = runQueueWorker({ url: TEST_REDIS_URL, name, maxJobs: 3, stalledMs: 2000, log: (m) => lines.push(m) });
    const got: unknown[] = [];
    await runOnQueue([{ id: 'ok-1', kind: 'sweep-task', payload: task(1) }, { id: 'ok-2', kind: 'sweep-task', payload: task(2) }], { url: TEST_REDIS_URL, name, onResult: (_i, r) => got.push(r) });
    expect(got).toEqual([await evaluateTask(task(1)), await evaluateTask(task(2))]);
    await expect(runOnQueue([{ id: 'bad-1', kind: 'sweep-task', payload: task(3, 'nope'), label: 'the bad one' }], { url: TEST_REDIS_URL, name, onResult: () => undefined })).rejects.toThrow(
      /^job bad-1 \(the bad one\) failed on a worker: policy must be one of .*, got "nope"$/,
    );
    expect(await worker).toEqual({ completed: 2, failed: 1 });
    expect(lines[0]).toBe(`mmgym worker ${process.pid} (mmgym ${packageVersion()}): queue ${name} on ${TEST_REDIS_URL}, 1 job(s) at once, stalled jobs re-run after 2000 ms`);
    expect(lines).toContain(`worker ${process.pid}: job ok-1 (sweep-task) started`);
    expect(lines).toContain(`worker ${process.pid}: job ok-2 done`);
    expect(lines.some((l) => l.startsWith(`worker ${process.pid}: job bad-1 failed: policy must be one of`))).toBe(true);
  }, 60_000);
});

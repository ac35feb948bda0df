/**
 * runOnQueue: refusals before connecting; on a real Redis (skipped without one, as queue.test.ts):
 * results in task order, the same as running the tasks here; a resubmission enqueues nothing and
 * is answered from Redis with no worker; a failed job is retried on resubmission; an abort leaves
 * the jobs in the queue and says so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateTask, type MetricRow, type SweepTask } from '../evals/sweep/task.js';
import { runOnQueue, type QueueTask } from './run-on-queue.js';
import { jobCounts, redisAvailable, TEST_REDIS_URL, trackedQueues } from './test-utils/redis.js';
import { runQueueWorker } from './worker.js';
import { tinyTask } from './test-utils/tiny-task.js';

const UNREACHABLE = 'redis://127.0.0.1:1';
const hasRedis = await redisAvailable();
const { fresh, drop } = trackedQueues(hasRedis);
afterAll(drop);

const task = (seed: number, policy = 'fixed'): SweepTask => tinyTask('q', seed, policy);
const jobs = (seeds: number[]): QueueTask[] => seeds.map((s) => ({ id: `t-${s}`, kind: 'sweep-task', payload: task(s) }));

async function collect(ts: QueueTask[], name: string, extra: { log?: (m: string) => void; signal?: AbortSignal } = {}): Promise<[number, MetricRow][]> {
  const got: [number, MetricRow][] = [];
  await runOnQueue<MetricRow>(ts, { url: TEST_REDIS_URL, name, onResult: (i, r) => got.push([i, r]), ...extra });
  return got;
}

describe('runOnQueue refusals (no Redis needed)', () => {
  it('no tasks: returns without connecting', async () => {
    await expect(runOnQueue([], { url: UNREACHABLE, onResult: () => undefined })).resolves.toBeUndefined();
  });

  it('a job id outside [A-Za-z0-9_-] and a bad queue name are refused before connecting', async () => {
    await expect(runOnQueue([{ id: 'a b', kind: 'sweep-task', payload: {} }], { url: UNREACHABLE, onResult: () => undefined })).rejects.toThrow(`job id "a b" must be letters, digits, '-' or '_'`);
    await expect(runOnQueue([{ id: 'a:b', kind: 'sweep-task', payload: {} }], { url: UNREACHABLE, onResult: () => undefined })).rejects.toThrow(`job id "a:b" must be letters, digits, '-' or '_'`);
    await expect(runOnQueue(jobs([1]), { url: UNREACHABLE, name: 'x/y', onResult: () => undefined })).rejects.toThrow(`--name must be 1-64 letters, digits, '_', '.' or '-', got "x/y"`);
    await expect(runOnQueue(jobs([1]), { url: UNREACHABLE, onResult: () => undefined })).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });
});

describe.skipIf(!hasRedis)('runOnQueue on a real Redis', () => {
  it('results in task order, equal to evaluating here; a resubmission enqueues nothing and needs no worker', async () => {
    const name = fresh();
    const abort = new AbortController();
    const worker = runQueueWorker({ url: TEST_REDIS_URL, name, signal: abort.signal });
    const lines: string[] = [];
    let got: [number, MetricRow][];
    try {
      got = await collect(jobs([1, 2, 3]), name, { log: (m) => lines.push(m) });
    } finally {
      abort.abort();
    }
    await worker;
    expect(got.map(([i]) => i)).toEqual([0, 1, 2]);
    for (const [i, r] of got) expect(r).toEqual(await evaluateTask(task(i + 1)));
    expect(lines[0]).toBe(`queue ${name} on ${TEST_REDIS_URL}: 3 job(s) submitted; start workers with: mmgym worker --queue ${TEST_REDIS_URL} --name ${name}`);
    const before = await jobCounts(name);
    expect(before.completed).toBe(3);
    // no worker now: the completed jobs in Redis answer
    expect(await collect(jobs([1, 2, 3]), name)).toEqual(got);
    expect(await jobCounts(name)).toEqual(before);
  }, 60_000);

  // bullmq 5.81's addBulk returns, for an id already in Redis, a Job built from the submitted data
  // (failedReason undefined): run-on-queue.ts once read the failure from it, never retried, and the
  // resubmission rejected at once with the old failure; it reads the state from Redis now
  it('a job that failed is retried when submitted again (and names its id and reason when it fails again)', async () => {
    const name = fresh();
    const bad: QueueTask[] = [{ id: 'bad', kind: 'sweep-task', payload: task(1, 'nope') }];
    const abort = new AbortController();
    const started: string[] = [];
    const worker = runQueueWorker({ url: TEST_REDIS_URL, name, signal: abort.signal, log: (m) => m.endsWith('started') && started.push(m) });
    const lines: string[] = [];
    try {
      await expect(collect(bad, name)).rejects.toThrow(/^job bad \(bad\) failed on a worker: policy must be one of .*, got "nope"$/);
      await expect(collect(bad, name, { log: (m) => lines.push(m) })).rejects.toThrow(/^job bad \(bad\) failed on a worker/);
    } finally {
      abort.abort();
    }
    expect((await worker).completed).toBe(0);
    expect(lines[0]).toContain('1 job(s) submitted (1 failed before: retried)');
    // the worker took the job twice (its 'started' line comes before the failure the submitter sees)
    expect(started.filter((l) => l.includes('job bad (sweep-task) started'))).toHaveLength(2);
  }, 60_000);

  it('aborted while waiting: refused with where the jobs stay; they are left in the queue', async () => {
    const name = fresh();
    const abort = new AbortController();
    const waiting = collect(jobs([1, 2]), name, {
      signal: abort.signal,
      log: (m) => {
        if (m.includes('submitted')) abort.abort();
      },
    });
    await expect(waiting).rejects.toThrow(`interrupted: the jobs stay in the queue ${name}; re-run (or --collect) to gather them`);
    expect((await jobCounts(name)).waiting).toBe(2);
  }, 30_000);
});

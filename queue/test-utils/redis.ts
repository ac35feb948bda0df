/**
 * The Redis the queue tests use: MMGYM_TEST_REDIS if set (.ci/run starts one and sets it, so
 * there the tests must reach it), else redis://127.0.0.1:6379 if a server answers there; without
 * either the queue tests are skipped with the reason printed (the rest of the suite needs none).
 */
import { Queue } from 'bullmq';
import { connectionOf, probeRedis } from '../connect.js';
import { QUEUE_PREFIX } from '../job-kinds.js';
import { parseRedisUrl } from '../redis-url.js';

export const TEST_REDIS_URL = process.env.MMGYM_TEST_REDIS ?? 'redis://127.0.0.1:6379';

export async function redisAvailable(): Promise<boolean> {
  try {
    await probeRedis(TEST_REDIS_URL, 1500);
    return true;
  } catch (e) {
    if (process.env.MMGYM_TEST_REDIS !== undefined) throw e;
    process.stderr.write(`queue tests skipped: no Redis at ${TEST_REDIS_URL} (set MMGYM_TEST_REDIS, or start redis-server)\n`);
    return false;
  }
}

let n = 0;
/** A fresh queue name for one test. */
export function testQueueName(): string {
  return `test-${process.pid}-${Date.now().toString(36)}-${n++}`;
}

/** Runs `f` with a Queue handle on `name`, closed afterwards. */
async function withQueue<T>(name: string, f: (q: Queue) => Promise<T>): Promise<T> {
  const q = new Queue(name, { connection: connectionOf(parseRedisUrl(TEST_REDIS_URL)), prefix: QUEUE_PREFIX });
  try {
    return await f(q);
  } finally {
    await q.close();
  }
}

/** Removes every key of the queue `name`. */
export function dropQueue(name: string): Promise<void> {
  return withQueue(name, (q) => q.obliterate({ force: true }));
}

/** Job counts of the queue `name`. */
export function jobCounts(name: string): Promise<Record<string, number>> {
  return withQueue(name, (q) => q.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed'));
}

/**
 * Fresh queue names for one test file, every one dropped after it: call `afterAll(drop)` where
 * `const { fresh, drop } = trackedQueues(hasRedis)`.
 */
export function trackedQueues(hasRedis: boolean): { fresh: () => string; drop: () => Promise<void> } {
  const used: string[] = [];
  return {
    fresh: () => {
      const q = testQueueName();
      used.push(q);
      return q;
    },
    drop: async () => {
      if (hasRedis) for (const q of used) await dropQueue(q);
    },
  };
}

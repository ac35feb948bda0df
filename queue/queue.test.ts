/**
 * The queue against a real Redis (test-utils/redis.ts): a sweep run as BullMQ jobs writes the
 * embedded run's CSV byte for byte; a re-run enqueues nothing; a worker process killed mid-job
 * (SIGKILL) has its job re-run by another through BullMQ's stalled-job check, with no row lost
 * or duplicated; a job of another version is refused with both versions; training seeds come
 * back through Redis identical to the same seeds trained here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSweep } from '../evals/sweep/run-sweep.js';
import { TINY_SWEEP } from '../evals/sweep/test-utils/tiny-sweep.js';
import { trainSeeds } from '../training/multi-seed.js';
import { tinyRun } from '../training/test-utils/tiny-run.js';
import { runOnQueue } from './run-on-queue.js';
import { runQueueWorker } from './worker.js';
import { jobCounts, redisAvailable, TEST_REDIS_URL, trackedQueues } from './test-utils/redis.js';

const hasRedis = await redisAvailable();
const { fresh, drop } = trackedQueues(hasRedis);
afterAll(drop);

function sweepConfig(dir: string, csv: string, patch: Record<string, unknown> = {}): string {
  const path = join(dir, `${csv}.json`);
  writeFileSync(
    path,
    JSON.stringify({ name: 'q', experiments: `${csv}.csv`, ...TINY_SWEEP, ...patch }),
  );
  return path;
}

/** `mmgym worker` as a real child process (from source). */
function workerProcess(name: string, extra: string[] = []): { child: ChildProcess; log: () => string; started: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'worker', '--queue', TEST_REDIS_URL, '--name', name, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  let onStart: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    onStart = resolve;
  });
  const take = (b: Buffer): void => {
    text += b.toString();
    if (/\(sweep-task\) started/.test(text)) onStart();
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return { child, log: () => text, started };
}

describe.skipIf(!hasRedis)('sweeps as BullMQ jobs on a real Redis', () => {
  it('writes the embedded run\'s CSV byte for byte, and a re-run enqueues nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-queue-'));
    const name = fresh();
    await runSweep({ configPath: sweepConfig(dir, 'embedded'), workers: 1, figuresDir: null });
    const abort = new AbortController();
    const worker = runQueueWorker({ url: TEST_REDIS_URL, name, concurrency: 2, signal: abort.signal });
    const r = await runSweep({ configPath: sweepConfig(dir, 'queued'), workers: 1, figuresDir: null, queue: { url: TEST_REDIS_URL, name } });
    expect(r.evaluated).toBe(8);
    expect(readFileSync(join(dir, 'queued.csv'), 'utf8')).toBe(readFileSync(join(dir, 'embedded.csv'), 'utf8'));
    const before = await jobCounts(name);
    expect(before.completed).toBe(9); // 8 grid points + the best one out of sample
    const again = await runSweep({ configPath: sweepConfig(dir, 'queued'), workers: 1, figuresDir: null, queue: { url: TEST_REDIS_URL, name } });
    expect(again.evaluated).toBe(0);
    expect(await jobCounts(name)).toEqual(before);
    // --collect after a submitter that died: the results are in Redis, a fresh CSV gets them all
    const collected = await runSweep({ configPath: sweepConfig(dir, 'collected'), workers: 1, figuresDir: null, queue: { url: TEST_REDIS_URL, name, collect: true } });
    expect(collected.evaluated).toBe(8);
    expect(readFileSync(join(dir, 'collected.csv'), 'utf8')).toBe(readFileSync(join(dir, 'embedded.csv'), 'utf8'));
    abort.abort();
    expect((await worker).failed).toBe(0);
  }, 120_000);

  it('--collect refuses a sweep that was never submitted, naming the job', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-queue-'));
    await expect(runSweep({ configPath: sweepConfig(dir, 'never'), workers: 1, figuresDir: null, queue: { url: TEST_REDIS_URL, name: fresh(), collect: true } })).rejects.toThrow(
      /job sweep-[0-9a-f]{16} \(validation: .*\) is not in the queue .* submit the sweep without --collect/,
    );
  });

  it('a worker process killed mid-job: another worker re-runs the stalled job; no row lost or duplicated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-queue-'));
    const name = fresh();
    // tasks of a few seconds each, so the kill lands inside one
    const patch = { episodes: 3000, envOverrides: {} };
    await runSweep({ configPath: sweepConfig(dir, 'embedded', patch), workers: 1, figuresDir: null });
    const first = workerProcess(name, ['--stalled-ms', '1500']);
    const sweep = runSweep({ configPath: sweepConfig(dir, 'queued', patch), workers: 1, figuresDir: null, queue: { url: TEST_REDIS_URL, name } });
    await first.started;
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const second = workerProcess(name, ['--stalled-ms', '1500']);
    try {
      await sweep;
      expect(second.log()).toMatch(/had stalled/);
    } finally {
      second.child.kill('SIGTERM');
    }
    const text = readFileSync(join(dir, 'queued.csv'), 'utf8');
    expect(text).toBe(readFileSync(join(dir, 'embedded.csv'), 'utf8'));
    const keys = text.trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(9);
  }, 300_000);

  it('a job made by another mmgym version is refused by the worker, with both versions', async () => {
    const name = fresh();
    const abort = new AbortController();
    const worker = runQueueWorker({ url: TEST_REDIS_URL, name, signal: abort.signal });
    await expect(
      runOnQueue([{ id: 'old-job', kind: 'sweep-task', payload: {} }], { url: TEST_REDIS_URL, name, version: '0.0.0-old', onResult: () => undefined }),
    ).rejects.toThrow(/job old-job .*failed on a worker: the job was made by mmgym 0\.0\.0-old, this worker runs mmgym \d+\.\d+\.\d+/);
    abort.abort();
    expect((await worker).failed).toBe(1);
  }, 60_000);
});

describe.skipIf(!hasRedis)('training seeds as BullMQ jobs', () => {
  it('two seeds through Redis land in <out>/seed-<s> identical to the same seeds trained here, with the table across seeds', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mmgym-seeds-'));
    const name = fresh();
    const base = (out: string) => ({ ...tinyRun(root, out), finalEpisodes: 20, workers: 1 });
    const local = await trainSeeds(base('local'), [3, 4]);
    const abort = new AbortController();
    const worker = runQueueWorker({ url: TEST_REDIS_URL, name, concurrency: 2, signal: abort.signal });
    const queued = await trainSeeds(base('queued'), [3, 4], { queue: { url: TEST_REDIS_URL, name } });
    abort.abort();
    await worker;
    for (const s of [3, 4]) {
      // the networks bit for bit (the logs differ only in their wall-clock columns)
      for (const f of ['best/weights.bin', 'final/weights.bin', 'best/model.json']) {
        expect(readFileSync(join(root, 'queued', `seed-${s}`, f)), `seed ${s} ${f}`).toEqual(readFileSync(join(root, 'local', `seed-${s}`, f)));
      }
    }
    expect(queued.rows.map((r) => r.seed)).toEqual([3, 4]);
    expect(queued.rows.map((r) => r.test?.meanReturn)).toEqual(local.rows.map((r) => r.test?.meanReturn));
    const table = JSON.parse(readFileSync(queued.file, 'utf8')) as { aggregate: { testMeanReturn: { n: number; worst: number } } };
    expect(table.aggregate.testMeanReturn.n).toBe(2);
    expect(table.aggregate.testMeanReturn.worst).toBe(Math.min(...local.rows.map((r) => r.test?.meanReturn as number)));
  }, 300_000);
});

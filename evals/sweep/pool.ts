/**
 * Runs sweep tasks on `workers` worker threads (or inline with 1) and hands the results back in
 * task order, so the experiments CSV is the same file whatever the worker count: each task is
 * a pure function of its inputs (seeded), and rows are written in order.
 */
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../../util/spawn-worker.js';
import { evaluateTask, type MetricRow, type SweepTask } from './task.js';

interface WorkerReply {
  id: number;
  row?: MetricRow;
  error?: string;
}

/** A worker running sweep-worker (.ts from source through tsx's loader, .js when compiled). */
function spawnWorker(): Worker {
  return spawnModuleWorker(import.meta.url, 'sweep-worker');
}

export interface PoolOptions {
  workers: number;
  /** Called once per task, in task order. */
  onResult: (index: number, row: MetricRow) => void;
  /** Stop handing out new tasks when aborted (finished ones are still delivered in order). */
  signal?: AbortSignal;
}

export async function runTasks(tasks: readonly SweepTask[], options: PoolOptions): Promise<void> {
  const workers = options.workers;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`--workers must be an integer >= 1, got ${workers}`);
  if (workers === 1 || tasks.length <= 1) {
    for (let i = 0; i < tasks.length; i++) {
      if (options.signal?.aborted === true) return;
      options.onResult(i, await evaluateTask(tasks[i] as SweepTask));
    }
    return;
  }
  const results = new Map<number, MetricRow>();
  let nextToFlush = 0;
  let nextToSend = 0;
  const flush = (): void => {
    while (results.has(nextToFlush)) {
      const row = results.get(nextToFlush) as MetricRow;
      results.delete(nextToFlush);
      options.onResult(nextToFlush, row);
      nextToFlush++;
    }
  };
  const pool = Array.from({ length: Math.min(workers, tasks.length) }, spawnWorker);
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const sendNext = (): void => {
              if (nextToSend >= tasks.length || options.signal?.aborted === true) {
                resolve();
                return;
              }
              const id = nextToSend++;
              w.postMessage({ id, task: tasks[id] });
            };
            w.on('message', (msg: WorkerReply) => {
              if (msg.error !== undefined) {
                reject(new Error(`sweep task ${msg.id} failed: ${msg.error}`));
                return;
              }
              results.set(msg.id, msg.row as MetricRow);
              try {
                flush();
              } catch (err) {
                reject(err as Error);
                return;
              }
              sendNext();
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (code !== 0) reject(new Error(`sweep worker exited with code ${code}`));
            });
            sendNext();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  flush();
}

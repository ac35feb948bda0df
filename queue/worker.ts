/**
 * `mmgym worker` as a library function: take jobs from the queue `name` on Redis at `url` and run
 * them on `concurrency` worker threads until `signal` aborts (then finish the jobs in flight).
 *
 * Faults are BullMQ's: each active job holds a lock the worker renews every lockDuration / 2; a
 * worker that dies stops renewing, and after `stalledMs` any worker's stalled-job check moves
 * the job back to the wait list, so another worker runs it (once: maxStalledCount 1, then it
 * fails with BullMQ's reason). A job made by another mmgym version is failed at once, without
 * retries (UnrecoverableError), with the two versions in its reason.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { packageVersion } from '../util/package-root.js';
import { connectionOf, probeRedis } from './connect.js';
import { checkQueueName, DEFAULT_QUEUE_NAME, QUEUE_PREFIX, refusal, type JobEnvelope } from './job-kinds.js';
import { ThreadSlots } from './thread-slots.js';

/** BullMQ's default lock duration and stalled-check interval. */
export const DEFAULT_STALLED_MS = 30_000;

export interface QueueWorkerOptions {
  url: string;
  name?: string;
  /** Jobs run at once (one worker thread each). @defaultValue 1 */
  concurrency?: number;
  /** Lock duration and stalled-check interval: how soon a dead worker's job is run again. @defaultValue 30000 */
  stalledMs?: number;
  /** Stop after this many jobs (completed or failed); undefined = run until aborted. */
  maxJobs?: number;
  log?: (message: string) => void;
  signal?: AbortSignal;
  /** The version this worker claims (tests of the refusal only). */
  version?: string;
}

export interface QueueWorkerResult {
  completed: number;
  failed: number;
}

export async function runQueueWorker(options: QueueWorkerOptions): Promise<QueueWorkerResult> {
  const log = options.log ?? (() => undefined);
  const name = checkQueueName(options.name ?? DEFAULT_QUEUE_NAME);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new RangeError(`--concurrency must be an integer in [1, 64], got ${concurrency}`);
  const stalledMs = options.stalledMs ?? DEFAULT_STALLED_MS;
  if (!Number.isFinite(stalledMs) || stalledMs < 500) throw new RangeError(`--stalled-ms must be a number >= 500, got ${stalledMs}`);
  const version = options.version ?? packageVersion();
  const target = await probeRedis(options.url);
  const slots = new ThreadSlots(concurrency);
  const counts: QueueWorkerResult = { completed: 0, failed: 0 };

  const processor = async (job: Job<JobEnvelope>): Promise<unknown> => {
    const why = refusal(job.data, version);
    if (why !== null) throw new UnrecoverableError(why);
    return slots.run(job.data.kind, job.data.payload);
  };
  const worker = new Worker<JobEnvelope>(name, processor, {
    connection: connectionOf(target),
    prefix: QUEUE_PREFIX,
    concurrency,
    lockDuration: stalledMs,
    stalledInterval: stalledMs,
    maxStalledCount: 1,
    autorun: false,
  });
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const stop = (): void => {
    void worker.close().then(done, done);
  };
  const counted = (): void => {
    if (options.maxJobs !== undefined && counts.completed + counts.failed >= options.maxJobs) stop();
  };
  worker.on('active', (job) => log(`worker ${process.pid}: job ${job.id} (${job.data.kind}) started`));
  worker.on('completed', (job) => {
    counts.completed++;
    log(`worker ${process.pid}: job ${job.id} done`);
    counted();
  });
  worker.on('failed', (job, err) => {
    counts.failed++;
    log(`worker ${process.pid}: job ${job?.id ?? '?'} failed: ${err.message}`);
    counted();
  });
  worker.on('stalled', (jobId) => log(`worker ${process.pid}: job ${jobId} had stalled (its worker died?): back in the queue`));
  worker.on('error', (err) => log(`worker ${process.pid}: ${err.message}`));
  if (options.signal !== undefined) {
    if (options.signal.aborted) stop();
    else options.signal.addEventListener('abort', stop, { once: true });
  }
  log(`mmgym worker ${process.pid} (mmgym ${version}): queue ${name} on ${options.url}, ${concurrency} job(s) at once, stalled jobs re-run after ${stalledMs} ms`);
  void worker.run().catch((e: Error) => {
    log(`worker ${process.pid}: ${e.message}`);
    stop();
  });
  try {
    await finished;
  } finally {
    await slots.close();
  }
  return counts;
}

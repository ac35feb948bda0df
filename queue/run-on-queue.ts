/**
 * The submitting side: enqueue one BullMQ job per task, keyed by the task's id (a task already in
 * Redis is not enqueued again; one that failed is retried), then wait for the results and hand
 * them back in task order — the embedded pool's contract (evals/sweep/pool.ts), so what is
 * written from them is the same file whichever way the tasks ran.
 *
 * Completions arrive through QueueEvents (a Redis stream); a reconcile pass every second reads
 * the states of the first outstanding jobs directly, so an event missed while (re)connecting
 * delays nothing. Completed jobs are kept in Redis for a week, so a submitter that died can be
 * replaced by `collect: true` (no enqueuing) and find every result.
 */
import { Job, Queue, QueueEvents } from 'bullmq';
import { QueueError } from '../util/errors.js';
import { connectionOf, probeRedis } from './connect.js';
import { checkQueueName, DEFAULT_QUEUE_NAME, envelope, QUEUE_PREFIX, type JobEnvelope, type JobKind } from './job-kinds.js';

export interface QueueTask {
  /** BullMQ job id: the task's content key (letters, digits, '-' and '_'). */
  id: string;
  kind: JobKind;
  payload: unknown;
  /** For messages. */
  label?: string;
}

export interface RunOnQueueOptions<R> {
  url: string;
  name?: string;
  /** Called once per task, in task order. */
  onResult: (index: number, result: R) => void;
  /** Enqueue nothing: gather the results of jobs already in Redis (refused if one is missing). */
  collect?: boolean;
  signal?: AbortSignal;
  log?: (message: string) => void;
  /** The version written into the jobs (tests of the refusal only). */
  version?: string;
  /** Progress lines at most this often. @defaultValue 10000 */
  progressMs?: number;
}

const KEEP_SECONDS = 7 * 24 * 3600;
const RECONCILE_MS = 1000;
const RECONCILE_BATCH = 64;

export async function runOnQueue<R>(tasks: readonly QueueTask[], options: RunOnQueueOptions<R>): Promise<void> {
  if (tasks.length === 0) return;
  const log = options.log ?? (() => undefined);
  const name = checkQueueName(options.name ?? DEFAULT_QUEUE_NAME);
  for (const t of tasks) if (!/^[A-Za-z0-9_-]+$/.test(t.id)) throw new QueueError(`job id ${JSON.stringify(t.id)} must be letters, digits, '-' or '_'`);
  const target = await probeRedis(options.url);
  const connection = connectionOf(target);
  const queue = new Queue<JobEnvelope>(name, { connection, prefix: QUEUE_PREFIX });
  const events = new QueueEvents(name, { connection, prefix: QUEUE_PREFIX });
  const errors: string[] = [];
  queue.on('error', (e) => errors.push(e.message));
  events.on('error', (e) => errors.push(e.message));
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const results = new Map<number, R>();
  let nextToFlush = 0;
  let settle: (e?: Error) => void = () => undefined;
  const settled = new Promise<void>((resolve, reject) => {
    settle = (e) => (e === undefined ? resolve() : reject(e));
  });
  settled.catch(() => undefined); // rejections are awaited below; this only keeps an early one from being reported as unhandled
  const flush = (): void => {
    try {
      while (results.has(nextToFlush)) {
        const r = results.get(nextToFlush) as R;
        results.delete(nextToFlush);
        options.onResult(nextToFlush, r);
        nextToFlush++;
      }
    } catch (e) {
      settle(e as Error);
      return;
    }
    if (nextToFlush >= tasks.length) settle();
  };
  const describe = (i: number): string => tasks[i]?.label ?? tasks[i]?.id ?? String(i);
  const completed = (id: string, value: unknown): void => {
    const i = index.get(id);
    if (i === undefined || i < nextToFlush || results.has(i)) return;
    if (value === null || value === undefined) return; // mmgym's jobs always return a value: a stale read, the next pass reads again
    results.set(i, value as R);
    flush();
  };
  const failed = (id: string, reason: string): void => {
    const i = index.get(id);
    if (i === undefined || i < nextToFlush) return;
    settle(new QueueError(`job ${id} (${describe(i)}) failed on a worker: ${reason}`));
  };
  events.on('completed', ({ jobId, returnvalue }) => {
    let v: unknown = returnvalue;
    if (typeof returnvalue === 'string') {
      try {
        v = JSON.parse(returnvalue);
      } catch {
        v = returnvalue;
      }
    }
    completed(jobId, v);
  });
  events.on('failed', ({ jobId, failedReason }) => failed(jobId, failedReason));

  let timer: NodeJS.Timeout | undefined;
  let lastProgress = performance.now();
  const reconcile = async (): Promise<void> => {
    const ids: string[] = [];
    for (let i = nextToFlush; i < tasks.length && ids.length < RECONCILE_BATCH; i++) if (!results.has(i)) ids.push((tasks[i] as QueueTask).id);
    for (const id of ids) {
      // the state first, then the job: a job read while active and found finished afterwards
      // would carry no return value (or failure reason) yet
      const state = await queue.getJobState(id);
      if (state === 'unknown') {
        if (options.collect === true) settle(new QueueError(`job ${id} (${describe(index.get(id) as number)}) is not in the queue ${name} on ${options.url}: submit the sweep without --collect`));
        continue;
      }
      if (state !== 'completed' && state !== 'failed') continue;
      const job = await Job.fromId<JobEnvelope>(queue, id);
      if (job === undefined) continue; // removed in between: its event, or the next pass, tells
      if (state === 'completed') completed(id, job.returnvalue);
      else failed(id, job.failedReason ?? 'no reason given');
    }
    if (performance.now() - lastProgress > (options.progressMs ?? 10_000)) {
      lastProgress = performance.now();
      const c = await queue.getJobCounts('waiting', 'active', 'delayed');
      log(`queue ${name}: ${nextToFlush + results.size}/${tasks.length} results in, ${c.waiting ?? 0} waiting and ${c.active ?? 0} running in the queue`);
    }
  };
  const loop = (): void => {
    timer = setTimeout(() => {
      reconcile().then(loop, (e: Error) => settle(new QueueError(`queue ${name} on ${options.url}: ${e.message}`)));
    }, RECONCILE_MS);
  };
  const onAbort = (): void => settle(new QueueError(`interrupted: the jobs stay in the queue ${name}; re-run (or --collect) to gather them`));

  try {
    await events.waitUntilReady();
    if (options.collect !== true) {
      await queue.addBulk(
        tasks.map((t) => ({
          name: t.kind,
          data: envelope(t.kind, t.payload, options.version),
          opts: { jobId: t.id, removeOnComplete: { age: KEEP_SECONDS }, removeOnFail: { age: KEEP_SECONDS } },
        })),
      );
      // an id already in Redis keeps its job (addBulk does not add it again, and the Job it returns
      // is built from the data just sent, without the stored failure): the queue's failed jobs,
      // read once, are retried where they are ours
      const ours = new Set(tasks.map((t) => t.id));
      let retried = 0;
      for (const job of await queue.getFailed()) {
        if (job.id === undefined || !ours.has(job.id)) continue;
        await job.retry('failed');
        retried++;
      }
      log(`queue ${name} on ${options.url}: ${tasks.length} job(s) submitted${retried > 0 ? ` (${retried} failed before: retried)` : ''}; start workers with: mmgym worker --queue ${options.url}${name === DEFAULT_QUEUE_NAME ? '' : ` --name ${name}`}`);
    }
    if (options.signal?.aborted === true) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    await reconcile();
    loop();
    await settled;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    await events.close();
    await queue.close();
  }
  if (errors.length > 0 && nextToFlush < tasks.length) throw new QueueError(`queue ${name} on ${options.url}: ${errors[0]}`);
}

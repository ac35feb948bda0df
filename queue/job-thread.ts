/**
 * Worker-thread entry of `mmgym worker`: runs the jobs posted to it one at a time. The jobs run
 * here, off the worker's main thread, so BullMQ's lock renewals keep running while a job
 * computes (a blocked event loop would let the lock lapse and the job be taken as stalled).
 */
import { parentPort } from 'node:worker_threads';
import { executeJob } from './execute-job.js';
import type { JobKind } from './job-kinds.js';

interface JobMessage {
  id: number;
  kind: JobKind;
  payload: unknown;
}

const port = parentPort;
if (port === null) throw new Error('job-thread must run in a worker thread');
port.on('message', (msg: JobMessage) => {
  executeJob(msg.kind, msg.payload).then(
    (result) => port.postMessage({ id: msg.id, result }),
    (err: unknown) => port.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});

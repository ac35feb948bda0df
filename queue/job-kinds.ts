/**
 * What travels through the queue: an envelope with mmgym's version (a worker running another
 * version refuses the job: the same task could give another row), the job's kind and its
 * payload. One BullMQ queue per `--name` (default mmgym) carries every kind, so one
 * `mmgym worker` serves sweeps and training alike.
 */
import { packageVersion } from '../util/package-root.js';
import { QueueError } from '../util/errors.js';

export const JOB_KINDS = ['sweep-task', 'train'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface JobEnvelope {
  /** mmgym version of the submitter. */
  version: string;
  kind: JobKind;
  payload: unknown;
}

/** The default queue name (`--name`). */
export const DEFAULT_QUEUE_NAME = 'mmgym';
/** BullMQ key prefix: every key mmgym writes starts with it. */
export const QUEUE_PREFIX = 'mmgym';

export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new QueueError(`--name must be 1-64 letters, digits, '_', '.' or '-', got ${JSON.stringify(name)}`);
  return name;
}

export function envelope(kind: JobKind, payload: unknown, version = packageVersion()): JobEnvelope {
  return { version, kind, payload };
}

/** Why this worker refuses the envelope (null = it takes it). */
export function refusal(data: unknown, version = packageVersion()): string | null {
  const e = data as Partial<JobEnvelope> | null;
  if (e === null || typeof e !== 'object' || typeof e.version !== 'string') return 'the job carries no mmgym version: it was not made by mmgym';
  if (e.version !== version) return `the job was made by mmgym ${e.version}, this worker runs mmgym ${version}: run a worker of the same version`;
  if (!JOB_KINDS.includes(e.kind as JobKind)) return `unknown job kind ${JSON.stringify(e.kind)} (this worker runs ${JOB_KINDS.join(', ')})`;
  return null;
}

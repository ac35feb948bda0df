/**
 * `mmgym worker --queue redis://host:port [--concurrency K] [--name N]`: take jobs (sweep tasks,
 * training seeds) from the queue and run them until Ctrl-C (which lets the jobs in flight finish;
 * a second Ctrl-C quits at once, and the queue re-runs those jobs on another worker).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { runQueueWorker, DEFAULT_STALLED_MS } from '../../queue/worker.js';
import { DEFAULT_QUEUE_NAME } from '../../queue/job-kinds.js';
import { commandEntry } from './index.js';
import { withInterrupt } from '../interrupt.js';

interface WorkerArgs {
  queue: string;
  concurrency: number;
  name: string;
  'stalled-ms': number;
  'max-jobs'?: number;
}

function builder(y: Argv): Argv<WorkerArgs> {
  return y
    .option('queue', { type: 'string', demandOption: true, describe: 'the Redis the jobs are on: redis://host:port[/db]' })
    .option('concurrency', { type: 'number', default: 1, describe: 'jobs at once, one worker thread each (e.g. the machine\'s cores)' })
    .option('name', { type: 'string', default: DEFAULT_QUEUE_NAME, describe: 'queue name (the submitter\'s --name)' })
    .option('stalled-ms', { type: 'number', default: DEFAULT_STALLED_MS, describe: 'job lock and stalled-check interval: a job whose worker died runs again on another after about this long' })
    .option('max-jobs', { type: 'number', describe: 'stop after this many jobs (default: run until Ctrl-C)' })
    .example('$0 worker --queue redis://10.0.0.5:6379 --concurrency 2', 'serve jobs on both cores of this machine') as unknown as Argv<WorkerArgs>;
}

async function handler(a: ArgumentsCamelCase<WorkerArgs>): Promise<void> {
  const r = await withInterrupt(
    'mmgym worker: stopping after the jobs in flight (again to quit now)',
    (signal) =>
      runQueueWorker({
        url: a.queue,
        name: a.name,
        concurrency: a.concurrency,
        stalledMs: a['stalled-ms'],
        ...(a['max-jobs'] !== undefined ? { maxJobs: a['max-jobs'] } : {}),
        log: (m) => process.stderr.write(`${m}
`),
        signal,
      }),
    { sigterm: true },
  );
  process.stdout.write(`mmgym worker: ${r.completed} job(s) done, ${r.failed} failed
`);
}

export const workerCommand: CommandModule<object, WorkerArgs> = {
  command: commandEntry('worker').command,
  describe: commandEntry('worker').describe,
  builder,
  handler,
};

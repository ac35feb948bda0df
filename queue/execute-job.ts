/** Runs one job's payload by kind (in a worker thread of `mmgym worker`): a sweep task or a training seed. */
import { evaluateTask, type SweepTask } from '../evals/sweep/task.js';
import { runTrainJob, type TrainJob } from '../training/train-job.js';
import type { JobKind } from './job-kinds.js';

export async function executeJob(kind: JobKind, payload: unknown): Promise<unknown> {
  switch (kind) {
    case 'sweep-task':
      return evaluateTask(payload as SweepTask);
    case 'train':
      return runTrainJob(payload as TrainJob);
  }
}

/**
 * One training seed as a queue job (`mmgym train --seeds ... --queue`): the worker trains into a
 * temporary run directory, and the run travels back through Redis — its policies (best/, final/:
 * policy.json + weights, tens of kB), logs and closing table, not its checkpoints — with the
 * seed's summary line. The submitter unpacks it into <out>/seed-<s>/, each file verified.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packDir, type PackedFile } from '../util/pack-dir.js';
import { RUN_LOCK_FILE } from './run-lock.js';
import { seedSummary, type SeedSummary } from './seed-summary.js';
import { train } from './train.js';
import type { TrainOptions } from './train-options.js';

export interface TrainJob {
  options: TrainOptions;
}

export interface TrainJobResult {
  summary: SeedSummary;
  files: PackedFile[];
}

export async function runTrainJob(job: TrainJob): Promise<TrainJobResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mmgym-train-job-'));
  try {
    const result = await train({ ...job.options, out: dir, force: true, resume: null, progress: 'none' });
    return { summary: seedSummary(result), files: packDir(dir, ['checkpoints', RUN_LOCK_FILE]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

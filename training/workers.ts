/**
 * How many threads compute each gradient when the run does not say (`--workers`). Measured on
 * the 2-core box (bench/train.bench.ts, `--only workers`): the tfjs pass over a 128-row chunk costs
 * 65% of a 256-row one, so splitting 256-row minibatches (the as-default preset) gains little
 * (200k steps: 45.9 s vs 46.7 s in one measurement, 40.6 s vs 38.4 s in another) for twice the
 * CPU, while 1,024-row minibatches run 1.17-1.29x faster on 2 threads and the throughput preset's
 * 2,048-row ones 1.31-1.36x. Hence: the cores Node may
 * use (`os.availableParallelism()`, at most MAX_AUTO_WORKERS), but 1 when a thread would get
 * fewer than MIN_ROWS_PER_WORKER rows of a minibatch.
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_A2C_CONFIG } from '../agents/a2c.js';
import { DEFAULT_PPO_CONFIG } from '../agents/ppo.js';
import type { TrainOptions } from './train-options.js';

export const MAX_AUTO_WORKERS = 2;
export const MIN_ROWS_PER_WORKER = 512;

/** Rows of one gradient: PPO's minibatch, A2C's whole rollout. */
export function gradientRows(o: Pick<TrainOptions, 'agent' | 'agentConfig' | 'nEnvs'>): number {
  const c = o.agentConfig as { batchSize?: unknown; nSteps?: unknown };
  if (o.agent === 'ppo') return typeof c.batchSize === 'number' ? c.batchSize : DEFAULT_PPO_CONFIG.batchSize;
  return (typeof c.nSteps === 'number' ? c.nSteps : DEFAULT_A2C_CONFIG.nSteps) * o.nEnvs;
}

export interface WorkerChoice {
  workers: number;
  reason: string;
}

export function autoWorkers(o: Pick<TrainOptions, 'agent' | 'agentConfig' | 'nEnvs'>, cores = availableParallelism()): WorkerChoice {
  const rows = gradientRows(o);
  const byRows = Math.max(1, Math.floor(rows / MIN_ROWS_PER_WORKER));
  const workers = Math.max(1, Math.min(cores, MAX_AUTO_WORKERS, byRows));
  return {
    workers,
    reason: `automatic: ${cores} cores available, gradients of ${rows} rows, at least ${MIN_ROWS_PER_WORKER} rows per thread, at most ${MAX_AUTO_WORKERS} threads; --workers N to choose`,
  };
}

/**
 * mmgym — the package entry: `import { make, makeVec, checkEnv, gueantPolicy, loadPolicy } from 'mmgym'`.
 */
export * from './env/index.js';
export * from './marketdata/index.js';
export * from './calibration/index.js';
export * from './baselines/index.js';
export * from './models/index.js';
export * from './agents/index.js';
export * from './training/index.js';
export * from './evals/index.js';
export { MmgymError, ConfigError, ActionError, EnvError, PolicyError, DataError, BackendError, QueueError } from './util/errors.js';
export { runQueueWorker, type QueueWorkerOptions } from './queue/worker.js';
export { runOnQueue, type QueueTask } from './queue/run-on-queue.js';

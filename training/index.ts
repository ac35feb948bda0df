// Public API of training/ (re-exported by the package entry).
export { train, envSeedAt, type TrainContext, type TrainResult } from './train.js';
export {
  AGENT_KINDS,
  BACKEND_CHOICES,
  DEFAULT_RUN_BUDGET,
  DEFAULT_TRAIN_OPTIONS,
  DEFAULT_PRESET,
  PRIOR_PRESET,
  applyPreset,
  defaultTrainOptions,
  mergeAgentConfig,
  presetsOf,
  validateTrainOptions,
  type AgentKind,
  type BackendChoice as TrainBackendChoice,
  type TrainOptions,
} from './train-options.js';
export { AgentConfigError, defaultAgentConfig, loadAgentConfigFile, parseAgentConfig } from './agent-config.js';
export { RESIDUAL_LOG_STD_INIT } from './agent-factory.js';
export { compareWithBaselines, formatComparisonTable } from './comparison.js';
export { OptimalityEvaluator, pctOfOptimal, type EvalSummary as TrainEvalSummary, type ReturnStats } from './evaluator.js';
export { loadLatestCheckpoint, saveCheckpoint, type Checkpoint, type TrainerState } from './checkpoint.js';
export { EVAL_COLUMNS, UPDATE_COLUMNS, openRunLogs, MetricLog, type RunLogs as TrainRunLogs } from './run-log.js';
export { SILENT_LOGGER, streamLogger, type TrainLogger } from './logger.js';
export { makeProgress, type ProgressMode, type ProgressReporter, type ProgressStatus } from './progress.js';
export { EvalCallback, evalMessage, type EvalCallbackOptions, type PolicyEvaluator } from './callbacks/eval-callback.js';
export { CheckpointCallback, type CheckpointCallbackOptions } from './callbacks/checkpoint-callback.js';
export { StopTrainingOnRewardThreshold, type StopOnRewardOptions } from './callbacks/stop-on-reward.js';
export { ProgressBarCallback, type ProgressBarOptions } from './callbacks/progress-bar.js';
export { UpdateLogCallback, type UpdateLogOptions } from './callbacks/update-log.js';
export { createRunContext, initialTrainerState, type RunContext } from './callbacks/run-context.js';
export { autoWorkers, gradientRows, MAX_AUTO_WORKERS, MIN_ROWS_PER_WORKER, type WorkerChoice } from './workers.js';
export { acquireRunLock, type RunLock } from './run-lock.js';
export { prepareRunDir } from './run-dir.js';
export { finalComparison, type FinalCandidate } from './final-table.js';
export { parseSeeds, trainSeeds, seedOptions, SEEDS_FILE, type SeedsResult } from './multi-seed.js';
export { seedSummary, formatSeedTable, aggregate, type SeedSummary } from './seed-summary.js';

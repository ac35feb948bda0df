// Public API of agents/ (re-exported by the package entry).
export { PPO, DEFAULT_PPO_CONFIG, mergeConfig, type PPOConfig, type ConfigInput } from './ppo.js';
export { A2C, DEFAULT_A2C_CONFIG, type A2CConfig } from './a2c.js';
export { OnPolicyAlgorithm, type OnPolicyConfig, type AgentOptions, type LearnOptions } from './on-policy.js';
export type { Callbacks, UpdateMetrics, IterationInfo, EpisodeInfo, HookResult } from './callbacks.js';
export { linearSchedule, toScheduleFn, type Schedule } from './schedule.js';
export { VecNormalize, RunningMeanStd, DEFAULT_VEC_NORMALIZE_CONFIG, type VecNormalizeConfig, type VecNormalizeState } from './vec-normalize.js';
export { computeGae, bootstrapTruncated, explainedVariance } from './gae.js';
export { RolloutBuffer } from './rollout-buffer.js';
export { Adam, RMSprop, clipGradNorm, type Optimizer, type OptimizerState } from './optimizers.js';
export { saveAgent, readAgentDir, type SaveOptions, type AgentLoadOptions, type AgentStateFile } from './agent-io.js';
export { warmStart, DEFAULT_WARM_START_CONFIG, type WarmStartConfig, type WarmStartResult } from './warm-start.js';
export { residualOn } from './residual.js';
export { PPO_PRESETS, A2C_PRESETS, type AgentPreset } from './presets.js';
export { GradWorkers } from './grad-workers.js';
export { chunkLossAndGrad, chunkBounds, type ChunkLoss } from './chunk-grad.js';
export type { RolloutState } from './on-policy.js';

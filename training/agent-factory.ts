/**
 * The bridge from TrainOptions to the agents' API (agents/): build a fresh agent (optionally
 * residual on HJB or behaviour-cloned from HJB), restore one from a checkpoint, and save the
 * final policy with the run's training summary in policy.json.
 */
import { renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { A2C } from '../agents/a2c.js';
import type { Callbacks } from '../agents/callbacks.js';
import type { AgentOptions, OnPolicyAlgorithm } from '../agents/on-policy.js';
import { residualOn } from '../agents/residual.js';
import { warmStart } from '../agents/warm-start.js';
import { PPO } from '../agents/ppo.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import type { EnvConfig } from '../env/config.js';
import type { VectorEnv } from '../env/types.js';
import type { TrainLogger } from './logger.js';
import type { TrainOptions } from './train-options.js';

export type TrainableAgent = OnPolicyAlgorithm;
export type { Callbacks };

/** Initial log-std of a residual agent unless the config sets one: explore near the base quotes. */
export const RESIDUAL_LOG_STD_INIT = -2;

/**
 * Hyperparameters handed to the agent: the validated --config values plus the run's seed (and,
 * for --residual, `net.logStdInit` = RESIDUAL_LOG_STD_INIT unless given).
 */
function agentConfig(options: TrainOptions): Record<string, unknown> {
  const c: Record<string, unknown> = { ...options.agentConfig, seed: options.seed };
  const net = (c.net ?? {}) as Record<string, unknown>;
  if (options.residual !== null && net.logStdInit === undefined) c.net = { ...net, logStdInit: RESIDUAL_LOG_STD_INIT };
  return c;
}

function residualOf(options: TrainOptions, envConfig: EnvConfig): AgentOptions {
  return options.residual === 'hjb' ? { residual: residualOn('hjb', envConfig) } : {};
}

/** A fresh agent for the run (warm-started from HJB when asked). */
export async function createAgent(
  options: TrainOptions,
  env: VectorEnv,
  envConfig: EnvConfig,
  logger: TrainLogger,
): Promise<TrainableAgent> {
  const opts = residualOf(options, envConfig);
  const agent: TrainableAgent =
    options.agent === 'ppo' ? new PPO(env, agentConfig(options), opts) : new A2C(env, agentConfig(options), opts);
  if (options.warmStart === 'hjb') {
    const t0 = performance.now();
    const r = warmStart(agent, makeBaselinePolicy('hjb', envConfig), { seed: options.seed });
    logger.info(
      `warm start from hjb: behaviour cloning on ${r.samples} states (actor MSE ${r.bcLoss.toExponential(2)}), value pretraining (critic MSE ${r.valueLoss.toExponential(2)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  return agent;
}

/** Restore the agent saved in a checkpoint directory (weights, optimizer, RNG, counters, statistics). */
export async function loadAgent(options: TrainOptions, dir: string, env: VectorEnv): Promise<TrainableAgent> {
  return options.agent === 'ppo' ? PPO.load(dir, env) : A2C.load(dir, env);
}

/** Files of a saved policy, in the order they are moved into place (policy.json last). */
const POLICY_FILES = ['weights.bin', 'model.json', 'policy.json'] as const;

/**
 * Save the final policy into the run directory (loadable with `loadPolicy(dir)`), with the run's
 * summary under `training` in policy.json. The agent writes a complete policy directory atomically
 * into a temp directory inside `dir`; its files are then renamed into `dir` one by one (each
 * rename atomic), policy.json last, so the run's logs and checkpoints beside them are untouched.
 */
export async function savePolicyWithSummary(agent: TrainableAgent, dir: string, summary: Record<string, unknown>): Promise<void> {
  const tmp = join(dir, `.policy-tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    await agent.save(tmp, { name: basename(resolve(dir)), training: summary, checkpoint: false });
    for (const f of POLICY_FILES) renameSync(join(tmp, f), join(dir, f));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

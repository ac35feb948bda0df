/**
 * The bridge from TrainOptions to the agents' API (agents/): build a fresh agent (optionally
 * residual on HJB or behaviour-cloned from HJB), or restore one from a checkpoint.
 */
import { A2C } from '../agents/a2c.js';
import type { Callbacks } from '../agents/callbacks.js';
import type { AgentOptions, OnPolicyAlgorithm } from '../agents/on-policy.js';
import { residualOn } from '../agents/residual.js';
import { warmStart } from '../agents/warm-start.js';
import { initFromPolicy } from '../agents/init-from-policy.js';
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
  return { ...(options.residual !== null ? { residual: residualOn(options.residual, envConfig) } : {}), workers: options.workers ?? 1 };
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
  if (options.init !== undefined && options.init !== null) {
    logger.info((await initFromPolicy(agent, options.init, options.residual)).note);
  }
  if (options.warmStart !== null) {
    const t0 = performance.now();
    const r = warmStart(agent, makeBaselinePolicy(options.warmStart, envConfig), { seed: options.seed });
    logger.info(
      `warm start from ${options.warmStart}: behaviour cloning on ${r.samples} states (actor ${agent.actionSpace.kind === 'discrete' ? 'cross-entropy' : 'MSE'} ${r.bcLoss.toExponential(2)}), value pretraining (critic MSE ${r.valueLoss.toExponential(2)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  return agent;
}

/** Restore the agent saved in a checkpoint directory (weights, optimizer, RNG, counters, statistics). */
export async function loadAgent(options: TrainOptions, dir: string, env: VectorEnv): Promise<TrainableAgent> {
  const opts = { workers: options.workers ?? 1 };
  return options.agent === 'ppo' ? PPO.load(dir, env, opts) : A2C.load(dir, env, opts);
}

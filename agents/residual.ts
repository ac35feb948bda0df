/**
 * Residual policies on an analytic base (issue 4, `--residual hjb`): the env action is
 * clip(base(obs) + correction), where the correction is the agent's Gaussian action whose mean
 * head starts at exactly zero, so training starts from the base policy and learns only the
 * difference. Pass the result as `new PPO(env, config, { residual: residualOn('hjb', env.config) })`;
 * a small `net.logStdInit` keeps exploration near the base quotes: on the default env (SB3 PPO
 * defaults, 8 envs, seed 2) -3.5 stays at 99.96-100.03 % of HJB over 82k steps, while -2 drifts to
 * 99.6 % (PPO optimises the stochastic policy, whose best mean moves with the noise).
 */
import { makeBaselinePolicy } from '../baselines/registry.js';
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';

export function residualOn(name: string, config: Readonly<EnvConfig>): { name: string; policy: Policy } {
  return { name, policy: makeBaselinePolicy(name, config as EnvConfig) };
}

/**
 * Advantage Actor-Critic (Mnih et al. 2016, "Asynchronous Methods for Deep Reinforcement
 * Learning", synchronous variant), as Stable-Baselines3's `A2C.train`: one gradient step per
 * rollout on the whole batch (no minibatches),
 *   L = -mean(A log pi(a|s)) + entCoef * (-mean H) + vfCoef * mean((R - V)^2),
 * RMSprop (alpha 0.99, eps 1e-5, torch semantics) after clipping the global gradient norm.
 * SB3 defaults: nSteps 5, lr 7e-4, gaeLambda 1 (plain n-step returns), no advantage normalisation.
 * `train()` in the order of PPO's (ppo.ts): forward pass (models/mlp-engine.ts), the named loss
 * terms and their output gradient (losses.ts), backward pass with the log-std gradient written into
 * its slot, gradient-norm clip, optimizer step; with workers > 1 the gradient workers run the first
 * three together (agents/grad-workers.ts).
 */
import type { VectorEnv } from '../env/types.js';
import { DEFAULT_NET_CONFIG } from '../models/actor-critic.js';
import { prepareLoad, readAgentDir, restoreAgent, type AgentLoadOptions } from './agent-io.js';
import type { UpdateMetrics } from './callbacks.js';
import { normalizeAdvantages } from './advantages.js';
import { A2C_TERM_NAMES, a2cLoss, a2cTerms, type A2cTermName } from './losses.js';
import { ON_POLICY_CONFIG, OnPolicyAlgorithm, type AgentOptions, type OnPolicyConfig } from './on-policy.js';
import { mergeConfig, type ConfigInput } from './on-policy-config.js';
import { fields, interval, rangeError, validate } from '../util/schema.js';
import { Adam, RMSprop, clipGradNorm, type Optimizer } from './optimizers.js';
import type { Minibatch } from './rollout-buffer.js';
import { DEFAULT_VEC_NORMALIZE_CONFIG } from './vec-normalize.js';

export interface A2CConfig extends OnPolicyConfig {
  /** RMSprop (true) or Adam (false). @defaultValue true */
  useRmsProp: boolean;
  /** RMSprop smoothing constant alpha. @defaultValue 0.99 */
  rmsPropAlpha: number;
  /** RMSprop epsilon (added outside the square root, as torch). @defaultValue 1e-5 */
  rmsPropEps: number;
}

/** SB3's A2C defaults (plus VecNormalize on observations and rewards). */
export const DEFAULT_A2C_CONFIG: Readonly<A2CConfig> = Object.freeze({
  learningRate: 7e-4,
  nSteps: 5,
  gamma: 0.99,
  gaeLambda: 1,
  entCoef: 0,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  normalizeAdvantage: false,
  useRmsProp: true,
  rmsPropAlpha: 0.99,
  rmsPropEps: 1e-5,
  net: DEFAULT_NET_CONFIG,
  normalize: DEFAULT_VEC_NORMALIZE_CONFIG,
  seed: 0,
  logStdSchedule: null,
  mtmControlVariate: false,
  crnGroupSize: 1,
  factoredActions: false,
  fillControlVariate: false,
});


/** A2C's hyperparameter ranges: the shared ones (ON_POLICY_CONFIG), then RMSprop's. */
export const A2C_CONFIG = fields<A2CConfig>(ON_POLICY_CONFIG, ['rmsPropAlpha', interval(0, 1)], ['rmsPropEps', interval(0, 1)]);

export class A2C extends OnPolicyAlgorithm<A2CConfig> {
  readonly algorithm = 'a2c' as const;
  protected readonly optimizer: Optimizer;
  private readonly mb: Minibatch;
  private readonly all: Uint32Array;

  constructor(env: VectorEnv, config: ConfigInput<A2CConfig> = {}, opts: AgentOptions = {}) {
    const c = mergeConfig(DEFAULT_A2C_CONFIG, config);
    validate(A2C_CONFIG, c, { at: 'a2c', error: rangeError });
    super(env, c, opts);
    this.optimizer = c.useRmsProp ? new RMSprop(this.ac.numParams, { alpha: c.rmsPropAlpha, eps: c.rmsPropEps }) : new Adam(this.ac.numParams);
    this.mb = this.buffer.allocMinibatch(this.buffer.size);
    this.all = new Uint32Array(this.buffer.size);
    for (let i = 0; i < this.all.length; i++) this.all[i] = i;
  }

  /** Resume from a checkpoint written by `save(dir)` (weights, optimizer, generators, counters, normalisation). */
  static async load(dir: string, env: VectorEnv, opts: AgentLoadOptions<ConfigInput<A2CConfig>> = {}): Promise<A2C> {
    const parts = await readAgentDir(dir, 'a2c');
    const { config, agentOpts } = prepareLoad(parts, env, dir, opts);
    const agent = new A2C(env, config, agentOpts);
    restoreAgent(agent, parts, dir);
    return agent;
  }

  protected train(): UpdateMetrics {
    const c = this.config;
    const lr = this.lrFn(this.progressRemaining);
    const mb = this.mb;
    this.buffer.gather(this.all, 0, mb);
    if (c.normalizeAdvantage && mb.size > 1) normalizeAdvantages(mb.advantages);
    const logStd = this.ac.spec.distribution === 'diag-gaussian' ? this.ac.view('log_std') : null;
    let terms: Record<A2cTermName, number>;
    let grad: Float32Array;
    if (this.parallel) {
      // Multi-thread branch: forward, loss and backward on the gradient workers, the same (terms, grad).
      const r = this.parallelLossAndGrad(mb, { kind: 'a2c', clipRange: 0, clipRangeVf: null, entCoef: c.entCoef, vfCoef: c.vfCoef });
      terms = a2cTerms(r.metrics);
      grad = r.grad;
    } else {
      const pass = this.ac.forwardTrain(mb.obs, mb.size);
      const loss = a2cLoss(pass.out, this.ac.spec.outDim, mb, logStd, { entCoef: c.entCoef, vfCoef: c.vfCoef, nvec: this.ac.spec.nvec });
      terms = a2cTerms(loss.metrics);
      grad = pass.backward(loss.dDist, loss.dValue);
      // The log-std is no layer of the network: its gradient comes from the loss alone.
      if (loss.dLogStd !== null) grad.set(loss.dLogStd, this.ac.entry('log_std').offset);
    }
    this.freezeScheduledLogStd(grad);
    clipGradNorm(grad, c.maxGradNorm);
    this.optimizer.step(this.ac.params, grad, lr);
    this.ac.markDirty();
    this.nUpdates++;
    const out: UpdateMetrics = {};
    A2C_TERM_NAMES.forEach((name) => (out[`train/${name}`] = terms[name]));
    out['train/explained_variance'] = this.buffer.explainedVariance();
    out['train/n_updates'] = this.nUpdates;
    out['train/learning_rate'] = lr;
    out['train/std'] = this.meanStd();
    return out;
  }
}

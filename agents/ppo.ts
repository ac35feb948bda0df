/**
 * Proximal Policy Optimization (Schulman et al. 2017, "Proximal Policy Optimization Algorithms",
 * eq. 7 clipped surrogate, eq. 9 combined loss), as Stable-Baselines3's `PPO.train`:
 *   ratio = exp(log pi(a|s) - log pi_old(a|s))
 *   L_pg  = -mean(min(A ratio, A clip(ratio, 1 - eps, 1 + eps)))        (A normalised per minibatch)
 *   L_vf  = mean((R - V)^2), V optionally clipped to V_old +- clipRangeVf
 *   L     = L_pg + entCoef * (-mean H) + vfCoef * L_vf
 * nEpochs passes over the rollout in shuffled minibatches of batchSize. `train()` reads as CleanRL's
 * ppo_continuous_action.py update, with SB3's early stop; per minibatch, in this order:
 *   1. advantages normalised (advantages.ts), if normalizeAdvantage;
 *   2. forward pass, keeping the activations (models/mlp-engine.ts);
 *   3. the named loss terms and their gradient with respect to the network outputs (losses.ts);
 *   4. KL check: approx_kl = mean((ratio - 1) - log ratio) > 1.5 targetKl stops the update before
 *      this minibatch's optimizer step (SB3);
 *   5. backward pass (mlp-engine.ts), the log-std gradient written into its slot;
 *   6. the log-std gradient zeroed if logStdSchedule fixes the log-std, the global gradient norm
 *      clipped to maxGradNorm, Adam step (eps adamEpsilon, SB3's 1e-5).
 * With workers > 1 the gradient workers (grad-workers.ts) run steps 2, 3 and 5 together on chunks
 * of the minibatch, so there the KL check comes after the backward and drops its gradient; the
 * parameters are the same as on the one-thread path up to the chunked sums' rounding.
 * train/* are the means over the minibatches stepped in the update (all epochs), train/loss the
 * last stepped one's. The output gradient and the backward pass are checked against tfjs autodiff
 * of this same loss (losses.test.ts, models/mlp-engine.test.ts; the reference path is
 * test-utils/autodiff-reference.ts).
 */
import type { VectorEnv } from '../env/types.js';
import { DEFAULT_NET_CONFIG } from '../models/actor-critic.js';
import { prepareLoad, readAgentDir, restoreAgent, type AgentLoadOptions } from './agent-io.js';
import type { UpdateMetrics } from './callbacks.js';
import { normalizeAdvantages } from './advantages.js';
import { PPO_TERM_NAMES, ppoLoss, ppoTerms, type PpoLossOptions, type PpoTermName } from './losses.js';
import { ON_POLICY_CONFIG, OnPolicyAlgorithm, type AgentOptions, type OnPolicyConfig } from './on-policy.js';
import { mergeConfig, type ConfigInput } from './on-policy-config.js';
import { Adam, clipGradNorm } from './optimizers.js';
import type { Minibatch } from './rollout-buffer.js';
import { toScheduleFn, type Schedule } from './schedule.js';
import { fields, interval, memoized, nullable, rangeError, schedule, validate, type Rule } from '../util/schema.js';
import { DEFAULT_VEC_NORMALIZE_CONFIG } from './vec-normalize.js';

// Defined in the shared on-policy layer (A2C uses them too); re-exported here, where callers have always imported them from.
export { mergeConfig, type ConfigInput } from './on-policy-config.js';
export { normalizeAdvantages } from './advantages.js';

export interface PPOConfig extends OnPolicyConfig {
  /** Minibatch size. @defaultValue 64 */
  batchSize: number;
  /** Passes over each rollout. @defaultValue 10 */
  nEpochs: number;
  /** Policy clip epsilon (constant or schedule). @defaultValue 0.2 */
  clipRange: number | Schedule;
  /** Value clip around the old values; null = no clipping. @defaultValue null */
  clipRangeVf: number | Schedule | null;
  /** Stop the epoch loop when approx_kl > 1.5 targetKl; null = never. @defaultValue null */
  targetKl: number | null;
  /** Adam epsilon (SB3 passes 1e-5). @defaultValue 1e-5 */
  adamEpsilon: number;
}

/** SB3's PPO defaults (plus VecNormalize on observations and rewards). */
export const DEFAULT_PPO_CONFIG: Readonly<PPOConfig> = Object.freeze({
  learningRate: 3e-4,
  nSteps: 2048,
  batchSize: 64,
  nEpochs: 10,
  gamma: 0.99,
  gaeLambda: 0.95,
  clipRange: 0.2,
  clipRangeVf: null,
  normalizeAdvantage: true,
  entCoef: 0,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  targetKl: null,
  adamEpsilon: 1e-5,
  net: DEFAULT_NET_CONFIG,
  normalize: DEFAULT_VEC_NORMALIZE_CONFIG,
  seed: 0,
  logStdSchedule: null,
  mtmControlVariate: false,
  crnGroupSize: 1,
  factoredActions: false,
  fillControlVariate: false,
});

/**
 * PPO's hyperparameter ranges: the shared ones (ON_POLICY_CONFIG), then PPO's own; a minibatch
 * holds at most one rollout (nSteps x numEnvs rows).
 */
export function ppoConfigRule(numEnvs: number): Rule<PPOConfig> {
  return memoized(`ppo|${numEnvs}`, () => fields<PPOConfig>(
    ON_POLICY_CONFIG,
    ['batchSize', (c) => interval(1, c.nSteps * numEnvs, { integer: true })],
    ['nEpochs', interval(1, 1e6, { integer: true })],
    ['adamEpsilon', interval(0, 1)],
    ['targetKl', nullable(interval(0, Infinity))],
    ['clipRange', schedule({ gt: 0, max: 10 })],
    ['clipRangeVf', nullable(schedule({ gt: 0, max: Infinity }))],
  ));
}

export class PPO extends OnPolicyAlgorithm<PPOConfig> {
  readonly algorithm = 'ppo' as const;
  protected readonly optimizer: Adam;
  private readonly clipFn: (p: number) => number;
  private readonly clipVfFn: ((p: number) => number) | null;
  private readonly mb: Minibatch;

  constructor(env: VectorEnv, config: ConfigInput<PPOConfig> = {}, opts: AgentOptions = {}) {
    const c = mergeConfig(DEFAULT_PPO_CONFIG, config);
    validate(ppoConfigRule(env.numEnvs), c, { at: 'ppo', error: rangeError });
    super(env, c, opts);
    this.optimizer = new Adam(this.ac.numParams, { eps: c.adamEpsilon });
    this.clipFn = toScheduleFn(c.clipRange, 'ppo.clipRange');
    this.clipVfFn = c.clipRangeVf === null ? null : toScheduleFn(c.clipRangeVf, 'ppo.clipRangeVf');
    this.mb = this.buffer.allocMinibatch(c.batchSize);
  }

  /** Resume from a checkpoint written by `save(dir)` (weights, optimizer, generators, counters, normalisation). */
  static async load(dir: string, env: VectorEnv, opts: AgentLoadOptions<ConfigInput<PPOConfig>> = {}): Promise<PPO> {
    const parts = await readAgentDir(dir, 'ppo');
    const { config, agentOpts } = prepareLoad(parts, env, dir, opts);
    const agent = new PPO(env, config, agentOpts);
    restoreAgent(agent, parts, dir);
    return agent;
  }

  protected train(): UpdateMetrics {
    const c = this.config;
    const p = this.progressRemaining;
    const lr = this.lrFn(p);
    const clip = this.clipFn(p);
    const clipVf = this.clipVfFn?.(p) ?? null;
    const size = this.buffer.size;
    const indices = new Uint32Array(size);
    for (let i = 0; i < size; i++) indices[i] = i;
    const outDim = this.ac.spec.outDim;
    const logStd = this.ac.spec.distribution === 'diag-gaussian' ? this.ac.view('log_std') : null;
    const losses: PpoLossOptions = { clipRange: clip, clipRangeVf: clipVf, entCoef: c.entCoef, vfCoef: c.vfCoef, nvec: this.ac.spec.nvec };
    // SB3 stops before the optimizer step of the minibatch that exceeds the KL limit.
    const overKl = (terms: Record<PpoTermName, number>): boolean => c.targetKl !== null && terms.approx_kl > 1.5 * c.targetKl;
    const sums = ppoTerms(new Float64Array(PPO_TERM_NAMES.length)); // every term 0
    let count = 0;
    let lastLoss = NaN;
    let continueTraining = true;
    for (let epoch = 0; epoch < c.nEpochs && continueTraining; epoch++) {
      this.rng.shuffle(indices);
      for (let start = 0; start < size; start += c.batchSize) {
        const m = Math.min(c.batchSize, size - start);
        const mb = m === c.batchSize ? this.mb : this.buffer.allocMinibatch(m);
        this.buffer.gather(indices, start, mb);
        if (c.normalizeAdvantage && m > 1) normalizeAdvantages(mb.advantages);
        let terms: Record<PpoTermName, number>;
        let grad: Float32Array;
        if (this.parallel) {
          // Multi-thread branch: forward, loss and backward ran on the workers, so the KL check
          // can only drop the gradient they return.
          ({ terms, grad } = this.parallelTermsAndGrad(mb, losses));
          if (overKl(terms)) {
            continueTraining = false;
            break;
          }
        } else {
          const pass = this.ac.forwardTrain(mb.obs, m);
          const loss = ppoLoss(pass.out, outDim, mb, logStd, losses);
          terms = ppoTerms(loss.metrics);
          if (overKl(terms)) {
            pass.dispose();
            continueTraining = false;
            break;
          }
          grad = pass.backward(loss.dDist, loss.dValue);
          // The log-std is no layer of the network: its gradient comes from the loss alone.
          if (loss.dLogStd !== null) grad.set(loss.dLogStd, this.ac.entry('log_std').offset);
        }
        for (const k of PPO_TERM_NAMES) sums[k] += terms[k];
        count++;
        lastLoss = terms.loss;
        this.freezeScheduledLogStd(grad);
        clipGradNorm(grad, c.maxGradNorm);
        this.optimizer.step(this.ac.params, grad, lr);
        this.ac.markDirty();
      }
      this.nUpdates++;
    }
    const out: UpdateMetrics = {};
    PPO_TERM_NAMES.forEach((name) => (out[`train/${name}`] = count > 0 ? sums[name] / count : NaN));
    out['train/loss'] = lastLoss;
    out['train/explained_variance'] = this.buffer.explainedVariance();
    out['train/n_updates'] = this.nUpdates;
    out['train/learning_rate'] = lr;
    out['train/clip_range'] = clip;
    if (clipVf !== null) out['train/clip_range_vf'] = clipVf;
    out['train/std'] = this.meanStd();
    return out;
  }

  /**
   * The multi-thread branch's (terms, grad) of a minibatch: the gradient workers' forward, loss and
   * backward over its chunks, combined in chunk order (agents/chunk-grad.ts), log-std slot filled.
   */
  private parallelTermsAndGrad(mb: Minibatch, losses: PpoLossOptions): { terms: Record<PpoTermName, number>; grad: Float32Array } {
    const r = this.parallelLossAndGrad(mb, { kind: 'ppo', ...losses });
    return { terms: ppoTerms(r.metrics), grad: r.grad };
  }
}

/**
 * Proximal Policy Optimization (Schulman et al. 2017, "Proximal Policy Optimization Algorithms",
 * eq. 7 clipped surrogate, eq. 9 combined loss), as Stable-Baselines3's `PPO.train`:
 *   ratio = exp(log pi(a|s) - log pi_old(a|s))
 *   L_pg  = -mean(min(A ratio, A clip(ratio, 1 - eps, 1 + eps)))        (A normalised per minibatch)
 *   L_vf  = mean((R - V)^2), V optionally clipped to V_old +- clipRangeVf
 *   L     = L_pg + entCoef * (-mean H) + vfCoef * L_vf
 * nEpochs passes over the rollout in shuffled minibatches of batchSize; Adam (eps 1e-5) after
 * clipping the global gradient norm to maxGradNorm; early stop of the update when
 * approx_kl = mean((ratio - 1) - log ratio) > 1.5 targetKl. The loss and its output gradient are
 * in losses.ts, the network's backward pass in models/mlp-engine.ts (both checked against tfjs
 * autodiff of this same loss in losses.test.ts).
 */
import type { VectorEnv } from '../env/types.js';
import { DEFAULT_NET_CONFIG, type NetConfig } from '../models/actor-critic.js';
import { prepareLoad, readAgentDir, restoreAgent, type AgentLoadOptions } from './agent-io.js';
import type { UpdateMetrics } from './callbacks.js';
import { fastLossAndGrad } from './grad.js';
import { PPO_TERMS, PPO_TERM_NAMES, ppoLoss } from './losses.js';
import { ON_POLICY_CONFIG, OnPolicyAlgorithm, type AgentOptions, type OnPolicyConfig } from './on-policy.js';
import { Adam, clipGradNorm } from './optimizers.js';
import type { Minibatch } from './rollout-buffer.js';
import { toScheduleFn, type Schedule } from './schedule.js';
import { fields, interval, memoized, nullable, rangeError, schedule, validate, type Rule } from '../util/schema.js';
import { DEFAULT_VEC_NORMALIZE_CONFIG, type VecNormalizeConfig } from './vec-normalize.js';

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
});

/** A config override: any top-level field, and nested `net` / `normalize` fields. */
export type ConfigInput<C extends OnPolicyConfig> = Partial<Omit<C, 'net' | 'normalize'>> & {
  net?: Partial<NetConfig>;
  normalize?: Partial<VecNormalizeConfig>;
};

export function mergeConfig<C extends OnPolicyConfig>(defaults: Readonly<C>, input: ConfigInput<C>): C {
  const out = { ...defaults, ...input, net: { ...defaults.net, ...input.net }, normalize: { ...defaults.normalize, ...input.normalize } } as C;
  out.net.hidden = [...out.net.hidden];
  return out;
}


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
    const sums = new Float64Array(PPO_TERM_NAMES.length);
    let count = 0;
    let lastLoss = NaN;
    let continueTraining = true;
    const outDim = this.ac.spec.outDim;
    const logStd = this.ac.spec.distribution === 'diag-gaussian' ? this.ac.view('log_std') : null;
    const losses = { clipRange: clip, clipRangeVf: clipVf, entCoef: c.entCoef, vfCoef: c.vfCoef };
    // SB3 stops before the optimizer step of the minibatch that exceeds the KL limit.
    const overKl = (metrics: ArrayLike<number>): boolean => c.targetKl !== null && metrics[PPO_TERMS.approx_kl]! > 1.5 * c.targetKl;
    for (let epoch = 0; epoch < c.nEpochs && continueTraining; epoch++) {
      this.rng.shuffle(indices);
      for (let start = 0; start < size; start += c.batchSize) {
        const m = Math.min(c.batchSize, size - start);
        const mb = m === c.batchSize ? this.mb : this.buffer.allocMinibatch(m);
        this.buffer.gather(indices, start, mb);
        if (c.normalizeAdvantage && m > 1) normalizeAdvantages(mb.advantages);
        let grad: Float32Array | null;
        let metrics: ArrayLike<number>;
        if (this.parallel) {
          const r = this.parallelLossAndGrad(mb, { kind: 'ppo', ...losses });
          metrics = r.metrics;
          grad = overKl(metrics) ? null : r.grad;
        } else {
          const r = fastLossAndGrad(this.ac, mb.obs, m, (out) => ppoLoss(out, outDim, mb, logStd, losses), (x) => overKl(x.metrics));
          metrics = r.result.metrics;
          grad = r.grad;
        }
        if (grad === null) {
          continueTraining = false;
          break;
        }
        for (let k = 0; k < PPO_TERM_NAMES.length; k++) sums[k] = sums[k]! + metrics[k]!;
        count++;
        lastLoss = metrics[PPO_TERMS.loss]!;
        this.freezeScheduledLogStd(grad);
        clipGradNorm(grad, c.maxGradNorm);
        this.optimizer.step(this.ac.params, grad, lr);
        this.ac.markDirty();
      }
      this.nUpdates++;
    }
    const out: UpdateMetrics = {};
    PPO_TERM_NAMES.forEach((name) => (out[`train/${name}`] = count > 0 ? sums[PPO_TERMS[name]]! / count : NaN));
    out['train/loss'] = lastLoss;
    out['train/explained_variance'] = this.buffer.explainedVariance();
    out['train/n_updates'] = this.nUpdates;
    out['train/learning_rate'] = lr;
    out['train/clip_range'] = clip;
    if (clipVf !== null) out['train/clip_range_vf'] = clipVf;
    out['train/std'] = this.meanStd();
    return out;
  }
}

/** (A - mean) / (std + 1e-8) with the unbiased std, as SB3 (torch's `std()`). */
export function normalizeAdvantages(a: Float32Array): void {
  const n = a.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += a[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (a[i]! - mean) ** 2;
  const std = Math.sqrt(ss / (n - 1));
  for (let i = 0; i < n; i++) a[i] = (a[i]! - mean) / (std + 1e-8);
}

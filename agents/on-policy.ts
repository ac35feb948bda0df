/**
 * The shared on-policy machinery (SB3 `OnPolicyAlgorithm`): `learn()` = collect a rollout from
 * all N envs (one batched forward pass per vector step), compute GAE, let the subclass train,
 * report metrics to the callbacks, repeat. PPO and A2C differ only in `train()`. The callbacks
 * (agents/base-callback.ts) are called as SB3 calls them: onTrainingStart, then per iteration
 * onRolloutStart, onStep after each vector step (only if a callback defines it), onRolloutEnd,
 * onUpdate after the update; onTrainingEnd when done.
 */
import * as tf from '@tensorflow/tfjs';
import type { EnvConfig } from '../env/config.js';
import type { Policy, VectorEnv } from '../env/types.js';
import { ActorCritic } from '../models/actor-critic.js';
import { DiagGaussian, Categorical, MultiCategorical } from '../models/distributions.js';
import { factoredActionSizes } from './factored-actions.js';
import { NetworkPolicy, clipToBox, type ActionSpaceSpec } from '../models/network-policy.js';
import { SeededRandom } from '../models/random.js';
import { saveAgent, type SaveOptions } from './agent-io.js';
import { applyCrnBaseline, checkCrnGroupSize, crnSeeds } from './crn-groups.js';
import type { AgentOptions, CheckpointableAgent, OnPolicyConfig, RolloutState, TrainingState } from './on-policy-config.js';
import { checkRange } from './on-policy-config.js';
import type { EpisodeInfo, IterationInfo, UpdateMetrics } from './callbacks.js';
import { asCallback, type CallbackInput } from './as-callback.js';
import { bootstrapTruncated } from './gae.js';
import type { Optimizer } from './optimizers.js';
import { RolloutBuffer } from './rollout-buffer.js';
import { toScheduleFn } from './schedule.js';
import { VecNormalize } from './vec-normalize.js';
import { resolveMtmControlVariate, subtractMtm } from './mtm-control-variate.js';
import type { ChunkLoss } from './chunk-grad.js';
import { GradWorkers } from './grad-workers.js';
import type { Minibatch } from './rollout-buffer.js';
import { decodeInto, encodeArray } from '../env/state-snapshot.js';
import { FillControlVariate } from './fill-control-variate.js';

export type { AgentOptions, CheckpointableAgent, OnPolicyConfig, RolloutState, TrainingState } from './on-policy-config.js';
export { checkRange, ON_POLICY_CONFIG, validateOnPolicyConfig } from './on-policy-config.js';


/** The selectBackend name of the active tfjs backend (the gradient workers use the same). */
function activeBackend(): 'node' | 'wasm' | 'cpu' {
  const b = tf.getBackend();
  return b === 'tensorflow' ? 'node' : b === 'wasm' ? 'wasm' : 'cpu';
}

export interface LearnOptions {
  /** Train until this many env steps (counted from 0, or from the agent's current count when `resetNumTimesteps` is false). */
  totalTimesteps: number;
  /** A BaseCallback, an array of them (run as a CallbackList), or a hooks object `{ onRolloutEnd?, onUpdate? }`. */
  callbacks?: CallbackInput;
  /** Start counting (and the schedules) from 0 and reset the envs. @defaultValue true */
  resetNumTimesteps?: boolean;
}

export abstract class OnPolicyAlgorithm<C extends OnPolicyConfig = OnPolicyConfig> implements CheckpointableAgent {
  abstract readonly algorithm: 'ppo' | 'a2c';
  readonly env: VectorEnv;
  readonly config: C;
  readonly ac: ActorCritic;
  readonly vecNormalize: VecNormalize;
  readonly buffer: RolloutBuffer;
  readonly actionSpace: ActionSpaceSpec;
  readonly residual: { name: string; policy: Policy } | null;
  /** Threads per gradient, the learner included. */
  readonly workers: number;
  /** Whether the agent learns from r - q' dS (config.mtmControlVariate, 'auto' resolved for this env). */
  readonly mtmActive: boolean;
  private readonly gradWorkers: GradWorkers | null;
  /** config.fillControlVariate on this env (null = off). */
  private readonly fillCv: FillControlVariate | null;
  protected abstract readonly optimizer: Optimizer;
  protected rng: SeededRandom;
  protected readonly lrFn: (p: number) => number;
  private readonly logStdFn: ((p: number) => number) | null;
  numTimesteps = 0;
  iteration = 0;
  /** Gradient phases done (SB3's `train/n_updates`: PPO counts epochs, A2C steps); saved in checkpoints. */
  nUpdates = 0;
  progressRemaining = 1;
  /** The target of the current (or last) `learn()` call. */
  private learnTotal = 0;
  /** The last 100 finished episodes. */
  episodeInfos: EpisodeInfo[] = [];
  private lastObsRaw: Float32Array | null = null;
  private readonly lastObs: Float32Array;
  private readonly epReturn: Float64Array;
  private readonly epLength: Int32Array;

  protected constructor(env: VectorEnv, config: C, opts: AgentOptions = {}) {
    this.env = env;
    this.config = config;
    const space = env.actionSpace;
    const nvec = config.factoredActions ? factoredActionSizes(env.config, space, `${this.constructor.name.toLowerCase()}.factoredActions`) : null;
    this.actionSpace =
      space.kind === 'box' ? { kind: 'box', low: Array.from(space.low), high: Array.from(space.high) } : nvec === null ? { kind: 'discrete', n: space.n } : { kind: 'discrete', n: space.n, nvec };
    this.residual = opts.residual ?? null;
    if (this.residual !== null && space.kind !== 'box') throw new RangeError('residual mode needs a Box action space');
    checkCrnGroupSize(`${this.constructor.name.toLowerCase()}.crnGroupSize`, config.crnGroupSize, env.numEnvs);
    this.mtmActive = resolveMtmControlVariate(env, config.mtmControlVariate, `${this.constructor.name.toLowerCase()}.mtmControlVariate`);
    this.fillCv = config.fillControlVariate ? new FillControlVariate(env, `${this.constructor.name.toLowerCase()}.fillControlVariate`) : null;
    this.ac = ActorCritic.create(
      nvec !== null
        ? { obsDim: env.obsDim, outDim: nvec.reduce((a, b) => a + b, 0), distribution: 'multi-categorical', nvec, net: config.net }
        : { obsDim: env.obsDim, outDim: space.kind === 'box' ? env.actDim : space.n, distribution: space.kind === 'box' ? 'diag-gaussian' : 'categorical', net: config.net },
      { seed: config.seed, zeroPolicyHead: this.residual !== null },
    );
    this.vecNormalize = new VecNormalize(env.obsDim, env.numEnvs, config.gamma, config.normalize);
    this.buffer = new RolloutBuffer(config.nSteps, env.numEnvs, env.obsDim, env.actDim);
    this.rng = SeededRandom.fromSeed(config.seed + 1);
    this.lrFn = toScheduleFn(config.learningRate, `${this.constructor.name}.learningRate`);
    this.logStdFn = config.logStdSchedule === null || space.kind !== 'box' ? null : toScheduleFn(config.logStdSchedule, 'logStdSchedule');
    this.lastObs = new Float32Array(env.numEnvs * env.obsDim);
    this.epReturn = new Float64Array(env.numEnvs);
    this.epLength = new Int32Array(env.numEnvs);
    const workers = opts.workers ?? 1;
    checkRange('workers', workers, 1, 64, true);
    this.workers = workers;
    this.gradWorkers = workers > 1 ? new GradWorkers(this.ac, env.actDim, workers - 1, this.buffer.size, activeBackend()) : null;
  }

  /**
   * Gradient and metrics of a minibatch over `workers` threads (means over its rows; the
   * log-std slot filled). Only when `parallel`: the single-thread path stays in the subclass.
   */
  protected parallelLossAndGrad(mb: Minibatch, loss: ChunkLoss): { grad: Float32Array; metrics: Float64Array } {
    if (this.gradWorkers === null) throw new Error('parallelLossAndGrad needs workers > 1 (check `parallel` first)');
    return this.gradWorkers.lossAndGrad(this.ac, mb, loss);
  }

  /** True when gradients are computed on more than one thread. */
  protected get parallel(): boolean {
    return this.gradWorkers !== null;
  }

  /** One gradient phase on the full buffer; returns the `train/*` metrics. */
  protected abstract train(): UpdateMetrics;

  /** Reset the envs (seeded) and the per-episode counters. */
  resetEnv(seed: number | undefined = this.config.seed): void {
    const K = this.config.crnGroupSize;
    const { observations } =
      seed === undefined ? this.env.reset() : K > 1 ? this.env.reset({ seeds: crnSeeds(seed, this.env.numEnvs, K) }) : this.env.reset({ seed });
    this.lastObsRaw = Float32Array.from(observations);
    this.vecNormalize.observe(this.lastObsRaw, this.env.numEnvs);
    this.vecNormalize.normalizeObs(this.lastObsRaw, this.env.numEnvs, this.lastObs);
    this.epReturn.fill(0);
    this.epLength.fill(0);
    this.vecNormalize.returns.fill(0);
  }

  /**
   * Fill the rollout buffer (SB3 `collect_rollouts`) and compute advantages. `onStep`, if given,
   * runs after each vector step is recorded (agent and envs consistent); when it returns false the
   * collection stops there, without advantages (the partial rollout is not trained on), and this
   * returns false.
   */
  collectRollouts(onStep?: () => boolean): boolean {
    const env = this.env;
    const n = env.numEnvs;
    const ad = env.actDim;
    const outDim = this.ac.spec.outDim;
    const stride = outDim + 1;
    if (this.logStdFn !== null) {
      this.ac.view('log_std').fill(this.logStdFn(this.progressRemaining));
      this.ac.markDirty();
    }
    // First rollout (or after a resume): seeded reset; a resumed run gets fresh seeds.
    if (this.lastObsRaw === null) this.resetEnv(this.config.seed + this.numTimesteps);
    const actions = new Float32Array(n * ad);
    const envActions = new Float32Array(n * ad);
    const logProbs = new Float32Array(n);
    const values = new Float32Array(n);
    const rewards = new Float64Array(n);
    const learnRewards = new Float64Array(n);
    const dones = new Uint8Array(n);
    const logStd = this.ac.spec.distribution === 'diag-gaussian' ? this.ac.view('log_std') : null;
    this.buffer.reset();
    while (!this.buffer.full) {
      const out = this.ac.predict(this.lastObs, n);
      for (let e = 0; e < n; e++) values[e] = out[e * stride + outDim]!;
      if (!out.every(Number.isFinite)) {
        throw new Error(`${this.algorithm}: the network produced non-finite outputs at step ${this.numTimesteps} (training diverged: lower learningRate or maxGradNorm)`);
      }
      if (logStd !== null) {
        DiagGaussian.sample(out, stride, n, logStd, this.rng, actions, logProbs);
        envActions.set(actions);
        if (this.residual !== null) {
          const base = this.residual.policy.act(this.lastObsRaw!, n, { deterministic: true });
          for (let i = 0; i < envActions.length; i++) envActions[i] = envActions[i]! + base[i]!;
        }
        const space = this.actionSpace as { low: number[]; high: number[] };
        clipToBox(envActions, n, space.low, space.high);
      } else {
        const nvec = this.ac.spec.nvec;
        if (nvec === undefined) Categorical.sample(out, stride, n, outDim, this.rng, actions, logProbs);
        else MultiCategorical.sample(out, stride, n, nvec, this.rng, actions, logProbs);
        envActions.set(actions);
      }
      const res = env.step(envActions);
      this.numTimesteps += n;
      for (let e = 0; e < n; e++) {
        dones[e] = res.terminated[e]! || res.truncated[e]! ? 1 : 0;
        this.epReturn[e] = this.epReturn[e]! + res.rewards[e]!;
        this.epLength[e] = this.epLength[e]! + 1;
        if (dones[e]) {
          this.episodeInfos.push({ r: this.epReturn[e]!, l: this.epLength[e]! });
          if (this.episodeInfos.length > 100) this.episodeInfos.shift();
          this.epReturn[e] = 0;
          this.epLength[e] = 0;
        }
      }
      this.vecNormalize.observe(res.observations, n);
      let learn = this.mtmActive ? subtractMtm(res.rewards, res.market, learnRewards) : res.rewards;
      if (this.fillCv !== null) {
        if (learn !== learnRewards) {
          learnRewards.set(learn);
          learn = learnRewards;
        }
        this.fillCv.apply(res, learnRewards, this.mtmActive, this.config.gamma, this.vecNormalize.rewardScale(), (raw, rows) => this.rawValues(raw, rows));
      }
      this.vecNormalize.normalizeRewards(learn, dones, rewards);
      this.bootstrap(res.terminated, res.truncated, res.finalObservations, rewards);
      this.buffer.add(this.lastObs, actions, rewards, dones, values, logProbs);
      this.lastObsRaw!.set(res.observations);
      this.vecNormalize.normalizeObs(this.lastObsRaw!, n, this.lastObs);
      if (onStep !== undefined && !onStep()) return false;
    }
    const out = this.ac.predict(this.lastObs, n);
    const lastValues = new Float32Array(n);
    for (let e = 0; e < n; e++) lastValues[e] = out[e * stride + outDim]!;
    this.buffer.computeReturnsAndAdvantage(lastValues, this.config.gamma, this.config.gaeLambda);
    applyCrnBaseline(this.buffer.advantages, this.buffer.dones, this.buffer.nSteps, n, this.config.crnGroupSize);
    return true;
  }

  /** The critic's values (normalised units) of `rows` raw observations (one batched forward pass). */
  private rawValues(raw: Float32Array, rows: number): Float32Array {
    const norm = new Float32Array(raw.length);
    this.vecNormalize.normalizeObs(raw, rows, norm);
    const out = this.ac.predict(norm, rows);
    const stride = this.ac.spec.outDim + 1;
    const v = new Float32Array(rows);
    for (let r = 0; r < rows; r++) v[r] = out[r * stride + stride - 1]!;
    return v;
  }

  /** Add gamma * V(final obs) to the rewards of envs cut by a time limit (one batched forward pass). */
  private bootstrap(terminated: Uint8Array, truncated: Uint8Array, finalObs: Float32Array, rewards: Float64Array): void {
    const n = this.env.numEnvs;
    const od = this.env.obsDim;
    const idx: number[] = [];
    for (let e = 0; e < n; e++) if (truncated[e] && !terminated[e]) idx.push(e);
    if (idx.length === 0) return;
    const raw = new Float32Array(idx.length * od);
    idx.forEach((e, k) => raw.set(finalObs.subarray(e * od, (e + 1) * od), k * od));
    const norm = new Float32Array(raw.length);
    this.vecNormalize.normalizeObs(raw, idx.length, norm);
    const out = this.ac.predict(norm, idx.length);
    const stride = this.ac.spec.outDim + 1;
    const finalValues = new Float64Array(n);
    const trunc = new Uint8Array(n);
    idx.forEach((e, k) => {
      finalValues[e] = out[k * stride + stride - 1]!;
      trunc[e] = 1;
    });
    bootstrapTruncated(rewards, terminated, trunc, finalValues, this.config.gamma);
  }

  /**
   * SB3 `learn`: collect then train until `totalTimesteps`; callbacks may stop it. Either
   * `learn({ totalTimesteps, callbacks?, resetNumTimesteps? })` or, as SB3,
   * `learn(totalTimesteps, callback?, { resetNumTimesteps? })`.
   */
  learn(opts: LearnOptions): Promise<this>;
  learn(totalTimesteps: number, callbacks?: CallbackInput, opts?: Pick<LearnOptions, 'resetNumTimesteps'>): Promise<this>;
  async learn(first: LearnOptions | number, callbacks?: CallbackInput, more: Pick<LearnOptions, 'resetNumTimesteps'> = {}): Promise<this> {
    const opts: LearnOptions = typeof first === 'number' ? { ...more, totalTimesteps: first, ...(callbacks !== undefined ? { callbacks } : {}) } : first;
    const total = opts.totalTimesteps;
    if (!Number.isFinite(total) || total < 0) throw new RangeError(`learn: totalTimesteps must be a number >= 0, got ${total}`);
    if (opts.resetNumTimesteps ?? true) {
      this.numTimesteps = 0;
      this.iteration = 0;
      this.episodeInfos = [];
      this.resetEnv();
    }
    // The schedules' position (a resumed run continues where it stopped: same learning rate, log-std);
    // learn(0) has nothing left (0, not 0/0 = NaN, which would reach the schedules).
    this.progressRemaining = progressRemaining(this.numTimesteps, total);
    this.learnTotal = total;
    const start = performance.now();
    const startSteps = this.numTimesteps;
    const cb = asCallback(opts.callbacks);
    cb.initCallback(this);
    // Per-step calls only when some callback wants them: the collection loop stays as it is otherwise.
    const onStep = cb.handlesStep ? (): boolean => cb.onStep(this.info()) !== false : undefined;
    let go = (await cb.onTrainingStart(this.info())) !== false;
    while (go && this.numTimesteps < total) {
      if ((await cb.onRolloutStart(this.info())) === false) break;
      const t0 = performance.now();
      if (!this.collectRollouts(onStep)) break;
      const t1 = performance.now();
      this.iteration++;
      this.progressRemaining = progressRemaining(this.numTimesteps, total);
      if ((await cb.onRolloutEnd(this.info())) === false) break;
      const metrics = this.train();
      const t2 = performance.now();
      const eps = this.episodeInfos;
      metrics['rollout/ep_rew_mean'] = eps.length > 0 ? eps.reduce((s, e) => s + e.r, 0) / eps.length : NaN;
      metrics['rollout/ep_len_mean'] = eps.length > 0 ? eps.reduce((s, e) => s + e.l, 0) / eps.length : NaN;
      metrics['time/fps'] = (this.numTimesteps - startSteps) / ((t2 - start) / 1000);
      metrics['time/iterations'] = this.iteration;
      metrics['time/total_timesteps'] = this.numTimesteps;
      metrics['time/rollout_seconds'] = (t1 - t0) / 1000;
      metrics['time/train_seconds'] = (t2 - t1) / 1000;
      if ((await cb.onUpdate(metrics, this.info())) === false) go = false;
      // Yield to the event loop so signal handlers (Ctrl-C) and timers run between iterations.
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await cb.onTrainingEnd(this.info());
    return this;
  }

  info(): IterationInfo {
    return { numTimesteps: this.numTimesteps, iteration: this.iteration, progressRemaining: this.progressRemaining, totalTimesteps: this.learnTotal };
  }

  /** A snapshot of the current policy (own copy of the weights and obs statistics). */
  policy(opts: { name?: string; seed?: number } = {}): NetworkPolicy {
    const vn = this.vecNormalize;
    const spec: EnvConfig = this.env.config as EnvConfig;
    return new NetworkPolicy({
      name: opts.name ?? `${this.algorithm}${this.residual !== null ? `+residual-${this.residual.name}` : ''}`,
      ac: this.ac.clone(),
      actionSpace: this.actionSpace,
      obsNorm: vn.config.obs ? { mean: Array.from(vn.obsRms.mean), var: Array.from(vn.obsRms.var), clip: vn.config.clipObs, epsilon: vn.config.epsilon } : null,
      spec,
      residualBase: this.residual?.policy ?? null,
      seed: opts.seed ?? this.config.seed,
    });
  }

  /** With a log-std schedule, zero the log-std's gradient (it is set, not trained). */
  protected freezeScheduledLogStd(grad: Float32Array): void {
    if (this.logStdFn === null) return;
    const v = this.ac.view('log_std');
    const off = (v.byteOffset - this.ac.params.byteOffset) / Float32Array.BYTES_PER_ELEMENT;
    grad.fill(0, off, off + v.length);
  }

  /** Mean std of the Gaussian policy (NaN for categorical). */
  protected meanStd(): number {
    if (this.ac.spec.distribution !== 'diag-gaussian') return NaN;
    const ls = this.ac.view('log_std');
    return ls.reduce((s, x) => s + Math.exp(x), 0) / ls.length;
  }

  /** Internal state for checkpoints (see agent-io.ts). */
  stateForSave(): TrainingState {
    return {
      rng: this.rng.state(),
      optimizer: this.optimizer.state(),
      numTimesteps: this.numTimesteps,
      iteration: this.iteration,
      nUpdates: this.nUpdates,
      episodeInfos: this.episodeInfos.slice(),
      vecNormalizeReturns: Array.from(this.vecNormalize.returns),
    };
  }

  /** Restore `stateForSave()`'s output (checkpoints written before `nUpdates` was saved restore it as 0). */
  restoreState(s: Omit<TrainingState, 'nUpdates'> & { nUpdates?: number }): void {
    for (const k of ['numTimesteps', 'iteration'] as const) {
      if (!(Number.isInteger(s[k]) && s[k] >= 0)) throw new RangeError(`${k} must be an integer >= 0, got ${String(s[k])}`);
    }
    if (!Array.isArray(s.episodeInfos) || !s.episodeInfos.every((e) => Number.isFinite(e?.r) && Number.isInteger(e?.l) && e.l >= 0)) {
      throw new RangeError('episodeInfos must be an array of { r: finite number, l: integer >= 0 }');
    }
    if (!Array.isArray(s.vecNormalizeReturns) || !s.vecNormalizeReturns.every(Number.isFinite)) throw new RangeError('vecNormalizeReturns must be an array of finite numbers');
    const n = s.nUpdates ?? 0;
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`nUpdates must be an integer >= 0, got ${String(s.nUpdates)}`);
    // every check before the first change: a bad state leaves the agent as it was
    const rng = SeededRandom.fromState(s.rng);
    this.optimizer.loadState(s.optimizer);
    this.rng = rng;
    this.numTimesteps = s.numTimesteps;
    this.iteration = s.iteration;
    this.nUpdates = n;
    this.episodeInfos = s.episodeInfos.slice();
    if (s.vecNormalizeReturns.length === this.vecNormalize.returns.length) this.vecNormalize.returns.set(s.vecNormalizeReturns);
  }

  /** The rollout's position for a checkpoint (null before the first reset or if the env cannot snapshot itself). */
  rolloutState(): RolloutState | null {
    if (this.lastObsRaw === null || this.env.saveState === undefined) return null;
    return {
      env: this.env.saveState(),
      lastObsRaw: encodeArray(this.lastObsRaw),
      lastObs: encodeArray(this.lastObs),
      epReturn: encodeArray(this.epReturn),
      epLength: encodeArray(this.epLength),
    };
  }

  /** Restore `rolloutState()`'s output: the next rollout continues the episodes in progress. */
  restoreRollout(s: RolloutState): void {
    if (this.env.loadState === undefined) throw new RangeError('this env cannot restore a rollout state (it has no loadState)');
    const raw = new Float32Array(this.lastObs.length);
    const obs = new Float32Array(this.lastObs.length);
    const ret = new Float64Array(this.epReturn.length);
    const len = new Int32Array(this.epLength.length);
    decodeInto(s.lastObsRaw, raw, 'lastObsRaw');
    decodeInto(s.lastObs, obs, 'lastObs');
    decodeInto(s.epReturn, ret, 'epReturn');
    decodeInto(s.epLength, len, 'epLength');
    this.env.loadState(s.env);
    this.lastObsRaw = raw;
    this.lastObs.set(obs);
    this.epReturn.set(ret);
    this.epLength.set(len);
  }

  /** True once the envs have been reset (or a rollout state restored). */
  get hasRollout(): boolean {
    return this.lastObsRaw !== null;
  }

  /** Save the policy and the full agent state (a checkpoint, loadable with `loadPolicy` too). */
  async save(dir: string, opts: SaveOptions = {}): Promise<void> {
    await saveAgent(this, dir, opts);
  }

  /** Release tfjs tensors and stop the gradient workers. */
  dispose(): void {
    this.gradWorkers?.close();
    this.ac.dispose();
  }
}

/** SB3's progress_remaining = 1 - steps / total, at least 0; 0 when there is nothing to learn (total 0). */
export function progressRemaining(steps: number, total: number): number {
  return total > 0 ? Math.max(0, 1 - steps / total) : 0;
}

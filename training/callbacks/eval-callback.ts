/**
 * SB3's `EvalCallback`: every `evalFreq` env steps (checked after each update) the current policy
 * plays the evaluation episodes (training/evaluator.ts: fixed seeds apart from training's, with
 * the HJB policy on the same seeds and the exact marks where the market has them), one row goes
 * to evals.csv / evals.jsonl, and a new best is saved to `bestModelSavePath` (best/, atomically)
 * by `selectionScore`: the exact expected return where there is one, else the fraction of HJB,
 * else the mean return. Then `callbackOnNewBest` (after a new best) and `callbackAfterEval`
 * (after every periodic evaluation) run, with this callback as their `parent`; either returning
 * false stops training (StopTrainingOnRewardThreshold).
 *
 * `evaluate()` runs one evaluation now (mmgym train's first, at step 0, and its last, at the end);
 * those do not trigger the children.
 */
import { mkdirSync } from 'node:fs';
import { BaseCallback, type CallbackAgent } from '../../agents/base-callback.js';
import type { IterationInfo, UpdateMetrics } from '../../agents/callbacks.js';
import { checkRange } from '../../agents/on-policy.js';
import type { Policy } from '../../env/types.js';
import type { EnvConfig } from '../../env/config.js';
import { OptimalityEvaluator, selectionScore, type EvalSummary } from '../evaluator.js';
import { MetricLog, openRunLogs, type LogRow } from '../run-log.js';
import { DEFAULT_TRAIN_OPTIONS } from '../train-options.js';
import { advanceDue, createRunContext, noteUpdate, type RunContext } from './run-context.js';

/** What evaluates a policy (an OptimalityEvaluator, or anything with its `evaluate`). */
export interface PolicyEvaluator {
  evaluate(policy: Policy): EvalSummary;
}

export interface EvalCallbackOptions {
  /** The evaluator; or give `envConfig` (and `nEvalEpisodes`, `evalSeed`) for one on that config's simulator. */
  evaluator?: PolicyEvaluator;
  envConfig?: EnvConfig;
  /** Episodes per evaluation. @defaultValue 1000 (mmgym train's --eval-episodes) */
  nEvalEpisodes?: number;
  /** First evaluation seed. @defaultValue 1000000 (mmgym train's --eval-seed) */
  evalSeed?: number;
  /** Evaluate every this many env steps (all envs), after the update that reaches it; 0: only when `evaluate()` is called. */
  evalFreq: number;
  /** Where the best policy is saved (a policy directory, e.g. RUN/best); null or absent: not saved. */
  bestModelSavePath?: string | null;
  /** evals.csv / .jsonl: a log (created or truncated by the caller), or a directory where they are started empty at the first initCallback; absent: none. */
  logPath?: MetricLog | string | null;
  /** Name in the best policy's policy.json. @defaultValue 'best' */
  name?: string;
  /** Fields put first in the best policy's training record (then role, selectedAt, wallSeconds, selection). */
  training?: () => Record<string, unknown>;
  callbackOnNewBest?: BaseCallback;
  callbackAfterEval?: BaseCallback;
  /** Where the one-line report of each evaluation goes. @defaultValue nowhere */
  log?: (message: string) => void;
  /** Shared with the run's other callbacks (default: its own, the first evaluation due at `evalFreq`). */
  run?: RunContext;
}

/** The evaluation's report line (`eval @ N steps: return ... => 98.54% of optimal, ... (new best)`). */
export function evalMessage(timesteps: number, s: EvalSummary, improved: boolean): string {
  return (
    `eval @ ${timesteps} steps: return ${s.meanReturn.toFixed(4)} ± ${s.seReturn.toFixed(4)} vs HJB ${s.hjbMeanReturn.toFixed(4)} => ` +
    (Number.isFinite(s.pctOptimal) ? `${(100 * s.pctOptimal).toFixed(2)}% of optimal` : `difference ${(s.meanReturn - s.hjbMeanReturn).toFixed(4)} (no % of optimal: the HJB mean is not positive here)`) +
    (s.pctExactOptimum === null ? '' : `, ${(100 * s.pctExactOptimum).toFixed(2)}% of V* = ${s.exactOptimum!.toFixed(4)}`) +
    (s.exactReturn === null ? '' : ` (exact: ${s.exactReturn.toFixed(4)})`) +
    (improved ? ' (new best)' : '')
  );
}

export class EvalCallback extends BaseCallback {
  readonly evaluator: PolicyEvaluator;
  readonly evalFreq: number;
  readonly bestModelSavePath: string | null;
  readonly evalLog: MetricLog | null;
  readonly run: RunContext;
  readonly callbackOnNewBest: BaseCallback | null;
  readonly callbackAfterEval: BaseCallback | null;
  /** The latest evaluation (null before the first). */
  lastEval: EvalSummary | null = null;
  private readonly name: string;
  private readonly training: () => Record<string, unknown>;
  private readonly log: (message: string) => void;
  /** The directory whose log is started at the first initCallback (a logPath given as a string). */
  private createIn: string | null;

  constructor(opts: EvalCallbackOptions) {
    super();
    checkRange('EvalCallback.evalFreq', opts.evalFreq, 0, Number.MAX_SAFE_INTEGER, true);
    if (opts.evaluator !== undefined) this.evaluator = opts.evaluator;
    else if (opts.envConfig !== undefined) {
      const episodes = opts.nEvalEpisodes ?? DEFAULT_TRAIN_OPTIONS.evalEpisodes;
      const seed = opts.evalSeed ?? DEFAULT_TRAIN_OPTIONS.evalSeed;
      checkRange('EvalCallback.nEvalEpisodes', episodes, 1, 1e9, true);
      checkRange('EvalCallback.evalSeed', seed, 0, 2 ** 32 - 1, true);
      this.evaluator = new OptimalityEvaluator(opts.envConfig, episodes, seed);
    } else throw new RangeError('EvalCallback: give evaluator or envConfig (the market the policy is evaluated on), got neither');
    this.evalFreq = opts.evalFreq;
    this.bestModelSavePath = opts.bestModelSavePath ?? null;
    const logPath = opts.logPath ?? null;
    this.evalLog = typeof logPath === 'string' ? openRunLogs(logPath).evals : logPath;
    this.createIn = typeof logPath === 'string' ? logPath : null;
    this.name = opts.name ?? 'best';
    this.training = opts.training ?? (() => ({}));
    this.log = opts.log ?? (() => {});
    this.run = opts.run ?? createRunContext({ evalEvery: opts.evalFreq });
    this.callbackOnNewBest = opts.callbackOnNewBest ?? null;
    this.callbackAfterEval = opts.callbackAfterEval ?? null;
    for (const c of [this.callbackOnNewBest, this.callbackAfterEval]) if (c !== null) c.parent = this;
  }

  override initCallback(model: CallbackAgent): void {
    super.initCallback(model);
    for (const c of [this.callbackOnNewBest, this.callbackAfterEval]) c?.initCallback(model);
    if (this.createIn !== null) {
      mkdirSync(this.createIn, { recursive: true });
      this.evalLog?.create();
      this.createIn = null;
    }
  }

  /** A periodic evaluation when one is due, then the children. */
  override async onUpdate(metrics: UpdateMetrics, info: IterationInfo): Promise<boolean> {
    noteUpdate(this.run, metrics, info);
    const state = this.run.state;
    if (this.evalFreq === 0 || state.timesteps < state.nextEvalAt) return true;
    state.nextEvalAt = advanceDue(state.nextEvalAt, state.timesteps, this.evalFreq);
    const { improved } = await this.evaluate();
    let go = true;
    if (improved && this.callbackOnNewBest !== null) go = this.callbackOnNewBest.onStep(info) !== false && go;
    if (this.callbackAfterEval !== null) go = this.callbackAfterEval.onStep(info) !== false && go;
    return go;
  }

  /** Evaluate the agent's current policy now: log it, keep it in best/ if it is the best so far. */
  async evaluate(): Promise<{ summary: EvalSummary; improved: boolean }> {
    const agent = this.agent;
    const { state } = this.run;
    state.timesteps = agent.numTimesteps;
    const policy = agent.policy();
    let s: EvalSummary;
    try {
      s = this.evaluator.evaluate(policy);
    } finally {
      policy.dispose?.();
    }
    state.evals += 1;
    state.lastPctOptimal = Number.isFinite(s.pctOptimal) ? s.pctOptimal : null;
    const { kind, score } = selectionScore(s);
    const best = kind === 'exact' ? state.bestExactReturn : kind === 'pct' ? state.bestPctOptimal : state.bestMeanReturn;
    const improved = best === null || best === undefined || score > best;
    if (improved) {
      state.bestPctOptimal = Number.isFinite(s.pctOptimal) ? s.pctOptimal : null;
      state.bestExactReturn = s.exactReturn;
      state.bestMeanReturn = s.meanReturn;
      state.bestAt = state.timesteps;
      if (this.bestModelSavePath !== null) {
        await agent.save(this.bestModelSavePath, {
          name: this.name,
          checkpoint: false,
          training: { ...this.training(), role: 'best', selectedAt: state.timesteps, wallSeconds: this.run.wall(), selection: s },
        });
      }
    }
    this.evalLog?.append(evalRow(this.run, s));
    this.log(evalMessage(state.timesteps, s, improved));
    this.lastEval = s;
    return { summary: s, improved };
  }
}

function evalRow(run: RunContext, s: EvalSummary): LogRow {
  const state = run.state;
  return {
    eval: state.evals,
    timesteps: state.timesteps,
    wall_seconds: run.wall(),
    ep_rew_mean: state.lastEpRewMean,
    episodes: s.episodes,
    seed: s.seed,
    mean_return: s.meanReturn,
    se_return: s.seReturn,
    hjb_mean_return: s.hjbMeanReturn,
    hjb_se_return: s.hjbSeReturn,
    pct_optimal: s.pctOptimal,
    best_pct_optimal: state.bestPctOptimal,
    exact_optimum: s.exactOptimum,
    pct_exact_optimum: s.pctExactOptimum,
    exact_return: s.exactReturn,
  };
}

/**
 * `train(options)`: the training driver behind `mmgym train`.
 *
 *   backend -> env config + vector env -> agent (fresh, warm-started, residual, or a checkpoint)
 *   -> learn, with a CallbackList (training/callbacks/, sharing one RunContext whose trainer
 *      state every checkpoint saves): UpdateLogCallback (updates.csv/.jsonl), EvalCallback
 *      (against the HJB optimum every `evalEvery` steps on fixed seeds: evals.csv/.jsonl, best/;
 *      its StopTrainingOnRewardThreshold child stops at `stopAt`), CheckpointCallback (every
 *      `checkpointEvery` steps), ProgressBarCallback, the caller's callbacks, StopTrainingOnAbort
 *      (Ctrl-C)
 *   -> final checkpoint, final evaluation, the saved policy (with its training summary), and the
 *      comparison table against HJB and AS on the same seeds.
 *
 * Reproducibility: everything random is seeded from `seed` (env i: seed + i; agent: seed), so the
 * same options and backend give the same run. Evaluations use their own env instances and seeds
 * and never touch the training env's streams.
 *
 * Exact resume: a checkpoint is taken between iterations (after an update, before the next
 * rollout) and holds everything the run's future depends on: the agent (weights, optimizer, RNG,
 * normalisation statistics, counters) and the rollout's position (every env's complete state,
 * mid-episode included, and the agent's running episode returns: rollout-state.json). Taking a
 * checkpoint changes nothing in the run, and a run resumed from any checkpoint, periodic or
 * written on Ctrl-C, continues exactly as the uninterrupted run (same backend), the schedules
 * included (they are functions of steps done / total steps).
 * Checkpoints written before rollout states existed resume with a reset of the envs seeded
 * `envSeedAt(seed, t)`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EnvConfig } from '../env/config.js';
import { makeVec } from '../env/registry.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { selectBackend } from '../models/backend.js';
import { asCallback, type CallbackInput } from '../agents/as-callback.js';
import { CallbackList } from '../agents/callback-list.js';
import { StopTrainingOnAbort } from '../agents/stop-on-abort.js';
import { writeJsonAtomic } from '../util/atomic-write.js';
import { createAgent, loadAgent, type TrainableAgent } from './agent-factory.js';
import { loadLatestCheckpoint, type Checkpoint, type TrainerState } from './checkpoint.js';
import type { Comparison } from '../evals/compare.js';
import { OptimalityEvaluator, type EvalSummary, type EvaluatorEnv } from './evaluator.js';
import { isReplayId, loadReplayWindow, makeReplayVecWith } from '../env/replay/replay-id.js';
import { mtmControlVariateReasons } from '../agents/mtm-control-variate.js';
import { SILENT_LOGGER, type TrainLogger } from './logger.js';
import { openRunLogs } from './run-log.js';
import { DEFAULT_TRAIN_OPTIONS, evalEnvOf, validateTrainOptions, type TrainOptions } from './train-options.js';
import { acquireRunLock } from './run-lock.js';
import { autoWorkers } from './workers.js';
import { BEST_DIR, FINAL_DIR, isPolicyDir } from '../models/policy-dir.js';
import { evaluationSummary, finalComparison, recordTraining, type FinalCandidate } from './final-table.js';
import { prepareRunDir, TAPE_CONFIG_FILE } from './run-dir.js';
import { createRunContext, initialTrainerState } from './callbacks/run-context.js';
import { UpdateLogCallback } from './callbacks/update-log.js';
import { EvalCallback } from './callbacks/eval-callback.js';
import { CheckpointCallback } from './callbacks/checkpoint-callback.js';
import { StopTrainingOnRewardThreshold } from './callbacks/stop-on-reward.js';
import { ProgressBarCallback } from './callbacks/progress-bar.js';


export interface TrainContext {
  logger?: TrainLogger;
  /** Aborting stops after the current update, saves a final checkpoint and returns (Ctrl-C). */
  signal?: AbortSignal;
  /** Where the progress bar goes (a bar only if it is a TTY). */
  progressStream?: NodeJS.WriteStream;
  /**
   * The caller's own callbacks (a BaseCallback, an array of them, or `{ onRolloutEnd?, onUpdate? }`),
   * run after the driver's (logging, evaluation, checkpoint, progress) at each hook.
   */
  callbacks?: CallbackInput;
}

export interface TrainResult {
  options: TrainOptions;
  backend: string;
  envConfig: EnvConfig;
  timesteps: number;
  wallSeconds: number;
  updates: number;
  interrupted: boolean;
  /** Stopped because an evaluation reached `stopAt`. */
  stoppedEarly: boolean;
  /** The last checkpoint written. */
  checkpointDir: string;
  /** The run directory, whose policy `loadPolicy(dir)` loads (its best/); null when interrupted (the checkpoint holds the state). */
  policyDir: string | null;
  /** The best policy on the validation seeds (RUN/best; null before any evaluation). */
  bestDir: string | null;
  /** Env steps at which the best policy was evaluated. */
  bestAt: number | null;
  /** The policy at the end of training (RUN/final; null when interrupted). */
  finalDir: string | null;
  /** Last evaluation (null if none ran). */
  lastEval: EvalSummary | null;
  bestPctOptimal: number | null;
  /** The best policy's exact expected return, where the market has one (best/ was chosen by it). */
  bestExactReturn: number | null;
  comparison: Comparison | null;
}

const RUN_FILE = 'run.json';

/** Options recorded when the run started; a resume keeps them except the ones named here. */
const RESUME_OVERRIDABLE: readonly (keyof TrainOptions)[] = [
  'timesteps',
  'stopAt',
  'progress',
  'finalEpisodes',
  'testSeed',
  'command',
  'resume',
  'checkpointEvery',
  'keepCheckpoints',
];

/** The options a run directory was started with (its run.json), with a clear error if absent. */
export function readRunOptions(dir: string): TrainOptions {
  const path = join(dir, RUN_FILE);
  if (!existsSync(path)) throw new Error(`cannot resume ${dir}: ${path} is missing (not a run directory of mmgym train)`);
  const run = JSON.parse(readFileSync(path, 'utf8')) as { options?: Partial<TrainOptions> };
  if (!run.options) throw new Error(`cannot resume ${dir}: ${path} has no options field`);
  // Runs recorded before an option existed get its default (runs before --workers were single-threaded).
  return { testSeed: DEFAULT_TRAIN_OPTIONS.testSeed, force: false, workers: 1, ...run.options } as TrainOptions;
}

function mergeResume(recorded: TrainOptions, given: TrainOptions): TrainOptions {
  const merged: TrainOptions = { ...recorded };
  for (const k of RESUME_OVERRIDABLE) (merged as unknown as Record<string, unknown>)[k] = given[k];
  merged.out = given.resume ?? recorded.out; // the run continues in its own directory
  return merged;
}

/** Seed of the training envs' reset when resuming from a checkpoint at `timesteps` env steps that has no rollout state. */
export function envSeedAt(seed: number, timesteps: number): number {
  return seed + timesteps;
}

export async function train(input: TrainOptions, ctx: TrainContext = {}): Promise<TrainResult> {
  const logger = ctx.logger ?? SILENT_LOGGER;
  let options = validateTrainOptions(input);
  if (options.resume !== null) options = validateTrainOptions(mergeResume(readRunOptions(options.resume), options));
  if (options.warmStart !== null && options.residual !== null) {
    throw new RangeError('train options warmStart and residual are exclusive: choose --warm-start hjb or --residual hjb');
  }
  if (options.workers === null) {
    const auto = autoWorkers(options);
    options = { ...options, workers: auto.workers };
    logger.info(`workers: ${auto.workers} (${auto.reason})`);
  } else logger.info(`workers: ${options.workers}${options.resume !== null ? ' (as recorded by the run)' : ''}`);
  const outDir = resolve(options.out);
  if (options.resume === null) prepareRunDir(outDir, options.force);
  else mkdirSync(outDir, { recursive: true });
  const lock = acquireRunLock(outDir);
  try {
    return await trainLocked(options, outDir, ctx, logger);
  } finally {
    lock.release();
  }
}

async function trainLocked(options: TrainOptions, outDir: string, ctx: TrainContext, logger: TrainLogger): Promise<TrainResult> {
  const backend = await selectBackend(options.backend ?? undefined);
  logger.info(`tfjs backend: ${backend.name} (${backend.reason})`);

  // A tape: training steps random windows of its training span, evaluations a span it never
  // touched, played with the training span's config (calibration or params file: never the
  // evaluation window's own).
  const onTape = isReplayId(options.env);
  const envConfig = resolveEnvConfig(options.env, options.envOverrides);
  const env = onTape ? makeVec(options.env, { numEnvs: options.nEnvs, overrides: options.envOverrides }) : makeVec(envConfig, { numEnvs: options.nEnvs });
  const evalEnv = evalEnvOf(options);
  const evalWindow = evalEnv === null ? null : loadReplayWindow(evalEnv);
  const where: EvaluatorEnv = evalWindow === null ? {} : { replay: true, makeEnv: (n) => makeReplayVecWith(evalWindow, envConfig, n) };
  if (evalWindow !== null) logger.info(`training on the tape span of ${options.env}; evaluations on ${evalEnv} (held out, with the training span's env config)`);
  const logs = openRunLogs(outDir);
  const bestDir = join(outDir, BEST_DIR);
  const finalDir = join(outDir, FINAL_DIR);

  // Wall time counts from here: agent creation (and a warm start's behaviour cloning) included.
  const sessionStart = performance.now();
  let agent: TrainableAgent;
  let state: TrainerState;
  let resumedFrom: Checkpoint | null = null;
  if (options.resume !== null) {
    const ck = loadLatestCheckpoint(outDir);
    resumedFrom = ck;
    agent = await loadAgent(options, ck.dir, env);
    state = { bestAt: null, ...ck.state };
    if (!agent.hasRollout) agent.resetEnv(envSeedAt(options.seed, state.timesteps)); // an older checkpoint without its rollout state
    logs.updates.truncateAfter(state.timesteps);
    logs.evals.truncateAfter(state.timesteps);
    logger.info(`resuming ${outDir} from ${ck.dir} at ${state.timesteps} steps`);
    // run.json says the run's target as it now is (a resume with --timesteps extends it), and when it was resumed
    const runFile = join(outDir, RUN_FILE);
    const recorded = JSON.parse(readFileSync(runFile, 'utf8')) as { options: TrainOptions; resumes?: unknown[] };
    writeJsonAtomic(runFile, {
      ...recorded,
      options: { ...recorded.options, timesteps: options.timesteps },
      resumes: [...(recorded.resumes ?? []), { at: state.timesteps, timesteps: options.timesteps, command: options.command, resumedAt: new Date().toISOString() }],
    });
  } else {
    writeJsonAtomic(join(outDir, RUN_FILE), { options, envConfig, backend: backend.name, startedAt: new Date().toISOString() });
    // On a tape, the training config as a preset file: `params=RUN/env-config.json` in a replay id
    // plays any span with it (what the evaluations here do), so `mmgym eval` reproduces them.
    if (onTape) writeJsonAtomic(join(outDir, TAPE_CONFIG_FILE), envConfig);
    logs.updates.create();
    logs.evals.create();
    agent = await createAgent(options, env, envConfig, logger);
    state = initialTrainerState(options);
  }
  logger.info(controlVariateLine(agent.config.mtmControlVariate, agent.mtmActive, envConfig, onTape));
  if (agent.config.fillControlVariate) logger.info("fill control variate: on: each fill's outcome replaced by its expectation under the env's fill probabilities (agents/fill-control-variate.ts; evaluations use r)");
  const rollout = options.nEnvs * agent.config.nSteps;
  const plannedTotal = Math.max(state.timesteps, Math.ceil(options.timesteps / rollout) * rollout);
  if (plannedTotal !== options.timesteps && state.timesteps < options.timesteps) {
    logger.info(`--timesteps ${options.timesteps} runs ${plannedTotal} steps: whole rollouts of ${options.nEnvs} envs x ${agent.config.nSteps} steps = ${rollout}`);
  }

  const evaluator = new OptimalityEvaluator(envConfig, options.evalEpisodes, options.evalSeed, where);
  // The command that started the run, kept through resumes (a resume's own command is recorded beside it).
  const startCommand = options.resume !== null ? readRunOptions(options.resume).command : options.command;
  const runSummary = (): Record<string, unknown> => ({
    command: startCommand,
    ...(options.resume !== null ? { resumedWith: options.command } : {}),
    seed: options.seed,
    agent: options.agent,
    env: options.env,
    nEnvs: options.nEnvs,
    workers: options.workers,
    warmStart: options.warmStart,
    residual: options.residual,
    backend: backend.name,
  });

  // The driver's callbacks, sharing the trainer state (saved in every checkpoint) and the wall clock.
  const run = createRunContext({ state, since: sessionStart });
  const progress = new ProgressBarCallback({ mode: options.progress, total: plannedTotal, start: state.timesteps, logger, stream: ctx.progressStream ?? null, run });
  const say = (m: string): void => progress.log(m);
  const stopAt = options.stopAt === null ? null : new StopTrainingOnRewardThreshold(options.stopAt, { label: '--stop-at', log: say });
  const evaluation = new EvalCallback({
    evaluator,
    evalFreq: options.evalEvery,
    bestModelSavePath: bestDir,
    logPath: logs.evals,
    name: `${options.agent} best`,
    training: runSummary,
    log: say,
    run,
    ...(stopAt !== null ? { callbackAfterEval: stopAt } : {}),
  });
  const checkpoints = new CheckpointCallback({ saveFreq: options.checkpointEvery, savePath: outDir, keep: options.keepCheckpoints, run, ...(resumedFrom !== null ? { resumedFrom } : {}) });
  const callbacks = new CallbackList([
    new UpdateLogCallback({ logPath: logs.updates, run }),
    evaluation,
    checkpoints,
    progress,
    ...(ctx.callbacks !== undefined ? [asCallback(ctx.callbacks)] : []),
    ...(ctx.signal !== undefined ? [new StopTrainingOnAbort(ctx.signal)] : []),
  ]);
  callbacks.initCallback(agent); // the first evaluation runs before learn()

  try {
    // The starting point of the learning curve (after a warm start: the cloned policy itself).
    if (options.resume === null && options.evalEvery > 0) await evaluation.evaluate();
    if (state.timesteps < options.timesteps && !ctx.signal?.aborted) {
      // A fresh run resets the envs (seeded) and counters; a resumed one continues the agent's count.
      await agent.learn(options.timesteps, callbacks, { resetNumTimesteps: options.resume === null });
    }
  } finally {
    progress.stop();
  }
  state.timesteps = agent.numTimesteps;
  const stoppedEarly = stopAt?.stopped === true;
  const interrupted = ctx.signal?.aborted === true && !stoppedEarly && state.timesteps < options.timesteps;

  // Final evaluation (unless the last update just did one), checkpoint, saved policies, table.
  const lastRow = logs.evals.read().at(-1);
  if (!interrupted && (lastRow === undefined || lastRow.timesteps !== state.timesteps)) await evaluation.evaluate();
  await checkpoints.save();
  const finalEval: EvalSummary | null = evaluation.lastEval;
  let comparison: Comparison | null = null;
  const hasBest = isPolicyDir(bestDir);
  if (!interrupted) {
    await agent.save(finalDir, {
      name: `${options.agent} final`,
      checkpoint: false,
      training: {
        ...runSummary(),
        role: 'final',
        timesteps: state.timesteps,
        wallSeconds: state.wallSeconds,
        updates: state.updates,
        stoppedEarly,
        lastEvaluation: finalEval,
        bestPctOptimal: state.bestPctOptimal,
        bestExactReturn: state.bestExactReturn ?? null,
        bestAt: state.bestAt,
        evaluation: finalEval,
      },
    });
    if (options.finalEpisodes > 0) {
      const candidates: FinalCandidate[] = [
        ...(hasBest ? [{ dir: bestDir, name: `${options.agent} best @ ${state.bestAt}` }] : []),
        { dir: finalDir, name: `${options.agent} final @ ${state.timesteps}` },
      ];
      comparison = await finalComparison(candidates, envConfig, { episodes: options.finalEpisodes, seed: options.testSeed, marks: evaluator.marks(), ...(where.makeEnv ? { makeEnv: where.makeEnv } : {}) });
      writeJsonAtomic(join(outDir, 'comparison.json'), comparison);
      // Each saved policy records its own test-seed figures (reproducible with mmgym eval).
      for (const [i, c] of candidates.entries()) await recordTraining(c.dir, { evaluation: evaluationSummary(comparison, i) });
    }
  }
  agent.dispose();
  env.close();
  return {
    options,
    backend: backend.name,
    envConfig,
    timesteps: state.timesteps,
    wallSeconds: state.wallSeconds,
    updates: state.updates,
    interrupted,
    stoppedEarly,
    checkpointDir: checkpoints.lastCheckpointDir,
    policyDir: interrupted ? null : outDir,
    bestDir: hasBest ? bestDir : null,
    bestAt: state.bestAt ?? null,
    finalDir: interrupted ? null : finalDir,
    lastEval: finalEval,
    bestPctOptimal: state.bestPctOptimal,
    bestExactReturn: state.bestExactReturn ?? null,
    comparison,
  };
}

/** The start-up line about the mark-to-market control variate (agents/mtm-control-variate.ts). */
function controlVariateLine(setting: boolean | 'auto', active: boolean, config: EnvConfig, replay: boolean): string {
  if (active) return `control variate: on${setting === 'auto' ? ' (auto)' : ''}: learning from r - q' dS (the mid is a driftless martingale the fills do not move; evaluations use r)`;
  if (setting === 'auto') return `control variate: off (auto: ${mtmControlVariateReasons(config, { replay }).join('; ')})`;
  return 'control variate: off';
}

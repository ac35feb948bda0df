/**
 * SB3's `ProgressBarCallback`: the training progress display of training/progress.ts (a bar on a
 * TTY, fitting 80 columns: steps, fps, latest evaluation, time left; plain lines every
 * `intervalSeconds` otherwise), updated after each update. With `total` the display starts when
 * the callback is made (mmgym train makes it before its first evaluation, whose report `log`
 * prints above the bar); without, it starts at learn()'s first rollout and runs to learn()'s
 * `totalTimesteps`. It stops when learn() ends (`stop()` too: idempotent).
 */
import { BaseCallback } from '../../agents/base-callback.js';
import type { IterationInfo, UpdateMetrics } from '../../agents/callbacks.js';
import { streamLogger, type TrainLogger } from '../logger.js';
import { makeProgress, type ProgressMode, type ProgressReporter } from '../progress.js';
import { createRunContext, finite, noteUpdate, type RunContext } from './run-context.js';

export interface ProgressBarOptions {
  /** 'auto' (a bar when `stream` is a TTY, else lines), 'bar', 'lines' or 'none'. @defaultValue 'auto' */
  mode?: ProgressMode;
  /** Env steps the display runs to; given, the display starts now (from `start`). @defaultValue learn()'s totalTimesteps */
  total?: number;
  /** Env steps already done when it starts. @defaultValue 0 with `total`, else the agent's count at learn() */
  start?: number;
  /** Where the bar is drawn; null: no bar (lines instead). @defaultValue process.stderr */
  stream?: NodeJS.WriteStream | null;
  /** Where lines (and messages without a bar) go. @defaultValue lines on process.stderr */
  logger?: TrainLogger;
  /** Seconds between lines. @defaultValue 10 */
  intervalSeconds?: number;
  /** Shared with the run's other callbacks (the latest evaluation shown comes from it). */
  run?: RunContext;
}

export class ProgressBarCallback extends BaseCallback {
  readonly run: RunContext;
  private reporter: ProgressReporter | null = null;
  private stopped = false;
  private readonly mode: ProgressMode;
  private readonly stream: NodeJS.WriteStream | null;
  private readonly logger: TrainLogger;
  private readonly intervalSeconds: number | undefined;
  /** The display was started by the constructor (its total given), not by each learn(). */
  private readonly fixed: boolean;

  constructor(opts: ProgressBarOptions = {}) {
    super();
    this.mode = opts.mode ?? 'auto';
    this.stream = opts.stream === undefined ? process.stderr : opts.stream;
    this.logger = opts.logger ?? streamLogger(process.stderr);
    this.intervalSeconds = opts.intervalSeconds;
    this.run = opts.run ?? createRunContext();
    this.fixed = opts.total !== undefined;
    if (opts.total !== undefined) this.open(opts.total, opts.start ?? 0);
  }

  override onTrainingStart(info: IterationInfo): void {
    if (this.fixed) return;
    this.stop();
    this.open(info.totalTimesteps, info.numTimesteps);
  }

  override onUpdate(metrics: UpdateMetrics, info: IterationInfo): boolean {
    noteUpdate(this.run, metrics, info);
    const state = this.run.state;
    this.reporter?.update({
      timesteps: state.timesteps,
      fps: finite(metrics['time/fps']) ?? 0,
      epRewMean: state.lastEpRewMean,
      pctOptimal: state.lastPctOptimal,
    });
    return true;
  }

  override onTrainingEnd(): void {
    this.stop();
  }

  /** A message printed without breaking the display. */
  log(message: string): void {
    if (this.reporter === null) this.logger.info(message);
    else this.reporter.log(message);
  }

  /** End the display (prints the last line in line mode); later calls do nothing. */
  stop(): void {
    if (this.stopped || this.reporter === null) return;
    this.stopped = true;
    this.reporter.stop();
  }

  private open(total: number, start: number): void {
    this.stopped = false;
    this.reporter = makeProgress(this.mode, {
      total,
      start,
      logger: this.logger,
      ...(this.stream !== null ? { stream: this.stream } : {}),
      ...(this.intervalSeconds !== undefined ? { intervalSeconds: this.intervalSeconds } : {}),
    });
  }
}

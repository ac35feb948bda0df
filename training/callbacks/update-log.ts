/**
 * One row per update in updates.csv / updates.jsonl (training/run-log.ts): the update's number,
 * env steps, wall time, the latest mean training return and evaluation, and every metric of the
 * update under its column name (`train/value_loss` -> value_loss). SB3 writes these through its
 * logger; here the driver's first callback does.
 */
import { mkdirSync } from 'node:fs';
import { BaseCallback, type CallbackAgent } from '../../agents/base-callback.js';
import type { IterationInfo, UpdateMetrics } from '../../agents/callbacks.js';
import { metricColumn, MetricLog, openRunLogs, type LogRow } from '../run-log.js';
import { createRunContext, finite, noteUpdate, type RunContext } from './run-context.js';

export interface UpdateLogOptions {
  /** The log (created or truncated by the caller), or a directory where updates.csv / .jsonl are started empty at the first initCallback. */
  logPath: MetricLog | string;
  /** Shared with the run's other callbacks (default: its own). */
  run?: RunContext;
}

export class UpdateLogCallback extends BaseCallback {
  readonly log: MetricLog;
  readonly run: RunContext;
  /** The directory whose log is started at the first initCallback (a logPath given as a string). */
  private createIn: string | null;

  constructor(opts: UpdateLogOptions) {
    super();
    this.log = typeof opts.logPath === 'string' ? openRunLogs(opts.logPath).updates : opts.logPath;
    this.createIn = typeof opts.logPath === 'string' ? opts.logPath : null;
    this.run = opts.run ?? createRunContext();
  }

  override initCallback(model: CallbackAgent): void {
    super.initCallback(model);
    if (this.createIn !== null) {
      mkdirSync(this.createIn, { recursive: true });
      this.log.create();
      this.createIn = null;
    }
  }

  override onUpdate(metrics: UpdateMetrics, info: IterationInfo): boolean {
    const state = this.run.state;
    state.updates += 1;
    noteUpdate(this.run, metrics, info);
    const row: LogRow = {
      update: state.updates,
      timesteps: state.timesteps,
      wall_seconds: this.run.wall(),
      ep_rew_mean: state.lastEpRewMean,
      pct_optimal: state.lastPctOptimal,
    };
    for (const [k, v] of Object.entries(metrics)) {
      const col = metricColumn(k);
      if (!(col in row)) row[col] = finite(v);
    }
    this.log.append(row);
    return true;
  }
}

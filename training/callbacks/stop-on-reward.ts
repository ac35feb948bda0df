/**
 * SB3's `StopTrainingOnRewardThreshold`, child of an EvalCallback: stops training once the
 * evaluation that triggered it reached `threshold` as a fraction of the HJB optimum
 * (`pctOptimal`: mean return / the HJB policy's mean return on the same seeds; mmgym train's
 * --stop-at). As the EvalCallback's `callbackAfterEval` it judges every periodic evaluation (what
 * --stop-at does: best/ may be chosen by the exact value, so an evaluation over the threshold is
 * not always a new best); as its `callbackOnNewBest`, only the new bests (SB3's usual wiring).
 */
import { BaseCallback } from '../../agents/base-callback.js';
import { EvalCallback } from './eval-callback.js';

export interface StopOnRewardOptions {
  /** Where the stop is reported (`reached 99.12% >= <label> 99.00%: stopping`). @defaultValue nowhere */
  log?: (message: string) => void;
  /** The threshold's name in that line. @defaultValue 'the threshold' */
  label?: string;
}

export class StopTrainingOnRewardThreshold extends BaseCallback {
  /** True once it stopped training. */
  stopped = false;
  private readonly log: (message: string) => void;
  private readonly label: string;

  constructor(
    readonly threshold: number,
    opts: StopOnRewardOptions = {},
  ) {
    super();
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
      throw new RangeError(`StopTrainingOnRewardThreshold.threshold must be a finite number (a fraction of the HJB optimum, e.g. 0.99), got ${String(threshold)}`);
    }
    this.log = opts.log ?? (() => {});
    this.label = opts.label ?? 'the threshold';
  }

  /** Called by the parent EvalCallback after its evaluation. */
  override onStep(): boolean {
    if (!(this.parent instanceof EvalCallback)) {
      throw new Error('StopTrainingOnRewardThreshold must be a child of an EvalCallback (its callbackAfterEval or callbackOnNewBest)');
    }
    const s = this.parent.lastEval;
    if (s === null || !(s.pctOptimal >= this.threshold)) return true;
    this.stopped = true;
    this.log(`reached ${(100 * s.pctOptimal).toFixed(2)}% >= ${this.label} ${(100 * this.threshold).toFixed(2)}%: stopping`);
    return false;
  }
}

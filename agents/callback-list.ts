/**
 * SB3's `CallbackList`: callbacks run one after the other, in the order given, at every hook.
 * Each hook runs in every callback of the list even when an earlier one asks to stop (SB3's
 * `continue_training = callback.on_step() and continue_training`), and the list stops training
 * when any of them returned `false`: a callback after an early stop still does its work for that
 * step (e.g. a checkpoint after the evaluation that reached the threshold).
 */
import { BaseCallback, type CallbackAgent, type StepHookResult } from './base-callback.js';
import type { IterationInfo, UpdateMetrics } from './callbacks.js';

export class CallbackList extends BaseCallback {
  readonly callbacks: readonly BaseCallback[];
  /** The callbacks that override onStep (the only ones called per step). */
  private readonly stepping: readonly BaseCallback[];

  constructor(callbacks: readonly BaseCallback[]) {
    super();
    if (!Array.isArray(callbacks)) throw new RangeError(`CallbackList: callbacks must be an array of BaseCallback, got ${kindOf(callbacks)}`);
    callbacks.forEach((c, i) => {
      if (!(c instanceof BaseCallback)) throw new RangeError(`CallbackList: callbacks[${i}] must be a BaseCallback, got ${kindOf(c)}`);
    });
    this.callbacks = callbacks.slice();
    this.stepping = this.callbacks.filter((c) => c.handlesStep);
  }

  override initCallback(model: CallbackAgent): void {
    super.initCallback(model);
    for (const c of this.callbacks) {
      c.initCallback(model);
      c.parent = this.parent; // SB3: the list passes its parent through to its children
    }
  }

  override onTrainingStart(info: IterationInfo): Promise<boolean> {
    return this.all((c) => c.onTrainingStart(info));
  }

  override onRolloutStart(info: IterationInfo): Promise<boolean> {
    return this.all((c) => c.onRolloutStart(info));
  }

  override onStep(info: IterationInfo): StepHookResult {
    let go = true;
    for (const c of this.stepping) go = c.onStep(info) !== false && go;
    return go;
  }

  override onRolloutEnd(info: IterationInfo): Promise<boolean> {
    return this.all((c) => c.onRolloutEnd(info));
  }

  override onUpdate(metrics: UpdateMetrics, info: IterationInfo): Promise<boolean> {
    return this.all((c) => c.onUpdate(metrics, info));
  }

  override async onTrainingEnd(info: IterationInfo): Promise<void> {
    for (const c of this.callbacks) await c.onTrainingEnd(info);
  }

  override get handlesStep(): boolean {
    return this.stepping.length > 0;
  }

  /** Run `hook` on every callback in order; false if any returned false. */
  private async all(hook: (c: BaseCallback) => unknown): Promise<boolean> {
    let go = true;
    for (const c of this.callbacks) if ((await hook(c)) === false) go = false;
    return go;
  }
}

/** What a refused value is, without serialising it (a callback may hold an agent: circular). */
function kindOf(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (typeof x !== 'object') return `${typeof x} ${String(x)}`;
  const name = (x as object).constructor?.name;
  return name === undefined || name === 'Object' ? 'a plain object' : `a ${name}`;
}

/**
 * Stable-Baselines3's `BaseCallback` (stable_baselines3/common/callbacks.py): an object whose hooks
 * `learn()` calls at each stage of training. Override the ones you need:
 *
 *   initCallback(agent)  at the start of every learn() (SB3 init_callback): `this.model` is set
 *   onTrainingStart      after learn()'s setup, before the first rollout
 *   onRolloutStart       before each rollout
 *   onStep               after each vector step of a rollout (all envs stepped, the step recorded)
 *   onRolloutEnd         after each rollout, before the update
 *   onUpdate(metrics)    after each update, with its metrics (SB3 records them in its logger)
 *   onTrainingEnd        when learn() returns (not when it throws)
 *
 * Every hook gets the `IterationInfo` (env steps so far, iterations, progress remaining, target).
 * Returning `false` stops training: before the rollout (onTrainingStart, onRolloutStart), at once
 * in the middle of a rollout (onStep: the partial rollout is not trained on, as in SB3), before the
 * update (onRolloutEnd) or after it (onUpdate); onTrainingEnd still runs. Hooks may be async except
 * onStep, which runs inside the collection loop and must answer synchronously; learn() calls it
 * only when some callback overrides it (`handlesStep`), so the loop pays nothing otherwise.
 * Children of an event (EvalCallback's callbackOnNewBest / callbackAfterEval) are triggered through
 * their onStep, with `parent` set, as SB3's EventCallback does.
 */
import type { Policy } from '../env/types.js';
import type { SaveOptions } from './agent-io.js';
import type { HookResult, IterationInfo, UpdateMetrics } from './callbacks.js';

/** What a callback sees of the agent (PPO and A2C are this). */
export interface CallbackAgent {
  readonly numTimesteps: number;
  readonly iteration: number;
  readonly progressRemaining: number;
  /** A snapshot of the current policy (its own weights; dispose it when done). */
  policy(): Policy;
  /** Save the policy and the agent's state (see agents/agent-io.ts). */
  save(dir: string, opts?: SaveOptions): Promise<void>;
}

/** Result of onStep: `false` stops training (synchronous: it runs inside the collection loop). */
export type StepHookResult = boolean | void;

export abstract class BaseCallback {
  /** The agent being trained (set by `initCallback`; null before). */
  model: CallbackAgent | null = null;
  /** The callback that triggers this one (an EvalCallback for its children), else null. */
  parent: BaseCallback | null = null;

  /** Called by learn() before training (and by drivers that use the callback before learn()). */
  initCallback(model: CallbackAgent): void {
    this.model = model;
  }

  onTrainingStart(_info: IterationInfo): HookResult {}

  onRolloutStart(_info: IterationInfo): HookResult {}

  /** After each vector step (or when the parent's event fires); only called if overridden. */
  onStep(_info: IterationInfo): StepHookResult {
    return true;
  }

  onRolloutEnd(_info: IterationInfo): HookResult {}

  onUpdate(_metrics: UpdateMetrics, _info: IterationInfo): HookResult {}

  onTrainingEnd(_info: IterationInfo): void | Promise<void> {}

  /** Whether learn() must call onStep during collection (true when a subclass overrides it). */
  get handlesStep(): boolean {
    return this.onStep !== BaseCallback.prototype.onStep;
  }

  /** The agent, or a clear error when the callback was never initialised. */
  protected get agent(): CallbackAgent {
    if (this.model === null) {
      throw new Error(`${this.constructor.name}: no agent yet (pass the callback to agent.learn(), or call initCallback(agent) first)`);
    }
    return this.model;
  }
}

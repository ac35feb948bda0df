/**
 * `CoreEnv`: the single-env Gymnasium API (env.ts) as a view over env 0 of an `EnvCore` with
 * N = 1 — for the same seed it produces exactly the trajectory of env 0 of the matching vector
 * env. `MarketMakingEnv` (simulator) and `ReplayMarketMakingEnv` (real data) extend it with their
 * core and their `render`.
 */
import { describeValue } from '../util/describe-value.js';
import type { EnvConfig } from './config.js';
import { actionSpaceOf } from './action-map.js';
import type { Action, Env, ResetOptions, ResetResult, StepResult } from './env.js';
import { type EnvCore, assertFiniteStep, checkMaxEpisodeSteps, checkSeed, resetInfoOf, stepInfoOf } from './env-core.js';
import { observationSpaceOf } from './observation.js';
import type { Box, Discrete } from './spaces.js';
import { checkNumber } from './validate-config.js';

export abstract class CoreEnv<C extends EnvCore> implements Env {
  readonly observationSpace: Box;
  readonly actionSpace: Box | Discrete;
  /** Steps per episode (round(T / dt)). */
  readonly episodeSteps: number;
  readonly maxEpisodeSteps: number;
  private readonly action: Float32Array;
  private needsReset = true;
  private closed = false;

  /**
   * @param core a core with N = 1
   * @param config the validated config the core was built from
   * @param maxEpisodeSteps truncate episodes after this many steps (integer >= 1)
   * @param label names the env in error messages
   */
  protected constructor(
    readonly core: C,
    readonly config: Readonly<EnvConfig>,
    maxEpisodeSteps: number | undefined,
    private readonly label: string,
  ) {
    this.observationSpace = observationSpaceOf(config);
    this.actionSpace = actionSpaceOf(config.action);
    this.episodeSteps = core.steps;
    this.maxEpisodeSteps = checkMaxEpisodeSteps(maxEpisodeSteps);
    this.action = new Float32Array(core.actDim);
  }

  abstract render(mode?: 'ansi'): string;

  reset(opts: { seed?: number; options?: ResetOptions } = {}): ResetResult {
    if (this.closed) throw new Error(`${this.label}: the env is closed`);
    const { seed, options } = opts;
    if (seed !== undefined) {
      this.core.seedEnv(0, checkSeed(seed));
    }
    const Q = this.config.maxInventory;
    const q0 = options?.initialInventory === undefined ? this.config.initialInventory : checkNumber('options.initialInventory', options.initialInventory, { min: -Q, max: Q });
    this.core.resetEnv(0, q0);
    this.needsReset = false;
    return { observation: this.observe(), info: resetInfoOf(this.core, 0) };
  }

  step(action: Action): StepResult {
    if (this.needsReset) {
      throw new Error(this.closed ? `${this.label}: the env is closed` : `${this.label}: call reset() before step() (and after an episode ends)`);
    }
    const a = this.action;
    if (typeof action === 'number') {
      if (a.length !== 1) throw new RangeError(`action must be a vector of ${a.length} numbers for ${this.actionSpace.toString()}, got the number ${action}`);
      a[0] = action;
    } else {
      if (action === null || typeof action !== 'object' || typeof (action as { length?: unknown }).length !== 'number') {
        throw new TypeError(`action must be ${a.length === 1 ? 'a number or ' : ''}an array of ${a.length} numbers for ${this.actionSpace.toString()}, got ${describeValue(action)}`);
      }
      if (action.length !== a.length) {
        throw new RangeError(`action must have length ${a.length} for ${this.actionSpace.toString()}, got length ${action.length}`);
      }
      for (let j = 0; j < a.length; j++) {
        const x = action[j];
        if (typeof x !== 'number') throw new TypeError(`action[${j}] must be a number for ${this.actionSpace.toString()}, got ${describeValue(x)}`);
        a[j] = x;
      }
    }
    const c = this.core;
    c.step(a);
    const terminated = c.terminal[0] === 1;
    const truncated = !terminated && c.stepIndex[0]! >= this.maxEpisodeSteps;
    if (terminated || truncated) this.needsReset = true;
    const observation = this.observe();
    assertFiniteStep(c, observation, c.obsDim, this.label);
    return { observation, reward: c.rewards[0]!, terminated, truncated, info: stepInfoOf(c, 0) };
  }

  close(): void {
    this.closed = true;
    this.needsReset = true;
  }

  /** Env 0's current observation, in a fresh array. */
  private observe(): Float32Array {
    const o = new Float32Array(this.core.obsDim);
    this.core.writeObservation(0, o, 0);
    return o;
  }
}

/**
 * The single market-making env (Gymnasium API), a view over `MarketCore` with N = 1: for the same
 * seed it produces exactly the trajectory of env 0 of a `MarketMakingVectorEnv`.
 */
import type { EnvConfig } from './config.js';
import { actionSpaceOf } from './action-map.js';
import type { Action, Env, ResetOptions, ResetResult, StepInfo, StepResult } from './env.js';
import { observationSpaceOf } from './observation.js';
import { MarketCore } from './sim/core.js';
import type { Box, Discrete } from './spaces.js';
import { EnvConfigError, checkNumber } from './validate-config.js';

export interface MarketMakingEnvOptions {
  /** Truncate episodes after this many steps. */
  maxEpisodeSteps?: number;
}

export class MarketMakingEnv implements Env {
  readonly config: Readonly<EnvConfig>;
  readonly observationSpace: Box;
  readonly actionSpace: Box | Discrete;
  /** Steps per episode (round(T / dt)). */
  readonly episodeSteps: number;
  readonly maxEpisodeSteps: number;
  readonly core: MarketCore;
  private readonly action: Float32Array;
  private needsReset = true;
  private closed = false;

  /** `config` must be validated (use `make`). */
  constructor(config: Readonly<EnvConfig>, opts: MarketMakingEnvOptions = {}) {
    this.config = config;
    this.core = new MarketCore(config, 1);
    this.observationSpace = observationSpaceOf(config);
    this.actionSpace = actionSpaceOf(config.action);
    this.episodeSteps = this.core.steps;
    const limit = opts.maxEpisodeSteps;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
      throw new RangeError(`maxEpisodeSteps must be an integer >= 1, got ${limit}`);
    }
    this.maxEpisodeSteps = limit ?? Infinity;
    this.action = new Float32Array(this.core.actDim);
  }

  reset(opts: { seed?: number; options?: ResetOptions } = {}): ResetResult {
    if (this.closed) throw new Error('MarketMakingEnv: the env is closed');
    const { seed, options } = opts;
    if (seed !== undefined) {
      if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
      this.core.seedEnv(0, seed);
    }
    this.core.resetEnv(0);
    if (options?.initialInventory !== undefined) {
      const Q = this.config.maxInventory;
      const q = checkNumber('options.initialInventory', options.initialInventory, { min: -Q, max: Q });
      this.core.inventory[0] = q;
      this.core.initialWealth[0] = this.core.cash[0]! + q * this.core.mid[0]!;
    }
    this.needsReset = false;
    return { observation: this.observe(), info: this.stateInfo() };
  }

  step(action: Action): StepResult {
    if (this.needsReset) {
      throw new Error(this.closed ? 'MarketMakingEnv: the env is closed' : 'MarketMakingEnv: call reset() before step() (and after an episode ends)');
    }
    const a = this.action;
    if (typeof action === 'number') {
      if (a.length !== 1) throw new RangeError(`action must be a vector of ${a.length} numbers for ${this.actionSpace.toString()}, got the number ${action}`);
      a[0] = action;
    } else {
      if (action.length !== a.length) {
        throw new RangeError(`action must have length ${a.length} for ${this.actionSpace.toString()}, got length ${action.length}`);
      }
      for (let j = 0; j < a.length; j++) a[j] = action[j]!;
    }
    const c = this.core;
    c.step(a);
    const terminated = c.terminal[0] === 1;
    const truncated = !terminated && c.stepIndex[0]! >= this.maxEpisodeSteps;
    if (terminated || truncated) this.needsReset = true;
    return {
      observation: this.observe(),
      reward: c.rewards[0]!,
      terminated,
      truncated,
      info: {
        cash: c.outCash[0]!,
        inventory: c.outInventory[0]!,
        mid: c.outMid[0]!,
        midBefore: c.outMidBefore[0]!,
        bidPrice: c.outBidPrice[0]!,
        askPrice: c.outAskPrice[0]!,
        bidFill: c.outBidFill[0]!,
        askFill: c.outAskFill[0]!,
        fees: c.outFees[0]!,
        penalty: c.outPenalty[0]!,
        wealth: c.outCash[0]! + c.outInventory[0]! * c.outMid[0]!,
        step: c.outStepIndex[0]!,
      },
    };
  }

  render(mode: 'ansi' = 'ansi'): string {
    if (mode !== 'ansi') throw new EnvConfigError('render_mode', `render mode must be "ansi", got ${JSON.stringify(mode)}`);
    const c = this.core;
    const f = (x: number): string => (Number.isNaN(x) ? '   -   ' : x.toFixed(3));
    const q = c.inventory[0]!;
    const mid = c.mid[0]!;
    return (
      `t=${c.stepIndex[0]}/${this.episodeSteps} mid=${f(mid)} bid=${f(c.outBidPrice[0]!)} ask=${f(c.outAskPrice[0]!)} ` +
      `q=${q} cash=${f(c.cash[0]!)} W=${f(c.cash[0]! + q * mid)}`
    );
  }

  close(): void {
    this.closed = true;
    this.needsReset = true;
  }

  private observe(): Float32Array {
    const o = new Float32Array(this.core.obsDim);
    this.core.writeObservation(0, o, 0);
    return o;
  }

  private stateInfo(): StepInfo {
    const c = this.core;
    const mid = c.mid[0]!;
    return {
      cash: c.cash[0]!,
      inventory: c.inventory[0]!,
      mid,
      midBefore: mid,
      bidPrice: NaN,
      askPrice: NaN,
      bidFill: 0,
      askFill: 0,
      fees: 0,
      penalty: 0,
      wealth: c.cash[0]! + c.inventory[0]! * mid,
      step: 0,
    };
  }
}

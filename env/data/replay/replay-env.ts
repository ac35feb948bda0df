/**
 * `ReplayMarketMakingEnv`: the single-env Gymnasium API over the replay (a view over
 * `ReplayCore` with N = 1): for the same seed, the trajectory of env 0 of a `ReplayVectorEnv`.
 * The mid follows the tape; see replay-core.ts and fill-model.ts for fills, fees and rewards.
 */
import type { EnvConfig } from '../../config.js';
import { actionSpaceOf } from '../../action-map.js';
import type { Action, Env, ResetOptions, ResetResult, StepInfo, StepResult } from '../../env.js';
import { observationSpaceOf } from '../../observation.js';
import type { Box, Discrete } from '../../spaces.js';
import { checkNumber } from '../../validate-config.js';
import type { MarketTape } from '../tape/market-tape.js';
import type { FillModelConfig } from './fill-model.js';
import { ReplayCore, type ReplayFill } from './replay-core.js';

export interface ReplayEnvOptions {
  maxEpisodeSteps?: number;
  recordFills?: boolean;
}

export class ReplayMarketMakingEnv implements Env {
  readonly observationSpace: Box;
  readonly actionSpace: Box | Discrete;
  readonly episodeSteps: number;
  readonly maxEpisodeSteps: number;
  readonly core: ReplayCore;
  private readonly action: Float32Array;
  private needsReset = true;
  private closed = false;

  constructor(
    tape: MarketTape,
    readonly config: Readonly<EnvConfig>,
    readonly fill: Readonly<FillModelConfig>,
    opts: ReplayEnvOptions = {},
  ) {
    this.core = new ReplayCore(tape, config, fill, 1, opts.recordFills === true);
    this.observationSpace = observationSpaceOf(config);
    this.actionSpace = actionSpaceOf(config.action);
    this.episodeSteps = this.core.steps;
    const limit = opts.maxEpisodeSteps;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`maxEpisodeSteps must be an integer >= 1, got ${limit}`);
    this.maxEpisodeSteps = limit ?? Infinity;
    this.action = new Float32Array(this.core.actDim);
  }

  get fills(): readonly ReplayFill[] {
    return this.core.fills ?? [];
  }

  reset(opts: { seed?: number; options?: ResetOptions } = {}): ResetResult {
    if (this.closed) throw new Error('ReplayMarketMakingEnv: the env is closed');
    const { seed, options } = opts;
    if (seed !== undefined) {
      if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
      this.core.seedEnv(0, seed);
      this.actionSpace.seed(seed);
      this.observationSpace.seed(seed);
    }
    const Q = this.config.maxInventory;
    const q0 = options?.initialInventory === undefined ? this.config.initialInventory : checkNumber('options.initialInventory', options.initialInventory, { min: -Q, max: Q });
    this.core.resetEnv(0, q0);
    this.needsReset = false;
    const o = new Float32Array(this.core.obsDim);
    this.core.writeObservation(0, o, 0);
    const c = this.core;
    const mid = c.mid[0] as number;
    const info: StepInfo = {
      cash: c.cash[0] as number,
      inventory: c.inventory[0] as number,
      mid,
      midBefore: mid,
      bidPrice: NaN,
      askPrice: NaN,
      bidFill: 0,
      askFill: 0,
      fees: 0,
      penalty: 0,
      wealth: (c.cash[0] as number) + (c.inventory[0] as number) * mid,
      step: 0,
    };
    return { observation: o, info };
  }

  step(action: Action): StepResult {
    if (this.needsReset) throw new Error(this.closed ? 'ReplayMarketMakingEnv: the env is closed' : 'ReplayMarketMakingEnv: call reset() before step() (and after an episode ends)');
    const a = this.action;
    if (typeof action === 'number') {
      if (a.length !== 1) throw new RangeError(`action must be a vector of ${a.length} numbers for ${this.actionSpace.toString()}, got the number ${action}`);
      a[0] = action;
    } else {
      if (action.length !== a.length) throw new RangeError(`action must have length ${a.length} for ${this.actionSpace.toString()}, got length ${action.length}`);
      for (let j = 0; j < a.length; j++) a[j] = action[j] as number;
    }
    const c = this.core;
    c.step(a);
    const terminated = c.terminal[0] === 1;
    const truncated = !terminated && (c.stepIndex[0] as number) >= this.maxEpisodeSteps;
    if (terminated || truncated) this.needsReset = true;
    const o = new Float32Array(c.obsDim);
    c.writeObservation(0, o, 0);
    return {
      observation: o,
      reward: c.rewards[0] as number,
      terminated,
      truncated,
      info: {
        cash: c.outCash[0] as number,
        inventory: c.outInventory[0] as number,
        mid: c.outMid[0] as number,
        midBefore: c.outMidBefore[0] as number,
        bidPrice: c.outBidPrice[0] as number,
        askPrice: c.outAskPrice[0] as number,
        bidFill: c.outBidFill[0] as number,
        askFill: c.outAskFill[0] as number,
        fees: c.outFees[0] as number,
        penalty: c.outPenalty[0] as number,
        wealth: (c.outCash[0] as number) + (c.outInventory[0] as number) * (c.outMid[0] as number),
        step: c.outStepIndex[0] as number,
      },
    };
  }

  render(mode: 'ansi' = 'ansi'): string {
    if (mode !== 'ansi') throw new RangeError(`render mode must be "ansi", got ${JSON.stringify(mode)}`);
    const c = this.core;
    const f = (x: number): string => (Number.isNaN(x) ? '   -   ' : x.toFixed(4));
    const q = c.inventory[0] as number;
    const mid = c.mid[0] as number;
    const t = (c.start[0] as number) + (c.stepIndex[0] as number) * this.config.dt;
    return `tape t=${t.toFixed(3)} step=${c.stepIndex[0]}/${this.episodeSteps} mid=${f(mid)} bid=${f(c.outBidPrice[0] as number)} ask=${f(c.outAskPrice[0] as number)} q=${q} cash=${f(c.cash[0] as number)} W=${f((c.cash[0] as number) + q * mid)}`;
  }

  close(): void {
    this.closed = true;
    this.needsReset = true;
  }
}

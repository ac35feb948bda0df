/**
 * A tiny VectorEnv for the agents' tests: 1-D target tracking. Each step a target u ~ U(-1, 1)
 * is drawn; the observation is [u, t / L]; the reward is -(a - u)^2 for a Box([-1], [1]) action
 * (optimum a = u, return 0), or for the Discrete(2) variant 0 if the chosen side matches sign(u)
 * else -1. Episodes last `length` steps and end by truncation (or termination with
 * `terminateAtEnd`). Same-step autoreset, as the real VectorEnv.
 */
import seedrandom from 'seedrandom';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../../env/config.js';
import { Box, Discrete } from '../../env/spaces.js';
import type { StepMarketInfo, VectorEnv, VectorStepResult } from '../../env/types.js';

export interface TargetEnvOptions {
  numEnvs: number;
  length?: number;
  discrete?: boolean;
  terminateAtEnd?: boolean;
}

export class TargetEnv implements VectorEnv {
  readonly numEnvs: number;
  readonly config: Readonly<EnvConfig> = DEFAULT_ENV_CONFIG;
  readonly obsDim = 2;
  readonly actDim = 1;
  readonly observationSpace = new Box([-1, 0], [1, 1]);
  readonly actionSpace: Box | Discrete;
  private readonly length: number;
  private readonly terminateAtEnd: boolean;
  private rngs: seedrandom.PRNG[];
  private readonly t: Int32Array;
  private readonly target: Float64Array;
  private readonly obs: Float32Array;
  private readonly finalObs: Float32Array;
  private readonly rewards: Float64Array;
  private readonly terminated: Uint8Array;
  private readonly truncated: Uint8Array;
  private readonly market: StepMarketInfo;

  constructor(o: TargetEnvOptions) {
    this.numEnvs = o.numEnvs;
    this.length = o.length ?? 20;
    this.terminateAtEnd = o.terminateAtEnd ?? false;
    this.actionSpace = o.discrete === true ? new Discrete(2) : new Box([-1], [1]);
    const n = o.numEnvs;
    this.rngs = Array.from({ length: n }, (_, i) => seedrandom(String(i)));
    this.t = new Int32Array(n);
    this.target = new Float64Array(n);
    this.obs = new Float32Array(2 * n);
    this.finalObs = new Float32Array(2 * n);
    this.rewards = new Float64Array(n);
    this.terminated = new Uint8Array(n);
    this.truncated = new Uint8Array(n);
    const f = (): Float64Array => new Float64Array(n);
    this.market = { midBefore: f(), mid: f(), cash: f(), inventory: f(), bidPrice: f(), askPrice: f(), bidFill: f(), askFill: f(), fees: f(), stepIndex: new Int32Array(n) };
  }

  private draw(e: number): void {
    this.target[e] = 2 * this.rngs[e]!() - 1;
    this.obs[2 * e] = this.target[e]!;
    this.obs[2 * e + 1] = this.t[e]! / this.length;
  }

  reset(opts?: { seed?: number }): { observations: Float32Array } {
    for (let e = 0; e < this.numEnvs; e++) {
      if (opts?.seed !== undefined) this.rngs[e] = seedrandom(String(opts.seed + e));
      this.t[e] = 0;
      this.draw(e);
    }
    return { observations: this.obs };
  }

  step(actions: Float32Array): VectorStepResult {
    for (let e = 0; e < this.numEnvs; e++) {
      const a = actions[e]!;
      if (Number.isNaN(a)) throw new RangeError(`TargetEnv.step: actions[${e}] is NaN`);
      const u = this.target[e]!;
      this.rewards[e] = this.actionSpace.kind === 'box' ? -((a - u) ** 2) : (a === 1) === u > 0 ? 0 : -1;
      this.t[e] = this.t[e]! + 1;
      this.terminated[e] = 0;
      this.truncated[e] = 0;
      if (this.t[e]! >= this.length) {
        this.obs[2 * e + 1] = 1;
        this.finalObs[2 * e] = this.obs[2 * e]!;
        this.finalObs[2 * e + 1] = 1;
        if (this.terminateAtEnd) this.terminated[e] = 1;
        else this.truncated[e] = 1;
        this.t[e] = 0;
      }
      this.draw(e);
    }
    return { observations: this.obs, rewards: this.rewards, terminated: this.terminated, truncated: this.truncated, finalObservations: this.finalObs, market: this.market };
  }

  close(): void {}
}

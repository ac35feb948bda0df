/**
 * The reward rule, one for both cores (the simulator, sim/core.ts, and the replay,
 * replay/replay-core.ts: `RewardConfig`), on mark-to-mid wealth W = cash + q S. One step takes env i
 * from (q, S, W) to (q', S', W') — q' the inventory after the step's fills, S' the mid at its
 * end — with dW = W' - W, and at the last step subtracts the terminal liquidation penalty
 * alpha q_T^2 (`terminalPenalty`):
 * - 'running-penalty': r = dW - phi q'^2 dt - [alpha q_T^2]: the inventory penalty of the
 *   mean-variance criterion (Cartea, Jaimungal & Penalva 2015 ch. 10; Gueant 2017 with xi = 0),
 *   phi = `effectivePhi(config)` (gamma sigma^2 / 2 unless given);
 * - 'realized-penalty': r = dW - (gamma / 2) q'^2 (S' - S)^2 - [alpha q_T^2]: the same penalty on
 *   the realised squared mid move (its expectation is (gamma / 2) sigma^2 q'^2 dt under a Brownian
 *   mid; it needs no model, so the replay has it too);
 * - 'pnl': r = dW - [alpha q_T^2];
 * - 'cara': r = 0 before the last step, then -exp(-gamma (W_T - W_0 - alpha q_T^2)): the CARA
 *   utility of terminal wealth of Avellaneda & Stoikov 2008 (W_0 the wealth at reset).
 * The step's penalty (reported as `inventoryPenalty`) is the running term plus [alpha q_T^2].
 *
 * One small class per kind, chosen by config (`rewardRuleFor`) like the other models: a core
 * resolves its rule once and calls `reward` and `penalty` per env-step; each method holds only
 * its kind's formula, small enough for the step loop to inline. The operations and their order
 * are the ones the cores always used, so rewards are the same to the bit. Frozen: constants,
 * not part of a state snapshot.
 */
import type { EnvConfig, RewardConfig } from '../config.js';
import { effectivePhi } from '../effective-params.js';

/** Reward kinds as small integers. */
export const REWARD_CODES = { 'running-penalty': 0, pnl: 1, cara: 2, 'realized-penalty': 3 } as const;
export type RewardCode = (typeof REWARD_CODES)[keyof typeof REWARD_CODES];

/** How a step is rewarded (see the file header for the formulas). */
export interface RewardRule {
  readonly kind: RewardConfig['kind'];
  readonly code: RewardCode;
  /** phi dt of the running penalty (0 unless 'running-penalty'). */
  readonly phiDt: number;
  /** Risk aversion gamma (CARA's; the realised penalty's weight is gamma / 2). */
  readonly gamma: number;
  /** alpha of the terminal penalty alpha q_T^2. */
  readonly terminalPenalty: number;
  /**
   * The step's reward of env i: `q` the inventory after the step's fills, `ds` = S' - S, `w1` = W'
   * (after fees, at the new mid), `w0` = W at the step's start (CARA reads W_0, the wealth at the
   * episode's reset, from the core's `initialWealth`).
   */
  reward(q: number, ds: number, w1: number, w0: number, isLast: boolean, i: number): number;
  /** The step's penalty: the running term plus alpha q_T^2 at the last step. */
  penalty(q: number, ds: number, isLast: boolean): number;
}

/** r = dW - phi dt q'^2 - [alpha q_T^2]. */
export class RunningPenaltyReward implements RewardRule {
  readonly kind = 'running-penalty';
  readonly code = REWARD_CODES['running-penalty'];

  constructor(
    readonly phiDt: number,
    readonly gamma: number,
    readonly terminalPenalty: number,
  ) {
    Object.freeze(this);
  }

  reward(q: number, _ds: number, w1: number, w0: number, isLast: boolean): number {
    return w1 - w0 - this.phiDt * q * q - (isLast ? this.terminalPenalty * q * q : 0);
  }

  penalty(q: number, _ds: number, isLast: boolean): number {
    return (isLast ? this.terminalPenalty * q * q : 0) + this.phiDt * q * q;
  }
}

/** r = dW - [alpha q_T^2]. */
export class PnlReward implements RewardRule {
  readonly kind = 'pnl';
  readonly code = REWARD_CODES.pnl;
  readonly phiDt = 0;

  constructor(
    readonly gamma: number,
    readonly terminalPenalty: number,
  ) {
    Object.freeze(this);
  }

  reward(q: number, _ds: number, w1: number, w0: number, isLast: boolean): number {
    return w1 - w0 - (isLast ? this.terminalPenalty * q * q : 0);
  }

  penalty(q: number, _ds: number, isLast: boolean): number {
    return isLast ? this.terminalPenalty * q * q : 0;
  }
}

/** r = dW - (gamma / 2) q'^2 (S' - S)^2 - [alpha q_T^2]. */
export class RealizedPenaltyReward implements RewardRule {
  readonly kind = 'realized-penalty';
  readonly code = REWARD_CODES['realized-penalty'];
  readonly phiDt = 0;
  /** gamma / 2. */
  readonly halfGamma: number;

  constructor(
    readonly gamma: number,
    readonly terminalPenalty: number,
  ) {
    this.halfGamma = 0.5 * gamma;
    Object.freeze(this);
  }

  reward(q: number, ds: number, w1: number, w0: number, isLast: boolean): number {
    return w1 - w0 - this.halfGamma * q * q * ds * ds - (isLast ? this.terminalPenalty * q * q : 0);
  }

  penalty(q: number, ds: number, isLast: boolean): number {
    return (isLast ? this.terminalPenalty * q * q : 0) + this.halfGamma * q * q * ds * ds;
  }
}

/** r = 0 before the last step, then -exp(-gamma (W_T - W_0 - alpha q_T^2)). */
export class CaraReward implements RewardRule {
  readonly kind = 'cara';
  readonly code = REWARD_CODES.cara;
  readonly phiDt = 0;

  constructor(
    readonly gamma: number,
    readonly terminalPenalty: number,
    /** Each env's W_0 (the core's `initialWealth`). */
    readonly initialWealth: Float64Array,
  ) {
    Object.freeze(this);
  }

  reward(q: number, _ds: number, w1: number, _w0: number, isLast: boolean, i: number): number {
    return isLast ? -Math.exp(-this.gamma * (w1 - this.initialWealth[i]! - this.terminalPenalty * q * q)) : 0;
  }

  penalty(q: number, _ds: number, isLast: boolean): number {
    return isLast ? this.terminalPenalty * q * q : 0;
  }
}

/**
 * The config's reward rule (`reward.kind`; phi dt from `effectivePhi`) for a core whose envs' W_0
 * are `initialWealth` (CARA's utility is of W_T - W_0).
 */
export function rewardRuleFor(config: Pick<EnvConfig, 'reward' | 'gamma' | 'dt' | 'price' | 's0'>, initialWealth: Float64Array): RewardRule {
  const r = config.reward;
  switch (r.kind) {
    case 'running-penalty':
      return new RunningPenaltyReward(effectivePhi(config) * config.dt, config.gamma, r.terminalPenalty);
    case 'pnl':
      return new PnlReward(config.gamma, r.terminalPenalty);
    case 'realized-penalty':
      return new RealizedPenaltyReward(config.gamma, r.terminalPenalty);
    case 'cara':
      return new CaraReward(config.gamma, r.terminalPenalty, initialWealth);
  }
}

/**
 * The vectorised market simulator: N independent single-asset markets in struct-of-arrays form,
 * stepped together with no allocation per step.
 *
 * One step of env i (Avellaneda & Stoikov 2008 in discrete time, issue #2):
 *  1. the action gives depths (delta_b, delta_a) >= 0; quotes bid = S - delta_b, ask = S + delta_a,
 *     rounded away from the mid to the tick; with latency L the quotes acting now are the ones
 *     chosen L steps ago;
 *  2. random draws, in this fixed order whatever the actions (common random numbers):
 *     the arrival model's own draws (Hawkes: 2), u_bid, u_ask, [u_informed_bid, u_informed_ask
 *     when toxicity.fraction > 0], then the price model's draws;
 *  3. a side fills one unit iff u_side < p_side(depth) (the arrival model's probability, e.g.
 *     min(1, A e^{-k delta} dt)); a side that would take |q| past Q is not quoted; fills trade at
 *     the quoted price and pay the maker fee;
 *  4. the mid moves (price model), then informed flow (`ToxicityConfig`) moves it by
 *     `toxicity.jump` against the maker: rule 'fill', a maker fill on a side is informed iff
 *     u_informed_side < fraction (adverse selection: the mid path depends on our fills); rule
 *     'arrival', a market order that arrived on a side (u_side < p_side(0)) is informed iff
 *     u_informed_side < fraction, filled or not (exogenous: the mid path never depends on the policy).
 *     Down after a sell on the bid, up after a buy at the ask;
 *  5. reward on mark-to-mid wealth W = cash + q S (see `RewardConfig`).
 */
import type { EnvConfig } from '../config.js';
import { episodeSteps } from '../config.js';
import { actionDim, actionsToDepths } from '../action-map.js';
import { effectivePhi } from '../effective-params.js';
import { EnvCore } from '../env-core.js';
import { observationLayout } from '../observation.js';
import { createArrivalModel } from './arrivals/index.js';
import { makerFee } from './fees.js';
import { Observer } from './observer.js';
import { ConstantLatency } from './latency.js';
import { createPriceModel } from './price/index.js';
import { StreamRngs } from './rng.js';
import { roundAskToTick, roundBidToTick } from './ticks.js';
import type { ArrivalModel, PriceModel } from './types.js';

const REWARD_CODES = { 'running-penalty': 0, pnl: 1, cara: 2, 'realized-penalty': 3 } as const;

export class MarketCore extends EnvCore {
  readonly config: Readonly<EnvConfig>;
  /** Steps per episode, round(T / dt). */
  readonly steps: number;
  readonly obsDim: number;
  readonly actDim: number;
  readonly rng: StreamRngs;
  readonly price: PriceModel;
  readonly arrivals: ArrivalModel;
  readonly latency: ConstantLatency;

  // ---- state (per env; mid, cash, inventory, stepIndex, initialWealth and the step's outputs: EnvCore) ----
  /** Fills of the previous step (observation 'last-fills'). */
  readonly lastBidFill: Float64Array;
  readonly lastAskFill: Float64Array;
  /** Writes observations; keeps the ring of past mid changes the features need. */
  readonly observer: Observer;

  // ---- constants ----
  private readonly maxQ: number;
  private readonly size: number;
  private readonly tick: number;
  private readonly feePerUnit: number;
  private readonly feeBps: number;
  private readonly toxFraction: number;
  private readonly toxJump: number;
  private readonly toxOnFill: boolean;
  private readonly phiDt: number;
  private readonly terminalPenalty: number;
  private readonly rewardCode: 0 | 1 | 2 | 3;
  private readonly gamma: number;
  /** Depths (delta_b, delta_a) of each env's action this step. */
  private readonly depths: Float64Array;

  constructor(config: Readonly<EnvConfig>, n: number) {
    super(n);
    this.config = config;
    this.steps = episodeSteps(config);
    this.obsDim = observationLayout(config).dim;
    this.actDim = actionDim(config.action);
    this.rng = new StreamRngs(n);
    this.price = createPriceModel(config.price, config.dt, n);
    this.arrivals = createArrivalModel(config.arrivals, config.dt, n);
    this.latency = new ConstantLatency(n, config.latencySteps);
    this.maxQ = config.maxInventory;
    this.size = config.orderSize;
    this.tick = config.tickSize;
    this.feePerUnit = config.fees.makerPerUnit;
    this.feeBps = config.fees.makerBps;
    this.toxFraction = config.toxicity.fraction;
    this.toxJump = config.toxicity.jump;
    this.toxOnFill = config.toxicity.rule === 'fill';
    this.rewardCode = REWARD_CODES[config.reward.kind];
    this.phiDt = config.reward.kind === 'running-penalty' ? effectivePhi(config) * config.dt : 0;
    this.terminalPenalty = config.reward.terminalPenalty;
    this.gamma = config.gamma;
    this.lastBidFill = new Float64Array(n);
    this.lastAskFill = new Float64Array(n);
    this.depths = new Float64Array(2 * n);
    this.observer = new Observer(config, n, this.steps, this);
    for (let i = 0; i < n; i++) {
      this.rng.seed(i, i);
      this.resetEnv(i);
    }
  }

  /** Reseed env i's random stream (Gymnasium: vector env i gets seed + i). */
  seedEnv(i: number, seed: number): void {
    this.rng.seed(i, seed);
  }

  /** Put env i at t = 0 with inventory `initialInventory` (the random stream continues). */
  resetEnv(i: number, initialInventory = this.config.initialInventory): void {
    const c = this.config;
    this.mid[i] = c.s0;
    this.cash[i] = c.initialCash;
    this.inventory[i] = initialInventory;
    this.stepIndex[i] = 0;
    this.initialWealth[i] = c.initialCash + initialInventory * c.s0;
    this.lastBidFill[i] = 0;
    this.lastAskFill[i] = 0;
    this.observer.resetEnv(i);
    this.price.reset(i);
    this.arrivals.reset(i);
    this.latency.reset(i);
  }

  /**
   * Step every env with `actions` (N * actDim, row-major). Envs already at the horizon must have
   * been reset by the caller. Throws `InvalidActionError` (naming the env and component) before
   * changing any state if an action is outside the action space.
   */
  step(actions: ArrayLike<number>): void {
    const n = this.n;
    const ad = this.actDim;
    if (actions.length !== n * ad) {
      throw new RangeError(`actions must hold numEnvs * actDim = ${n} * ${ad} = ${n * ad} values, got ${actions.length}`);
    }
    const depths = this.depths;
    // Local bindings of imported functions: one lookup per step, not per env (module namespace
    // accessors are not free under some loaders).
    const roundBid = roundBidToTick;
    const roundAsk = roundAskToTick;
    const fee = makerFee;
    // Map and check all actions first so a bad one leaves every env untouched.
    actionsToDepths(this.config.action, actions, n, depths);
    const rng = this.rng;
    const price = this.price;
    const arrivals = this.arrivals;
    const latency = this.latency;
    const maxQ = this.maxQ + 1e-9;
    const size = this.size;
    const tick = this.tick;
    const tox = this.toxFraction;
    const last = this.steps;
    const mid = this.mid;
    const cashArr = this.cash;
    const inv = this.inventory;
    const stepIdx = this.stepIndex;
    const hist = this.observer.hist;
    const histLen = this.observer.histLen;
    const lastBid = this.lastBidFill;
    const lastAsk = this.lastAskFill;
    const rewards = this.rewards;
    const terminal = this.terminal;
    const oMidBefore = this.outMidBefore;
    const oMid = this.outMid;
    const oCash = this.outCash;
    const oInv = this.outInventory;
    const oBidPx = this.outBidPrice;
    const oAskPx = this.outAskPrice;
    const oBidFill = this.outBidFill;
    const oAskFill = this.outAskFill;
    const oFees = this.outFees;
    const oPenalty = this.outPenalty;
    const oStep = this.outStepIndex;
    const feePerUnit = this.feePerUnit;
    const feeBps = this.feeBps;
    const toxJump = this.toxJump;
    const toxOnFill = this.toxOnFill;
    const halfGamma = 0.5 * this.gamma;
    const rewardCode = this.rewardCode;
    const phiDt = this.phiDt;
    const alpha = this.terminalPenalty;
    const gamma = this.gamma;
    const w0Arr = this.initialWealth;
    for (let i = 0; i < n; i++) {
      const s = mid[i]!;
      let q = inv[i]!;
      let cash = cashArr[i]!;
      const w0 = cash + q * s;
      const bid = latency.swapBid(i, roundBid(s - depths[2 * i]!, tick));
      const ask = latency.swapAsk(i, roundAsk(s + depths[2 * i + 1]!, tick));

      arrivals.beginStep(i, rng);
      const uBid = rng.uniform(i);
      const uAsk = rng.uniform(i);
      const bidQuoted = bid === bid && q + size <= maxQ;
      const askQuoted = ask === ask && q - size >= -maxQ;
      const bidFill = bidQuoted && arrivals.fills(i, 0, s - bid, uBid) ? size : 0;
      const askFill = askQuoted && arrivals.fills(i, 1, ask - s, uAsk) ? size : 0;
      let fees = 0;
      if (bidFill > 0) {
        fees += fee(feePerUnit, feeBps, bid, bidFill);
        cash -= bid * bidFill;
        q += bidFill;
      }
      if (askFill > 0) {
        fees += fee(feePerUnit, feeBps, ask, askFill);
        cash += ask * askFill;
        q -= askFill;
      }
      cash -= fees;
      let informed = 0;
      if (tox > 0) {
        const uInfBid = rng.uniform(i);
        const uInfAsk = rng.uniform(i);
        if (toxOnFill) {
          if (bidFill > 0 && uInfBid < tox) informed -= 1;
          if (askFill > 0 && uInfAsk < tox) informed += 1;
        } else {
          if (uBid < arrivals.fillProbability(i, 0, 0) && uInfBid < tox) informed -= 1;
          if (uAsk < arrivals.fillProbability(i, 1, 0) && uInfAsk < tox) informed += 1;
        }
      }
      let s1 = price.next(i, s, rng);
      if (informed !== 0) s1 += informed * toxJump;
      arrivals.endStep(i);

      // Reward (RewardConfig); the replay (replay/replay-core.ts) applies the same rule. Kept
      // inline: a shared StepReward method here measured ~25% fewer env-steps/s (bench:env).
      const k = stepIdx[i]! + 1;
      const dW = cash + q * s1 - w0;
      const isLast = k >= last;
      const termPen = isLast ? alpha * q * q : 0;
      let reward: number;
      let penalty = termPen;
      if (rewardCode === 0) {
        const run = phiDt * q * q;
        penalty += run;
        reward = dW - run - termPen;
      } else if (rewardCode === 1) {
        reward = dW - termPen;
      } else if (rewardCode === 3) {
        const ds = s1 - s;
        const run = halfGamma * q * q * ds * ds;
        penalty += run;
        reward = dW - run - termPen;
      } else {
        reward = isLast ? -Math.exp(-gamma * (cash + q * s1 - w0Arr[i]! - termPen)) : 0;
      }

      if (histLen > 0) hist[i * histLen + ((k - 1) % histLen)] = s1 - s;
      mid[i] = s1;
      cashArr[i] = cash;
      inv[i] = q;
      stepIdx[i] = k;
      lastBid[i] = bidFill > 0 ? 1 : 0;
      lastAsk[i] = askFill > 0 ? 1 : 0;
      rewards[i] = reward;
      terminal[i] = isLast ? 1 : 0;
      oMidBefore[i] = s;
      oMid[i] = s1;
      oCash[i] = cash;
      oInv[i] = q;
      oBidPx[i] = bidQuoted ? bid : NaN;
      oAskPx[i] = askQuoted ? ask : NaN;
      oBidFill[i] = bidFill;
      oAskFill[i] = askFill;
      oFees[i] = fees;
      oPenalty[i] = penalty;
      oStep[i] = k;
    }
    latency.advance();
  }

  /** Write every env's current observation into out (N * obsDim, row-major). */
  writeObservations(out: Float32Array): void {
    this.observer.writeObservations(out);
  }

  /** Write env i's current observation into out[offset .. offset + obsDim). */
  writeObservation(i: number, out: Float32Array, offset: number): void {
    this.observer.writeObservation(i, out, offset);
  }
}

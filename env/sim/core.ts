/**
 * The vectorised market simulator: N independent single-asset markets in struct-of-arrays form,
 * stepped together with no allocation per step.
 *
 * One step of env i (Avellaneda & Stoikov 2008 in discrete time, issue #2):
 *  1. the action gives depths (delta_b, delta_a) >= 0; quotes bid = S - delta_b, ask = S + delta_a,
 *     put on the price grid by the tick rule (ticks.ts: away from the mid); with the latency model
 *     (latency.ts: L steps) the quotes acting now are the ones chosen L steps ago;
 *  2. random draws, in this fixed order whatever the actions (common random numbers):
 *     the arrival model's own draws (Hawkes: 2), u_bid, u_ask, [u_informed_bid, u_informed_ask
 *     when toxicity.fraction > 0], then the price model's draws;
 *  3. a side fills one unit iff u_side < p_side(depth) (the arrival model's probability, e.g.
 *     min(1, A e^{-k delta} dt)); a side that would take |q| past Q is not quoted; fills trade at
 *     the quoted price and pay the fee model's maker fee (fees.ts);
 *  4. the mid moves (price model), then informed flow (`ToxicityConfig`) moves it by
 *     `toxicity.jump` against the maker: rule 'fill', a maker fill on a side is informed iff
 *     u_informed_side < fraction (adverse selection: the mid path depends on our fills); rule
 *     'arrival', a market order that arrived on a side (u_side < p_side(0)) is informed iff
 *     u_informed_side < fraction, filled or not (exogenous: the mid path never depends on the policy).
 *     Down after a sell on the bid, up after a buy at the ask;
 *  5. reward on mark-to-mid wealth W = cash + q S: the rule shared with the replay (reward-rule.ts).
 * After `enableFillCounterfactuals()` the step also records, per side, p_side and the reward had the
 * side filled minus had it not (the other side as it happened): the fill control variate's inputs
 * (agents/fill-control-variate.ts). They read no random draw and change nothing else.
 * The models are resolved from the config once per core (`tickRuleFor`, `feeModelFor`,
 * `latencyModelFor`, `rewardRuleFor`) and called in the loop (the latency in a pass before it).
 */
import type { EnvConfig } from '../config.js';
import { episodeSteps } from '../config.js';
import { actionDim, actionsToDepths } from '../action-map.js';
import { BASE_STATE_EXCLUDE, EnvCore } from '../env-core.js';
import { observationLayout } from '../observation.js';
import type { FillCounterfactuals } from '../types.js';
import { createArrivalModel } from './arrivals/index.js';
import { feeModelFor, type FeeModel } from './fees.js';
import { Observer } from './observer.js';
import { delayQuotes, latencyModelFor, type LatencyModel } from './latency.js';
import { createPriceModel } from './price/index.js';
import { rewardRuleFor, type RewardCode, type RewardRule } from './reward-rule.js';
import { StreamRngs } from './rng.js';
import { tickRuleFor, type TickRule } from './ticks.js';
import type { ArrivalModel, PriceModel } from './types.js';

/** The base's non-state names plus the fill counterfactuals (outputs and a switch: checkpoints of before them resume). */
const CORE_STATE_EXCLUDE: ReadonlySet<string> = new Set([...BASE_STATE_EXCLUDE, 'cf']);

export class MarketCore extends EnvCore {
  readonly config: Readonly<EnvConfig>;
  /** Steps per episode, round(T / dt). */
  readonly steps: number;
  readonly obsDim: number;
  readonly actDim: number;
  readonly rng: StreamRngs;
  readonly price: PriceModel;
  readonly arrivals: ArrivalModel;
  readonly latency: LatencyModel;
  /** The config's tick rule, fee model and reward rule (frozen: constants, not state). */
  readonly tickRule: TickRule;
  readonly feeModel: FeeModel;
  readonly rewardRule: RewardRule;

  // ---- state (per env; mid, cash, inventory, stepIndex, initialWealth and the step's outputs: EnvCore) ----
  /** Fills of the previous step (observation 'last-fills'). */
  readonly lastBidFill: Float64Array;
  readonly lastAskFill: Float64Array;
  /** Writes observations; keeps the ring of past mid changes the features need. */
  readonly observer: Observer;

  // ---- constants ----
  private readonly maxQ: number;
  private readonly size: number;
  private readonly toxFraction: number;
  private readonly toxJump: number;
  private readonly toxOnFill: boolean;
  // The models' constants as fields of the core too: a state snapshot records every number field
  // (a checkpoint's rollout-state.json names these), so they stay for older checkpoints to resume.
  private readonly tick: number;
  private readonly feePerUnit: number;
  private readonly feeBps: number;
  private readonly phiDt: number;
  private readonly terminalPenalty: number;
  private readonly rewardCode: RewardCode;
  private readonly gamma: number;
  /** Depths (delta_b, delta_a) of each env's action this step. */
  private readonly depths: Float64Array;
  /** Scratch of a step with latency: each env's quotes (bid, ask) acting now (not state: see BASE_STATE_EXCLUDE). */
  private readonly quotes: Float64Array;
  /** The fill counterfactuals (filled when `on`); not state: excluded from snapshots. */
  private readonly cf: { on: boolean; arrays: FillCounterfactuals };

  constructor(config: Readonly<EnvConfig>, n: number) {
    super(n);
    this.config = config;
    this.steps = episodeSteps(config);
    this.obsDim = observationLayout(config).dim;
    this.actDim = actionDim(config.action);
    this.rng = new StreamRngs(n);
    this.price = createPriceModel(config.price, config.dt, n);
    this.arrivals = createArrivalModel(config.arrivals, config.dt, n);
    this.latency = latencyModelFor(config, n);
    this.tickRule = tickRuleFor(config);
    this.feeModel = feeModelFor(config);
    this.rewardRule = rewardRuleFor(config, this.initialWealth);
    this.maxQ = config.maxInventory;
    this.size = config.orderSize;
    this.toxFraction = config.toxicity.fraction;
    this.toxJump = config.toxicity.jump;
    this.toxOnFill = config.toxicity.rule === 'fill';
    this.tick = this.tickRule.tickSize;
    this.feePerUnit = config.fees.makerPerUnit;
    this.feeBps = config.fees.makerBps;
    this.rewardCode = this.rewardRule.code;
    this.phiDt = this.rewardRule.phiDt;
    this.terminalPenalty = this.rewardRule.terminalPenalty;
    this.gamma = this.rewardRule.gamma;
    this.lastBidFill = new Float64Array(n);
    this.lastAskFill = new Float64Array(n);
    this.depths = new Float64Array(2 * n);
    this.quotes = new Float64Array(2 * n);
    this.cf = { on: false, arrays: { bidProb: new Float64Array(n), askProb: new Float64Array(n), bidReward: new Float64Array(n), askReward: new Float64Array(n) } };
    this.observer = new Observer(config, n, this.steps, this);
    for (let i = 0; i < n; i++) {
      this.rng.seed(i, i);
      this.resetEnv(i);
    }
  }

  protected override get stateExclude(): ReadonlySet<string> {
    return CORE_STATE_EXCLUDE;
  }

  override get fillCounterfactuals(): FillCounterfactuals {
    return this.cf.arrays;
  }

  /** Fill `fillCounterfactuals` on every step from now on (costs two reward evaluations a side). */
  override enableFillCounterfactuals(): boolean {
    this.cf.on = true;
    return true;
  }

  /**
   * The step's reward of env i had the bid filled `b` units and the ask `a` (the fill control
   * variate's counterfactuals): the loop's own arithmetic from the step's start (q0, cash0, w0).
   */
  private rewardWithFills(i: number, q0: number, cash0: number, w0: number, bid: number, ask: number, b: number, a: number, ds: number, s1: number, isLast: boolean): number {
    const fm = this.feeModel;
    const fees = (b > 0 ? fm.maker(bid, b) : 0) + (a > 0 ? fm.maker(ask, a) : 0);
    const q = q0 + b - a;
    const cash = cash0 - bid * b + ask * a - fees;
    return this.rewardRule.reward(q, ds, cash + q * s1, w0, isLast, i);
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
    // Map and check all actions first so a bad one leaves every env untouched.
    actionsToDepths(this.config.action, actions, n, depths);
    // The models, resolved once per core, called per env below. With latency, every env's quotes
    // go through it in a pass before the loop (delayQuotes): the loop's inlining budget (V8 inlines
    // a bounded amount of code into one function) then stays with the market models.
    const ticks = this.tickRule;
    const latency = this.latency;
    const feeModel = this.feeModel;
    const rule = this.rewardRule;
    const lagged = latency.steps > 0;
    const quotes = this.quotes;
    if (lagged) delayQuotes(latency, ticks, n, this.mid, depths, quotes);
    const rng = this.rng;
    const price = this.price;
    const arrivals = this.arrivals;
    const maxQ = this.maxQ + 1e-9;
    const size = this.size;
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
    const toxJump = this.toxJump;
    const toxOnFill = this.toxOnFill;
    const cf = this.cf.on ? this.cf.arrays : null;
    for (let i = 0; i < n; i++) {
      const s = mid[i]!;
      let q = inv[i]!;
      let cash = cashArr[i]!;
      const q0 = q;
      const cash0 = cash;
      const w0 = cash + q * s;
      const bid = lagged ? quotes[2 * i]! : ticks.bid(s - depths[2 * i]!);
      const ask = lagged ? quotes[2 * i + 1]! : ticks.ask(s + depths[2 * i + 1]!);

      arrivals.beginStep(i, rng);
      const uBid = rng.uniform(i);
      const uAsk = rng.uniform(i);
      const bidQuoted = bid === bid && q + size <= maxQ;
      const askQuoted = ask === ask && q - size >= -maxQ;
      const bidFill = bidQuoted && arrivals.fills(i, 0, s - bid, uBid) ? size : 0;
      const askFill = askQuoted && arrivals.fills(i, 1, ask - s, uAsk) ? size : 0;
      if (cf !== null) {
        cf.bidProb[i] = bidQuoted ? arrivals.fillProbability(i, 0, s - bid) : 0;
        cf.askProb[i] = askQuoted ? arrivals.fillProbability(i, 1, ask - s) : 0;
      }
      let fees = 0;
      if (bidFill > 0) {
        fees += feeModel.maker(bid, bidFill);
        cash -= bid * bidFill;
        q += bidFill;
      }
      if (askFill > 0) {
        fees += feeModel.maker(ask, askFill);
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

      const k = stepIdx[i]! + 1;
      const isLast = k >= last;
      const ds = s1 - s;

      if (histLen > 0) hist[i * histLen + ((k - 1) % histLen)] = ds;
      mid[i] = s1;
      cashArr[i] = cash;
      inv[i] = q;
      stepIdx[i] = k;
      lastBid[i] = bidFill > 0 ? 1 : 0;
      lastAsk[i] = askFill > 0 ? 1 : 0;
      // the reward rule the replay (replay/replay-core.ts) applies too
      rewards[i] = rule.reward(q, ds, cash + q * s1, w0, isLast, i);
      if (cf !== null) {
        cf.bidReward[i] = bidQuoted ? this.rewardWithFills(i, q0, cash0, w0, bid, ask, size, askFill, ds, s1, isLast) - this.rewardWithFills(i, q0, cash0, w0, bid, ask, 0, askFill, ds, s1, isLast) : 0;
        cf.askReward[i] = askQuoted ? this.rewardWithFills(i, q0, cash0, w0, bid, ask, bidFill, size, ds, s1, isLast) - this.rewardWithFills(i, q0, cash0, w0, bid, ask, bidFill, 0, ds, s1, isLast) : 0;
      }
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
      oPenalty[i] = rule.penalty(q, ds, isLast);
      oStep[i] = k;
    }
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

/**
 * The replay market for N envs (struct-of-arrays, no allocation per step): each env walks a
 * window of the tape starting at a random time drawn from its seeded stream. Per step of dt
 * seconds: quotes are set around the recorded mid at the step's start (the simulator's tick rule
 * and latency model, sim/ticks.ts and sim/latency.ts), fills come from the fill model
 * (`ReplayFillModel`, replay-fill.ts: per step, step-fills.ts; queue models and latencyMs event by
 * event, replay-events.ts; no quote on a side that would take |q| past Q) with the fee model's
 * fees (sim/fees.ts), the fees are charged, the mid moves to the recorded mid at the step's end,
 * and the reward is the simulator's rule (sim/reward-rule.ts): r = dW - phi q'^2 dt (running
 * penalty), dW - (gamma/2) q'^2 (S' - S)^2 (realized penalty), dW (pnl) or terminal CARA, minus
 * alpha q_T^2 at the end. The models are resolved from the config once per core.
 */
import type { EnvConfig } from '../config.js';
import { actionDim, actionToDepths } from '../action-map.js';
import { referenceSigma } from '../effective-params.js';
import { BASE_STATE_EXCLUDE, EnvCore } from '../env-core.js';
import { FINAL_STEPS, inventoryLevels, observationLayout, writeFinalSteps, writeFinalStepsLevels, writeInventoryLevels } from '../observation.js';
import { feeModelFor, type FeeModel } from '../sim/fees.js';
import { latencyModelFor, type LatencyModel } from '../sim/latency.js';
import { rewardRuleFor, type RewardRule } from '../sim/reward-rule.js';
import { StreamRngs } from '../sim/rng.js';
import { tickRuleFor, type TickRule } from '../sim/ticks.js';
import { orderIndexAfter, quoteIndexAt, type MarketTape } from '../../marketdata/tape/market-tape.js';
import type { FillModelConfig } from './fill-model.js';
import { checkEventFills, ReplayEvents } from './replay-events.js';
import type { ReplayFill, ReplayFillModel, ReplayStepIO } from './replay-fill.js';
import { replayFillModelFor } from './step-fills.js';

export type { ReplayFill } from './replay-fill.js';

const FEATURE_CODES = { inventory: 0, time: 1, 'time-left': 2, 'mid-returns': 3, 'realized-vol': 4, regime: 5, 'last-fills': 6, 'final-steps': 7, 'inventory-levels': 8, 'final-steps-levels': 9 } as const;

/** The tape, the fill config and log, and the fill model (its state, if any, is the event model's: recorded as `events`). */
const REPLAY_STATE_EXCLUDE: ReadonlySet<string> = new Set([...BASE_STATE_EXCLUDE, 'tape', 'fill', 'fills', 'fillModel']);

export class ReplayCore extends EnvCore {
  readonly steps: number;
  readonly obsDim: number;
  readonly actDim: number;
  /** Window of tape times episodes are drawn from: starts in [windowStart, windowEnd - T]. */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly fills: ReplayFill[] | null;

  /** Tape time (s) where each env's current episode started (the other state arrays: EnvCore). */
  readonly start: Float64Array;
  /** Episode counter of each env (0 = first since construction). */
  readonly episode: Int32Array;

  private readonly rng: StreamRngs;
  private readonly latency: LatencyModel;
  /** The config's tick rule, fee model and reward rule (frozen: constants, not state). */
  readonly tickRule: TickRule;
  readonly feeModel: FeeModel;
  readonly rewardRule: RewardRule;
  /** How the quotes fill (`replayFillModelFor`). */
  readonly fillModel: ReplayFillModel;
  /** The step's data for the fill model (frozen: views and scratch, not state). */
  private readonly io: ReplayStepIO;
  /** Scratch of the step: each env's wealth at its start (frozen holder: not state). */
  private readonly scratch: { readonly wealth0: Float64Array };
  private readonly qi: Int32Array;
  private readonly oi: Int32Array;
  private readonly lastBidFill: Uint8Array;
  private readonly lastAskFill: Uint8Array;
  private readonly hist: Float64Array;
  private readonly histLen: number;
  private readonly depths: Float64Array;
  private readonly codes: number[];
  private readonly returnScale: number;
  private readonly volScale: number;
  /**
   * The fill model when it goes event by event (queue models, latencyMs), else null; and the
   * models' constants as fields of the core too: a state snapshot records the event model's state
   * under this name and every number field (a checkpoint's rollout-state.json names these), so
   * they stay for older checkpoints to resume.
   */
  private readonly events: ReplayEvents | null;
  private readonly A: number;
  private readonly k: number;
  private readonly phiDt: number;

  /** The tape, the config and the fill log are data, not state. */
  protected override get stateExclude(): ReadonlySet<string> {
    return REPLAY_STATE_EXCLUDE;
  }

  constructor(
    readonly tape: MarketTape,
    readonly config: Readonly<EnvConfig>,
    readonly fill: Readonly<FillModelConfig>,
    n: number,
    recordFills = false,
  ) {
    super(n);
    this.steps = Math.round(config.horizon / config.dt);
    this.windowStart = tape.startTime;
    this.windowEnd = tape.endTime;
    if (this.windowEnd - this.windowStart < config.horizon) {
      throw new RangeError(
        `replay window is ${(this.windowEnd - this.windowStart).toFixed(1)} s of tape but horizon is ${config.horizon} s: use a shorter horizon or a wider from/to window`,
      );
    }
    if (config.observation.features.includes('regime')) throw new RangeError("observation feature 'regime' is not available in a replay (the tape has no regime)");
    if ((fill.model === 'poisson' || fill.model === 'hybrid') && config.arrivals.kind !== 'exponential') {
      throw new RangeError(`fill model '${fill.model}' needs arrivals.kind 'exponential' (A, k), got '${config.arrivals.kind}'`);
    }
    if (!(fill.hybridWeight >= 0 && fill.hybridWeight <= 1)) throw new RangeError(`hybridWeight must be in [0, 1], got ${fill.hybridWeight}`);
    checkEventFills(tape, config, fill);
    this.A = config.arrivals.kind === 'exponential' ? config.arrivals.A : NaN;
    this.k = config.arrivals.kind === 'exponential' ? config.arrivals.k : NaN;
    this.obsDim = observationLayout(config).dim;
    this.actDim = actionDim(config.action);
    this.codes = config.observation.features.map((f) => FEATURE_CODES[f]);
    this.tickRule = tickRuleFor(config);
    this.feeModel = feeModelFor(config);
    this.rewardRule = rewardRuleFor(config, this.initialWealth);
    this.phiDt = this.rewardRule.phiDt;
    const sigma = referenceSigma(config);
    this.returnScale = sigma > 0 ? 1 / (sigma * Math.sqrt(config.dt)) : 0;
    this.volScale = sigma > 0 ? 1 / sigma : 0;
    this.histLen = Math.max(config.observation.features.includes('mid-returns') ? config.observation.returnsWindow : 0, config.observation.features.includes('realized-vol') ? config.observation.volWindow : 0);
    this.start = new Float64Array(n);
    this.episode = new Int32Array(n).fill(-1);
    this.rng = new StreamRngs(n);
    for (let i = 0; i < n; i++) this.rng.seed(i, i);
    this.latency = latencyModelFor(config, n);
    this.qi = new Int32Array(n);
    this.oi = new Int32Array(n);
    this.lastBidFill = new Uint8Array(n);
    this.lastAskFill = new Uint8Array(n);
    this.hist = new Float64Array(n * Math.max(1, this.histLen));
    this.depths = new Float64Array(2 * n);
    this.fills = recordFills ? [] : null;
    this.fillModel = replayFillModelFor(tape, config, fill, n, this.oi, this.feeModel);
    this.events = this.fillModel instanceof ReplayEvents ? this.fillModel : null;
    const scratch = Object.freeze({ quotes: new Float64Array(2 * n), draws: new Float64Array(4 * n), wealth0: new Float64Array(n) });
    this.scratch = scratch;
    this.io = Object.freeze({
      n,
      dt: config.dt,
      start: this.start,
      stepIndex: this.stepIndex,
      episode: this.episode,
      mid: this.mid,
      quotes: scratch.quotes,
      draws: scratch.draws,
      cash: this.cash,
      inventory: this.inventory,
      bidFill: this.outBidFill,
      askFill: this.outAskFill,
      fees: this.outFees,
      bidPrice: this.outBidPrice,
      askPrice: this.outAskPrice,
    });
  }

  seedEnv(i: number, seed: number): void {
    this.rng.seed(i, seed);
  }

  private midAtIndex(q: number): number {
    return ((this.tape.bid[q] as number) + (this.tape.ask[q] as number)) / 2;
  }

  /** New episode for env i: a random start in the window (one uniform from its stream). */
  resetEnv(i: number, initialInventory = this.config.initialInventory): void {
    const c = this.config;
    const span = this.windowEnd - this.windowStart - c.horizon;
    const t0 = this.windowStart + this.rng.uniform(i) * span;
    this.start[i] = t0;
    this.qi[i] = Math.max(0, quoteIndexAt(this.tape, t0));
    this.oi[i] = orderIndexAfter(this.tape, t0);
    const s = this.midAtIndex(this.qi[i] as number);
    this.mid[i] = s;
    this.cash[i] = c.initialCash;
    this.inventory[i] = initialInventory;
    this.initialWealth[i] = c.initialCash + initialInventory * s;
    this.stepIndex[i] = 0;
    this.episode[i]! += 1;
    this.lastBidFill[i] = 0;
    this.lastAskFill[i] = 0;
    if (this.histLen > 0) this.hist.fill(0, i * this.histLen, (i + 1) * this.histLen);
    this.latency.reset(i);
    this.fillModel.reset(i, t0);
  }

  /** Step every env (envs at the horizon must have been reset). Bad actions throw before any change. */
  step(actions: ArrayLike<number>): void {
    const n = this.n;
    const ad = this.actDim;
    if (actions.length !== n * ad) throw new RangeError(`actions must hold numEnvs * actDim = ${n} * ${ad} = ${n * ad} values, got ${actions.length}`);
    const c = this.config;
    for (let i = 0; i < n; i++) actionToDepths(c.action, actions, i * ad, this.depths, 2 * i, n > 1 ? i : -1);
    this.quoteAndDraw();
    // every env's fills, into cash, inventory and the step's fill outputs
    this.fillModel.step(this.io, this.fills);
    this.settle();
  }

  /** Every env's quotes acting now, its four uniforms and its wealth at the step's start (one pass). */
  private quoteAndDraw(): void {
    const ticks = this.tickRule;
    const latency = this.latency;
    const rng = this.rng;
    const { quotes, draws } = this.io;
    const w0 = this.scratch.wealth0;
    const mid = this.mid;
    const depths = this.depths;
    const cash = this.cash;
    const inv = this.inventory;
    for (let i = 0; i < this.n; i++) {
      const s = mid[i] as number;
      w0[i] = (cash[i] as number) + (inv[i] as number) * s;
      quotes[2 * i] = latency.swapBid(i, ticks.bid(s - (depths[2 * i] as number)));
      quotes[2 * i + 1] = latency.swapAsk(i, ticks.ask(s + (depths[2 * i + 1] as number)));
      draws[4 * i] = rng.uniform(i);
      draws[4 * i + 1] = rng.uniform(i);
      draws[4 * i + 2] = rng.uniform(i);
      draws[4 * i + 3] = rng.uniform(i);
    }
    latency.advance();
  }

  /** After the fills: every env's fees off its cash, the mid to the recorded one at the step's end, the reward (one pass). */
  private settle(): void {
    const QT = this.tape.quoteTime;
    const nq = QT.length;
    const dt = this.config.dt;
    const rule = this.rewardRule;
    const w0 = this.scratch.wealth0;
    const cashArr = this.cash;
    const inv = this.inventory;
    for (let i = 0; i < this.n; i++) {
      const k0 = this.stepIndex[i] as number;
      const t1 = (this.start[i] as number) + (k0 + 1) * dt;
      const s = this.mid[i] as number;
      const cash = (cashArr[i] as number) - (this.outFees[i] as number);
      const q = inv[i] as number;
      // the recorded mid at the step's end
      let qi = this.qi[i] as number;
      while (qi + 1 < nq && (QT[qi + 1] as number) <= t1) qi++;
      this.qi[i] = qi;
      const s1 = this.midAtIndex(qi);

      const k = k0 + 1;
      const isLast = k >= this.steps;
      const ds = s1 - s;
      if (this.histLen > 0) this.hist[i * this.histLen + ((k - 1) % this.histLen)] = ds;
      this.mid[i] = s1;
      cashArr[i] = cash;
      this.stepIndex[i] = k;
      this.lastBidFill[i] = (this.outBidFill[i] as number) > 0 ? 1 : 0;
      this.lastAskFill[i] = (this.outAskFill[i] as number) > 0 ? 1 : 0;
      // the simulator's reward rule (sim/reward-rule.ts)
      this.rewards[i] = rule.reward(q, ds, cash + q * s1, w0[i] as number, isLast, i);
      this.terminal[i] = isLast ? 1 : 0;
      this.outMidBefore[i] = s;
      this.outMid[i] = s1;
      this.outCash[i] = cash;
      this.outInventory[i] = q;
      this.outPenalty[i] = rule.penalty(q, ds, isLast);
      this.outStepIndex[i] = k;
    }
  }

  /** Env i's observation (layout of env/observation.ts) into out[offset ..]. */
  writeObservation(i: number, out: Float32Array, offset: number): void {
    const c = this.config;
    let o = offset;
    const k = this.stepIndex[i] as number;
    const H = this.histLen;
    for (const code of this.codes) {
      if (code === 0) out[o++] = (this.inventory[i] as number) / c.maxInventory;
      else if (code === 1) out[o++] = k / this.steps;
      else if (code === 2) out[o++] = 1 - k / this.steps;
      else if (code === 3) {
        for (let j = 0; j < c.observation.returnsWindow; j++) out[o++] = j < k ? (this.hist[i * H + ((k - 1 - j) % H)] as number) * this.returnScale : 0;
      } else if (code === 4) {
        const m = Math.min(k, c.observation.volWindow);
        let ss = 0;
        for (let j = 0; j < m; j++) ss += (this.hist[i * H + ((k - 1 - j) % H)] as number) ** 2;
        out[o++] = m > 0 ? Math.sqrt(ss / (m * c.dt)) * this.volScale : 0;
      } else if (code === 6) {
        out[o++] = this.lastBidFill[i] as number;
        out[o++] = this.lastAskFill[i] as number;
      } else if (code === 7) {
        writeFinalSteps(out, o, k, this.steps);
        o += FINAL_STEPS;
      } else if (code === 8) {
        const L = inventoryLevels(c);
        writeInventoryLevels(out, o, this.inventory[i] as number, L, c.orderSize);
        o += 2 * L + 1;
      } else if (code === 9) {
        const L = inventoryLevels(c);
        writeFinalStepsLevels(out, o, k, this.steps, this.inventory[i] as number, L, c.orderSize);
        o += FINAL_STEPS * (2 * L + 1);
      }
    }
  }

  writeObservations(out: Float32Array): void {
    for (let i = 0; i < this.n; i++) this.writeObservation(i, out, i * this.obsDim);
  }
}

/**
 * The replay market for N envs (struct-of-arrays, no allocation per step): each env walks a
 * window of the tape starting at a random time drawn from its seeded stream. Per step of dt
 * seconds: quotes are set around the recorded mid at the step's start (tick rounding away from
 * the mid, latency delaying prices, no quote on a side that would take |q| past Q), fills come
 * from the fill model (queue models and latencyMs: event by event, replay-events.ts), fees are
 * charged, the mid moves to the recorded mid at the step's end,
 * and the reward is the simulator's (env/sim/core.ts): r = dW - phi q'^2 dt (running penalty),
 * dW - (gamma/2) q'^2 (S' - S)^2 (realized penalty),
 * dW (pnl) or terminal CARA, minus alpha q_T^2 at the end.
 */
import type { EnvConfig } from '../config.js';
import { actionDim, actionToDepths } from '../action-map.js';
import { effectivePhi, referenceSigma } from '../effective-params.js';
import { BASE_STATE_EXCLUDE, EnvCore } from '../env-core.js';
import { observationLayout } from '../observation.js';
import { ConstantLatency } from '../sim/latency.js';
import { makerFee } from '../sim/fees.js';
import { StreamRngs } from '../sim/rng.js';
import { roundAskToTick, roundBidToTick } from '../sim/ticks.js';
import { orderIndexAfter, quoteIndexAt, type MarketTape } from '../../marketdata/tape/market-tape.js';
import { crossesAsk, crossesBid, isQueueModel, poissonFillProbability, type FillModelConfig } from './fill-model.js';
import { checkEventFills, ReplayEvents } from './replay-events.js';
import type { ReplayFill } from './replay-fill.js';

export type { ReplayFill } from './replay-fill.js';

const FEATURE_CODES = { inventory: 0, time: 1, 'time-left': 2, 'mid-returns': 3, 'realized-vol': 4, regime: 5, 'last-fills': 6 } as const;

const REPLAY_STATE_EXCLUDE: ReadonlySet<string> = new Set([...BASE_STATE_EXCLUDE, 'tape', 'fill', 'fills']);

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
  private readonly latency: ConstantLatency;
  private readonly qi: Int32Array;
  private readonly oi: Int32Array;
  private readonly lastBidFill: Uint8Array;
  private readonly lastAskFill: Uint8Array;
  private readonly hist: Float64Array;
  private readonly histLen: number;
  private readonly depths: Float64Array;
  private readonly codes: number[];
  private readonly A: number;
  private readonly k: number;
  private readonly phiDt: number;
  private readonly returnScale: number;
  private readonly volScale: number;
  /** Event-by-event fills (queue models, latencyMs); null: the per-step rules below. */
  private readonly events: ReplayEvents | null;

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
    this.phiDt = config.reward.kind === 'running-penalty' ? effectivePhi(config) * config.dt : 0;
    const sigma = referenceSigma(config);
    this.returnScale = sigma > 0 ? 1 / (sigma * Math.sqrt(config.dt)) : 0;
    this.volScale = sigma > 0 ? 1 / sigma : 0;
    this.histLen = Math.max(config.observation.features.includes('mid-returns') ? config.observation.returnsWindow : 0, config.observation.features.includes('realized-vol') ? config.observation.volWindow : 0);
    this.start = new Float64Array(n);
    this.episode = new Int32Array(n).fill(-1);
    this.rng = new StreamRngs(n);
    for (let i = 0; i < n; i++) this.rng.seed(i, i);
    this.latency = new ConstantLatency(n, config.latencySteps);
    this.qi = new Int32Array(n);
    this.oi = new Int32Array(n);
    this.lastBidFill = new Uint8Array(n);
    this.lastAskFill = new Uint8Array(n);
    this.hist = new Float64Array(n * Math.max(1, this.histLen));
    this.depths = new Float64Array(2 * n);
    this.fills = recordFills ? [] : null;
    this.events = isQueueModel(fill.model) || fill.latencyMs > 0 ? new ReplayEvents(tape, config, fill, n, this.oi) : null;
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
    this.events?.reset(i, t0);
  }

  /** Step every env (envs at the horizon must have been reset). Bad actions throw before any change. */
  step(actions: ArrayLike<number>): void {
    const n = this.n;
    const ad = this.actDim;
    if (actions.length !== n * ad) throw new RangeError(`actions must hold numEnvs * actDim = ${n} * ${ad} = ${n * ad} values, got ${actions.length}`);
    const c = this.config;
    for (let i = 0; i < n; i++) actionToDepths(c.action, actions, i * ad, this.depths, 2 * i, n > 1 ? i : -1);
    const tape = this.tape;
    const QT = tape.quoteTime;
    const OT = tape.orderTime;
    const nq = QT.length;
    const no = OT.length;
    const dt = c.dt;
    const size = c.orderSize;
    const maxQ = c.maxInventory + 1e-9;
    const strict = this.fill.cross === 'strict';
    const model = this.fill.model;
    const w = this.fill.hybridWeight;
    const ev = this.events;
    for (let i = 0; i < n; i++) {
      const k0 = this.stepIndex[i] as number;
      const t1 = (this.start[i] as number) + (k0 + 1) * dt;
      const s = this.mid[i] as number;
      let q = this.inventory[i] as number;
      let cash = this.cash[i] as number;
      const w0 = cash + q * s;
      const bid = this.latency.swapBid(i, roundBidToTick(s - (this.depths[2 * i] as number), c.tickSize));
      const ask = this.latency.swapAsk(i, roundAskToTick(s + (this.depths[2 * i + 1] as number), c.tickSize));
      const uB = this.rng.uniform(i);
      const uA = this.rng.uniform(i);
      const mB = this.rng.uniform(i);
      const mA = this.rng.uniform(i);
      let bidFill: number;
      let askFill: number;
      let fees = 0;
      let bidOut: number;
      let askOut: number;
      if (ev === null) {
        const bidQuoted = bid === bid && q + size <= maxQ;
        const askQuoted = ask === ask && q - size >= -maxQ;
        // recorded market orders in (t0, t1]
        let crossB = false;
        let crossA = false;
        let o = this.oi[i] as number;
        while (o < no && (OT[o] as number) <= t1) {
          const p = tape.orderPrice[o] as number;
          if (tape.orderSide[o] === -1) {
            if (bidQuoted && crossesBid(p, bid, strict)) crossB = true;
          } else if (askQuoted && crossesAsk(p, ask, strict)) crossA = true;
          o++;
        }
        this.oi[i] = o;
        let fillB = crossB;
        let fillA = crossA;
        if (model !== 'trade-cross') {
          const pB = bidQuoted && uB < poissonFillProbability(this.A, this.k, s - bid, dt);
          const pA = askQuoted && uA < poissonFillProbability(this.A, this.k, ask - s, dt);
          fillB = model === 'poisson' || mB < w ? pB : crossB;
          fillA = model === 'poisson' || mA < w ? pA : crossA;
        }
        bidFill = fillB ? size : 0;
        askFill = fillA ? size : 0;
        if (bidFill > 0) {
          const fee = makerFee(c.fees.makerPerUnit, c.fees.makerBps, bid, bidFill);
          fees += fee;
          cash -= bid * bidFill;
          q += bidFill;
          this.fills?.push({ env: i, episode: this.episode[i] as number, step: k0 + 1, time: t1, side: 1, price: bid, size: bidFill, fee });
        }
        if (askFill > 0) {
          const fee = makerFee(c.fees.makerPerUnit, c.fees.makerBps, ask, askFill);
          fees += fee;
          cash += ask * askFill;
          q -= askFill;
          this.fills?.push({ env: i, episode: this.episode[i] as number, step: k0 + 1, time: t1, side: -1, price: ask, size: askFill, fee });
        }
        bidOut = bidQuoted ? bid : NaN;
        askOut = askQuoted ? ask : NaN;
      } else {
        const r = ev.step(i, (this.start[i] as number) + k0 * dt, t1, q, bid, ask, this.fills, this.episode[i] as number, k0 + 1);
        bidFill = r.bidQty;
        askFill = r.askQty;
        fees = r.fees;
        cash += r.cashFlow;
        q += bidFill - askFill;
        bidOut = r.bidPrice;
        askOut = r.askPrice;
      }
      cash -= fees;
      // the recorded mid at the step's end
      let qi = this.qi[i] as number;
      while (qi + 1 < nq && (QT[qi + 1] as number) <= t1) qi++;
      this.qi[i] = qi;
      const s1 = this.midAtIndex(qi);

      const k = k0 + 1;
      const isLast = k >= this.steps;
      const dW = cash + q * s1 - w0;
      const termPen = isLast ? c.reward.terminalPenalty * q * q : 0;
      let penalty = termPen;
      let reward: number;
      if (c.reward.kind === 'running-penalty') {
        const run = this.phiDt * q * q;
        penalty += run;
        reward = dW - run - termPen;
      } else if (c.reward.kind === 'pnl') {
        reward = dW - termPen;
      } else if (c.reward.kind === 'realized-penalty') {
        const ds = s1 - s;
        const run = 0.5 * c.gamma * q * q * ds * ds;
        penalty += run;
        reward = dW - run - termPen;
      } else {
        reward = isLast ? -Math.exp(-c.gamma * (cash + q * s1 - (this.initialWealth[i] as number) - termPen)) : 0;
      }
      if (this.histLen > 0) this.hist[i * this.histLen + ((k - 1) % this.histLen)] = s1 - s;
      this.mid[i] = s1;
      this.cash[i] = cash;
      this.inventory[i] = q;
      this.stepIndex[i] = k;
      this.lastBidFill[i] = bidFill > 0 ? 1 : 0;
      this.lastAskFill[i] = askFill > 0 ? 1 : 0;
      this.rewards[i] = reward;
      this.terminal[i] = isLast ? 1 : 0;
      this.outMidBefore[i] = s;
      this.outMid[i] = s1;
      this.outCash[i] = cash;
      this.outInventory[i] = q;
      this.outBidPrice[i] = bidOut;
      this.outAskPrice[i] = askOut;
      this.outBidFill[i] = bidFill;
      this.outAskFill[i] = askFill;
      this.outFees[i] = fees;
      this.outPenalty[i] = penalty;
      this.outStepIndex[i] = k;
    }
    this.latency.advance();
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
      }
    }
  }

  writeObservations(out: Float32Array): void {
    for (let i = 0; i < this.n; i++) this.writeObservation(i, out, i * this.obsDim);
  }
}

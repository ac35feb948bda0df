/**
 * The replay's per-step fill models (fill-model.ts: 'trade-cross', 'poisson', 'hybrid'), each a
 * `ReplayFillModel` (replay-fill.ts), and `replayFillModelFor`, the choice among all of them by
 * the fill config (the queue models and order-entry latency in tape time go event by event:
 * `ReplayEvents`, replay-events.ts).
 *
 * Per step, on the quotes resting for the whole step: a side is quoted unless its fill would take
 * |q| past Q; at most one fill of `orderSize` per side, at our price, paying the fee model's maker
 * fee. Every model walks the env's recorded market orders in (t0, t1] (the core's order cursor
 * `oi`, shared with the event path), so the cursor is the same whatever the model. One loop over
 * the envs per vector step (`StepFills.step`), the model's rule per env (`decide`).
 * - TradeCrossFills: a recorded market order whose furthest price reaches our quote fills it
 *   (`cross` 'touch' or 'strict').
 * - PoissonFills: the calibrated model, fill iff u < min(1, A exp(-k delta) dt), delta the
 *   quote's distance from the mid at the step's start (u = uB, uA).
 * - HybridFills: per side, the Poisson rule decides iff m < hybridWeight (m = mB, mA), the tape
 *   otherwise.
 */
import type { EnvConfig } from '../config.js';
import { feeModelFor, type FeeModel } from '../sim/fees.js';
import type { MarketTape } from '../../marketdata/tape/market-tape.js';
import { crossesAsk, crossesBid, isQueueModel, poissonFillProbability, type FillModelConfig, type FillModelName } from './fill-model.js';
import { ReplayEvents } from './replay-events.js';
import type { ReplayFill, ReplayFillModel, ReplayStepIO } from './replay-fill.js';

/** Bits of `decide`'s answer: the bid filled, the ask filled. */
const BID = 1;
const ASK = 2;

/** What the per-step models share: the quotes' bounds, the order walk and the settlement of fills. */
abstract class StepFills implements ReplayFillModel {
  abstract readonly name: FillModelName;
  protected readonly fees: FeeModel;
  protected readonly size: number;
  protected readonly maxQ: number;
  protected readonly strict: boolean;
  /** The tape's market orders: time, furthest price, side (-1 a sell hitting bids). */
  protected readonly orderTime: Float64Array;
  protected readonly orderPrice: Float64Array;
  protected readonly orderSide: Int8Array;

  constructor(
    tape: MarketTape,
    config: Readonly<EnvConfig>,
    fill: Readonly<FillModelConfig>,
    /** The core's per-env index of the next market order (advanced here). */
    protected readonly oi: Int32Array,
    fees: FeeModel = feeModelFor(config),
  ) {
    this.fees = fees;
    this.size = config.orderSize;
    this.maxQ = config.maxInventory + 1e-9;
    this.strict = fill.cross === 'strict';
    this.orderTime = tape.orderTime;
    this.orderPrice = tape.orderPrice;
    this.orderSide = tape.orderSide;
  }

  /** Nothing of its own to reset: the core puts the order cursor at the episode's start. */
  reset(): void {}

  /**
   * Which sides of env i fill (BID | ASK bits), given its quotes and which are quoted (its mid and
   * uniforms in `io`, read by the models that use them); advances its order cursor past t1.
   */
  protected abstract decide(i: number, t1: number, bid: number, ask: number, bidQuoted: boolean, askQuoted: boolean, io: ReplayStepIO): number;

  /** Walk env i's recorded market orders up to t1: which quoted sides one reached (BID | ASK bits). */
  protected crossings(i: number, t1: number, bid: number, ask: number, bidQuoted: boolean, askQuoted: boolean): number {
    const OT = this.orderTime;
    const OP = this.orderPrice;
    const OS = this.orderSide;
    const no = OT.length;
    const strict = this.strict;
    let crossB = false;
    let crossA = false;
    let o = this.oi[i] as number;
    while (o < no && (OT[o] as number) <= t1) {
      const p = OP[o] as number;
      if (OS[o] === -1) {
        if (bidQuoted && crossesBid(p, bid, strict)) crossB = true;
      } else if (askQuoted && crossesAsk(p, ask, strict)) crossA = true;
      o++;
    }
    this.oi[i] = o;
    return (crossB ? BID : 0) | (crossA ? ASK : 0);
  }

  step(io: ReplayStepIO, log: ReplayFill[] | null): void {
    const size = this.size;
    const maxQ = this.maxQ;
    const fees = this.fees;
    const n = io.n;
    const dt = io.dt;
    const start = io.start;
    const stepIndex = io.stepIndex;
    const quotes = io.quotes;
    const cash = io.cash;
    const inv = io.inventory;
    const bidFills = io.bidFill;
    const askFills = io.askFill;
    const feesOut = io.fees;
    const bidPrice = io.bidPrice;
    const askPrice = io.askPrice;
    for (let i = 0; i < n; i++) {
      const k0 = stepIndex[i] as number;
      const t1 = (start[i] as number) + (k0 + 1) * dt;
      const bid = quotes[2 * i] as number;
      const ask = quotes[2 * i + 1] as number;
      let q = inv[i] as number;
      let c = cash[i] as number;
      const bidQuoted = bid === bid && q + size <= maxQ;
      const askQuoted = ask === ask && q - size >= -maxQ;
      const filled = this.decide(i, t1, bid, ask, bidQuoted, askQuoted, io);
      const bidFill = (filled & BID) !== 0 ? size : 0;
      const askFill = (filled & ASK) !== 0 ? size : 0;
      let f = 0;
      if (bidFill > 0) {
        const fee = fees.maker(bid, bidFill);
        f += fee;
        c -= bid * bidFill;
        q += bidFill;
        log?.push({ env: i, episode: io.episode[i] as number, step: k0 + 1, time: t1, side: 1, price: bid, size: bidFill, fee });
      }
      if (askFill > 0) {
        const fee = fees.maker(ask, askFill);
        f += fee;
        c += ask * askFill;
        q -= askFill;
        log?.push({ env: i, episode: io.episode[i] as number, step: k0 + 1, time: t1, side: -1, price: ask, size: askFill, fee });
      }
      cash[i] = c;
      inv[i] = q;
      bidFills[i] = bidFill;
      askFills[i] = askFill;
      feesOut[i] = f;
      bidPrice[i] = bidQuoted ? bid : NaN;
      askPrice[i] = askQuoted ? ask : NaN;
    }
  }
}

/** A recorded market order reaching our quote fills it. */
export class TradeCrossFills extends StepFills {
  readonly name = 'trade-cross';

  protected decide(i: number, t1: number, bid: number, ask: number, bidQuoted: boolean, askQuoted: boolean): number {
    return this.crossings(i, t1, bid, ask, bidQuoted, askQuoted);
  }
}

/** The calibrated Poisson fills min(1, A exp(-k delta) dt) (A, k: the config's exponential arrivals). */
export class PoissonFills extends StepFills {
  readonly name: 'poisson' | 'hybrid' = 'poisson';
  protected readonly A: number;
  protected readonly k: number;
  protected readonly dt: number;

  constructor(tape: MarketTape, config: Readonly<EnvConfig>, fill: Readonly<FillModelConfig>, oi: Int32Array, fees?: FeeModel) {
    super(tape, config, fill, oi, fees);
    if (config.arrivals.kind !== 'exponential') throw new RangeError(`fill model '${fill.model}' needs arrivals.kind 'exponential' (A, k), got '${config.arrivals.kind}'`);
    this.A = config.arrivals.A;
    this.k = config.arrivals.k;
    this.dt = config.dt;
  }

  protected decide(i: number, t1: number, bid: number, ask: number, bidQuoted: boolean, askQuoted: boolean, io: ReplayStepIO): number {
    // the tape plays no part, but the order cursor moves on as with every model
    const OT = this.orderTime;
    let o = this.oi[i] as number;
    while (o < OT.length && (OT[o] as number) <= t1) o++;
    this.oi[i] = o;
    const s = io.mid[i] as number;
    const pB = bidQuoted && (io.draws[4 * i] as number) < poissonFillProbability(this.A, this.k, s - bid, this.dt);
    const pA = askQuoted && (io.draws[4 * i + 1] as number) < poissonFillProbability(this.A, this.k, ask - s, this.dt);
    return (pB ? BID : 0) | (pA ? ASK : 0);
  }
}

/** Per side, the Poisson rule with probability `hybridWeight`, the tape otherwise. */
export class HybridFills extends PoissonFills {
  override readonly name = 'hybrid';
  private readonly weight: number;

  constructor(tape: MarketTape, config: Readonly<EnvConfig>, fill: Readonly<FillModelConfig>, oi: Int32Array, fees?: FeeModel) {
    super(tape, config, fill, oi, fees);
    this.weight = fill.hybridWeight;
  }

  protected override decide(i: number, t1: number, bid: number, ask: number, bidQuoted: boolean, askQuoted: boolean, io: ReplayStepIO): number {
    const cross = this.crossings(i, t1, bid, ask, bidQuoted, askQuoted);
    const w = this.weight;
    const s = io.mid[i] as number;
    const d = io.draws;
    // the Poisson probability only for a side it decides (a pure function: nothing else changes)
    const b = (d[4 * i + 2] as number) < w ? bidQuoted && (d[4 * i] as number) < poissonFillProbability(this.A, this.k, s - bid, this.dt) : (cross & BID) !== 0;
    const a = (d[4 * i + 3] as number) < w ? askQuoted && (d[4 * i + 1] as number) < poissonFillProbability(this.A, this.k, ask - s, this.dt) : (cross & ASK) !== 0;
    return (b ? BID : 0) | (a ? ASK : 0);
  }
}

/**
 * The fill model of a replay core of `n` envs: event by event (`ReplayEvents`) for the queue
 * models and for `latencyMs` > 0, else the per-step model named by `fill.model`. `oi` is the
 * core's per-env order cursor, which the model advances; `fees` the core's fee model.
 */
export function replayFillModelFor(tape: MarketTape, config: Readonly<EnvConfig>, fill: Readonly<FillModelConfig>, n: number, oi: Int32Array, fees: FeeModel = feeModelFor(config)): ReplayFillModel {
  if (isQueueModel(fill.model) || fill.latencyMs > 0) return new ReplayEvents(tape, config, fill, n, oi, fees);
  if (fill.model === 'poisson') return new PoissonFills(tape, config, fill, oi, fees);
  if (fill.model === 'hybrid') return new HybridFills(tape, config, fill, oi, fees);
  return new TradeCrossFills(tape, config, fill, oi, fees);
}

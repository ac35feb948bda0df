/**
 * Tape-driven fills event by event, for the replay's queue models and for order-entry latency in
 * tape time (`latencyMs`): within each step, the env's recorded market orders, depth updates
 * (best levels with sizes) and the activation of its pending quotes are taken in time order —
 * trades before the depth update at the same instant (the tape's convention: a trade comes before
 * the book change it caused), and both before a quote activating at that instant (a quote live
 * from t sees the events after t).
 *
 * - Latency: the quote decided at the step's start t0 rests from t0 + latencyMs / 1000 on; until
 *   then the previous one does (none right after a reset). Pending quotes wait in a ring per env
 *   (any latency, also longer than a step).
 * - 'trade-cross' (with latencyMs): the rule of fill-model.ts applied to the quote resting when
 *   each order comes; at most one fill of `orderSize` per side per step, no quote on a side that
 *   would take |q| past Q at the step's start (as without latency).
 * - Queue models (queue-model.ts): orders of min(orderSize, whole lots to the inventory bound
 *   when the quote activates); fills of whole lots, never past the bound. The lot is 1 unit for an
 *   integer orderSize (an order of 5 can fill 1, 2, .. 5) and orderSize itself otherwise (an
 *   order of 0.001 BTC fills whole or not at all): `fillLot`.
 * Fills are at our quote's price with the fee model's maker fee; the fill log records them at the
 * step's end. No allocation per step (struct-of-arrays, one result object reused). `ReplayEvents`
 * is the `ReplayFillModel` (replay-fill.ts) of these configs (`replayFillModelFor`, step-fills.ts).
 */
import type { EnvConfig } from '../config.js';
import { feeModelFor, type FeeModel } from '../sim/fees.js';
import { depthIndexAt, type MarketTape, type TapeDepth } from '../../marketdata/tape/market-tape.js';
import { crossesAsk, crossesBid, isQueueModel, type FillModelConfig, type FillModelName } from './fill-model.js';
import { QUEUE_FUNCS, QueueBook } from './queue-model.js';
import type { ReplayFill, ReplayFillModel, ReplayStepIO } from './replay-fill.js';

/** What one env's step did (reused between calls: copy what you keep). */
export interface EventStepResult {
  bidQty: number;
  askQty: number;
  /** Cash from fills before fees (sold minus bought). */
  cashFlow: number;
  fees: number;
  /** The quotes resting at the step's end (NaN: none). */
  bidPrice: number;
  askPrice: number;
}

/** Refuse what the event-by-event fills cannot do, naming the setting, what is allowed and what was given. */
export function checkEventFills(tape: MarketTape, config: Readonly<EnvConfig>, fill: Readonly<FillModelConfig>): void {
  const L = fill.latencyMs;
  if (!(L >= 0 && L < Infinity)) throw new RangeError(`latencyMs must be a number >= 0 (tape milliseconds), got ${L}`);
  if (!(L / 1000 < config.horizon)) throw new RangeError(`latencyMs must be below the horizon (${config.horizon * 1000} ms: no quote would ever rest), got ${L}`);
  if (L > 0 && config.latencySteps > 0) {
    throw new RangeError(`latency is given twice: latencySteps=${config.latencySteps} (steps) and latencyMs=${L} (tape milliseconds); give one (the other 0)`);
  }
  if (L > 0 && (fill.model === 'poisson' || fill.model === 'hybrid')) {
    throw new RangeError(`latencyMs needs a tape-driven fill model (trade-cross, risk-averse-queue, prob-queue), got '${fill.model}' (a per-step probability has no instant to delay: use latencySteps)`);
  }
  if (!isQueueModel(fill.model)) return;
  if (tape.depth === null || tape.depth.time.length === 0) {
    throw new RangeError(`fill model '${fill.model}' needs the best bid and ask sizes, but tape '${tape.name}' (${tape.source}) has none (candles, or an L1 file without bid_size/ask_size columns): use fill=trade-cross, poisson or hybrid, or a source with sizes`);
  }
  if (!QUEUE_FUNCS.includes(fill.queueFunc)) throw new RangeError(`queueFunc must be one of ${QUEUE_FUNCS.join(', ')}, got ${JSON.stringify(fill.queueFunc)}`);
  if (!(fill.queuePower > 0 && fill.queuePower <= 100)) throw new RangeError(`queuePower must be a number in (0, 100], got ${fill.queuePower}`);
}

/** The smallest quantity a queue fill moves: 1 unit for an integer orderSize, else the order itself (a lot such as 0.001 BTC). */
export function fillLot(orderSize: number): number {
  return Number.isInteger(orderSize) ? 1 : orderSize;
}

/** The largest whole number of lots in x (x >= 0 up to round-off; 1e-9 of a lot absorbs it). */
function wholeLots(x: number, lot: number): number {
  return lot === 1 ? Math.floor(x + 1e-9) : lot * Math.floor(x / lot + 1e-9);
}

const EMPTY_DEPTH: TapeDepth = { time: new Float64Array(0), bid: new Float64Array(0), bidSize: new Float64Array(0), ask: new Float64Array(0), askSize: new Float64Array(0) };

export class ReplayEvents implements ReplayFillModel {
  readonly name: FillModelName;
  readonly book: QueueBook;
  readonly queue: boolean;
  /** Latency in tape seconds. */
  readonly latency: number;
  private readonly di: Int32Array;
  private readonly ring: number;
  private readonly pBid: Float64Array;
  private readonly pAsk: Float64Array;
  private readonly pTime: Float64Array;
  private readonly pHead: Int32Array;
  private readonly pCount: Int32Array;
  private readonly out: EventStepResult = { bidQty: 0, askQty: 0, cashFlow: 0, fees: 0, bidPrice: NaN, askPrice: NaN };
  /** The config's fee model (frozen: not state). */
  private readonly fees: FeeModel;

  /** `oi`: the core's per-env index of the next market order (shared, advanced here). */
  constructor(
    readonly tape: MarketTape,
    readonly config: Readonly<EnvConfig>,
    readonly fill: Readonly<FillModelConfig>,
    n: number,
    private readonly oi: Int32Array,
    fees: FeeModel = feeModelFor(config),
  ) {
    this.name = fill.model;
    this.fees = fees;
    this.queue = isQueueModel(fill.model);
    this.book = new QueueBook(n, fill.model === 'prob-queue', fill.queueFunc, fill.queuePower);
    this.latency = fill.latencyMs / 1000;
    this.di = new Int32Array(n);
    this.ring = Math.ceil(this.latency / config.dt) + 2;
    this.pBid = new Float64Array(n * this.ring);
    this.pAsk = new Float64Array(n * this.ring);
    this.pTime = new Float64Array(n * this.ring);
    this.pHead = new Int32Array(n);
    this.pCount = new Int32Array(n);
  }

  /** A new episode of env i from tape time t0: no order resting, none pending. */
  reset(i: number, t0: number): void {
    this.di[i] = this.queue ? Math.max(0, depthIndexAt(this.tape, t0)) : 0;
    this.pHead[i] = 0;
    this.pCount[i] = 0;
    this.book.clear(i);
  }

  /** Every env's step (`ReplayFillModel`; the mid and the uniforms play no part here). */
  step(io: ReplayStepIO, log: ReplayFill[] | null): void {
    const dt = io.dt;
    for (let i = 0; i < io.n; i++) {
      const k0 = io.stepIndex[i] as number;
      const t0 = io.start[i] as number;
      const q = io.inventory[i] as number;
      const r = this.stepEnv(i, t0 + k0 * dt, t0 + (k0 + 1) * dt, q, io.quotes[2 * i] as number, io.quotes[2 * i + 1] as number, log, io.episode[i] as number, k0 + 1);
      io.cash[i] = (io.cash[i] as number) + r.cashFlow;
      io.inventory[i] = q + (r.bidQty - r.askQty);
      io.bidFill[i] = r.bidQty;
      io.askFill[i] = r.askQty;
      io.fees[i] = r.fees;
      io.bidPrice[i] = r.bidPrice;
      io.askPrice[i] = r.askPrice;
    }
  }

  /**
   * Env i's step over (t0, t1] with inventory q at t0 and the quotes (bid, ask) decided at t0.
   * `log` receives the fills (episode and step number given for it).
   */
  stepEnv(i: number, t0: number, t1: number, q: number, bid: number, ask: number, log: ReplayFill[] | null, episode: number, stepNo: number): EventStepResult {
    const R = this.ring;
    const base = i * R;
    let count = this.pCount[i] as number;
    let head = this.pHead[i] as number;
    if (count >= R) throw new Error(`internal: ${count} pending quotes for a ring of ${R}`);
    const slot = base + ((head + count) % R);
    this.pBid[slot] = bid;
    this.pAsk[slot] = ask;
    this.pTime[slot] = t0 + this.latency;
    count++;

    const c = this.config;
    const tape = this.tape;
    const OT = tape.orderTime;
    const no = OT.length;
    const D = this.queue && tape.depth !== null ? tape.depth : EMPTY_DEPTH;
    const DT = D.time;
    const nd = DT.length;
    const book = this.book;
    const queue = this.queue;
    const size = c.orderSize;
    const lot = fillLot(size);
    const Q = c.maxInventory;
    const maxQ = Q + 1e-9;
    const strict = this.fill.cross === 'strict';
    const tcBidOK = q + size <= maxQ;
    const tcAskOK = q - size >= -maxQ;
    let tcBid = false;
    let tcAsk = false;
    const out = this.out;
    out.bidQty = 0;
    out.askQty = 0;
    out.cashFlow = 0;
    out.fees = 0;
    const jb = 2 * i;
    const ja = jb + 1;
    let o = this.oi[i] as number;
    let d = this.di[i] as number;
    for (;;) {
      const tO = o < no && (OT[o] as number) <= t1 ? (OT[o] as number) : Infinity;
      const tD = d + 1 < nd && (DT[d + 1] as number) <= t1 ? (DT[d + 1] as number) : Infinity;
      const tA = count > 0 && (this.pTime[base + head] as number) <= t1 ? (this.pTime[base + head] as number) : Infinity;
      if (tO === Infinity && tD === Infinity && tA === Infinity) break;
      if (tA < tO && tA < tD) {
        const pb = this.pBid[base + head] as number;
        const pa = this.pAsk[base + head] as number;
        head = (head + 1) % R;
        count--;
        if (queue) {
          book.place(jb, 1, pb, Math.min(size, wholeLots(Q - q, lot)), D.bid[d] as number, D.bidSize[d] as number);
          book.place(ja, -1, pa, Math.min(size, wholeLots(Q + q, lot)), D.ask[d] as number, D.askSize[d] as number);
        } else {
          book.price[jb] = pb;
          book.price[ja] = pa;
        }
      } else if (tO <= tD) {
        const sell = tape.orderSide[o] === -1; // hits bids
        const j = sell ? jb : ja;
        const price = tape.orderPrice[o] as number;
        const p = book.price[j] as number;
        let qty = 0;
        if (queue) {
          const avail = book.reach(j, sell ? 1 : -1, price, tape.orderSize[o] as number);
          if (avail > 0) {
            const room = sell ? Q - q : Q + q;
            qty = Math.min(book.left[j] as number, wholeLots(avail, lot), wholeLots(room, lot));
            if (qty < 0) qty = 0;
            book.took(j, qty, avail, lot);
          }
        } else if (sell ? !tcBid && tcBidOK && p === p && crossesBid(price, p, strict) : !tcAsk && tcAskOK && p === p && crossesAsk(price, p, strict)) {
          qty = size;
          if (sell) tcBid = true;
          else tcAsk = true;
        }
        if (qty > 0) {
          const fee = this.fees.maker(p, qty);
          out.fees += fee;
          if (sell) {
            out.cashFlow -= p * qty;
            out.bidQty += qty;
            q += qty;
          } else {
            out.cashFlow += p * qty;
            out.askQty += qty;
            q -= qty;
          }
          log?.push({ env: i, episode, step: stepNo, time: t1, side: sell ? 1 : -1, price: p, size: qty, fee });
        }
        o++;
      } else {
        d++;
        book.depth(jb, 1, D.bid[d] as number, D.bidSize[d] as number);
        book.depth(ja, -1, D.ask[d] as number, D.askSize[d] as number);
      }
    }
    this.oi[i] = o;
    this.di[i] = d;
    this.pHead[i] = head;
    this.pCount[i] = count;
    out.bidPrice = queue || tcBidOK ? (book.price[jb] as number) : NaN;
    out.askPrice = queue || tcAskOK ? (book.price[ja] as number) : NaN;
    return out;
  }
}

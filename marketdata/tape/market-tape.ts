/**
 * The market tape: what calibration and the replay env read, whatever the source format.
 * Times are seconds (one clock per tape), prices in the data's price units (dollars, USDT).
 *
 * - Quote updates: the best bid and ask from that time on (sorted by time).
 * - Market orders: recorded trades merged per aggressive order (same time, same aggressor),
 *   with the order's furthest price from the mid, its total size, and the mid that prevailed
 *   just before it (the reference for "how deep did it reach").
 * - Depth (where the source has sizes: LOBSTER orderbook files, Binance bbo, Tardis books, L1
 *   files with size columns): the best bid and ask with their sizes, one entry per change of
 *   either price or size — what the queue fill models (replay/queue-model.ts) need to place an
 *   order in the queue and to see cancellations. Null where the source has no sizes (candles,
 *   L1 files without size columns). The quote series above keeps only price changes.
 */
/** 'equity': a 6.5-hour session on 252 days a year (NASDAQ, LOBSTER); 'continuous': 24/7 (crypto venues). */
export type TradingSession = 'equity' | 'continuous';

/** Seconds of trading per year by session: 252 x 23,400 and 365 x 86,400. */
export const SESSION_SECONDS_PER_YEAR: Readonly<Record<TradingSession, number>> = Object.freeze({ equity: 252 * 23_400, continuous: 365 * 86_400 });

export interface MarketTape {
  /** Human description, e.g. 'LOBSTER AMZN level 1'. */
  readonly name: string;
  /** Where it was loaded from. */
  readonly source: string;
  readonly quoteTime: Float64Array;
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  readonly orderTime: Float64Array;
  /** Furthest execution price of the market order. */
  readonly orderPrice: Float64Array;
  readonly orderSize: Float64Array;
  /** +1 buyer-initiated (lifts asks), -1 seller-initiated (hits bids). */
  readonly orderSide: Int8Array;
  /** Mid prevailing just before the order. */
  readonly orderMidBefore: Float64Array;
  /** Price grid (smallest bid-price increment seen, or given). */
  readonly tickSize: number;
  /** Start and end of the recording (s). */
  readonly startTime: number;
  readonly endTime: number;
  /** How the orders were derived: 'trades' (recorded executions) or 'candles' (bar high/low). */
  readonly orderSource: 'trades' | 'candles';
  /** The venue's trading hours, for annualising (SESSION_SECONDS_PER_YEAR). */
  readonly session: TradingSession;
  /**
   * What the builder left out, counted (absent on tapes made otherwise): crossed quotes
   * (ask < bid) and trades before the first quote (no reference mid).
   */
  readonly dropped?: { readonly crossedQuotes: number; readonly tradesBeforeFirstQuote: number };
  /** The best levels with their sizes (see `TapeDepth`); null when the source has no sizes. */
  readonly depth: TapeDepth | null;
}

/**
 * The best bid and ask with their sizes (the data's units: shares, BTC), from each `time` on:
 * one entry per change of a best price or size, sorted by time, aligned arrays. Crossed books are
 * dropped as in the quote series.
 */
export interface TapeDepth {
  readonly time: Float64Array;
  readonly bid: Float64Array;
  readonly bidSize: Float64Array;
  readonly ask: Float64Array;
  readonly askSize: Float64Array;
}

/** Accumulates quotes and trades in time order, merging trades into market orders. */
export class TapeBuilder {
  private readonly qt: number[] = [];
  private readonly qb: number[] = [];
  private readonly qa: number[] = [];
  private readonly ot: number[] = [];
  private readonly op: number[] = [];
  private readonly os: number[] = [];
  private readonly od: number[] = [];
  private readonly om: number[] = [];
  private readonly dt: number[] = [];
  private readonly db: number[] = [];
  private readonly dbs: number[] = [];
  private readonly da: number[] = [];
  private readonly das: number[] = [];
  /** Whether quotes carry sizes (fixed by the first quote: all or none). */
  private sized: boolean | undefined;
  private lastKey = '';
  private bid = NaN;
  private ask = NaN;
  private minStep = Infinity;
  private lastPrice = NaN;
  private crossed = 0;
  private early = 0;

  /**
   * A new best bid/ask from `time` on (repeats of the current quote are dropped; crossed ones
   * counted and dropped), with the sizes at those prices where the source has them: either every
   * quote of a tape gives sizes or none does.
   */
  quote(time: number, bid: number, ask: number, bidSize?: number, askSize?: number): void {
    const sized = bidSize !== undefined && askSize !== undefined;
    if (this.sized === undefined) this.sized = sized;
    else if (sized !== this.sized) throw new Error(`TapeBuilder: the quote at t=${time} ${sized ? 'has' : 'has no'} sizes but the earlier ones ${this.sized ? 'have' : 'have none'}: a tape's quotes all carry sizes or none do`);
    if (!(ask >= bid)) {
      this.crossed++;
      return;
    }
    if (sized) this.depthUpdate(time, bid, bidSize, ask, askSize);
    this.notePrice(bid);
    if (bid === this.bid && ask === this.ask) return;
    this.bid = bid;
    this.ask = ask;
    const n = this.qt.length;
    if (n > 0 && this.qt[n - 1] === time) {
      this.qb[n - 1] = bid;
      this.qa[n - 1] = ask;
    } else {
      this.qt.push(time);
      this.qb.push(bid);
      this.qa.push(ask);
    }
  }

  private sameDepth(k: number, bid: number, bidSize: number, ask: number, askSize: number): boolean {
    return this.db[k] === bid && this.dbs[k] === bidSize && this.da[k] === ask && this.das[k] === askSize;
  }

  /** One entry per change: an instant that ends where it started leaves none. */
  private depthUpdate(time: number, bid: number, bidSize: number, ask: number, askSize: number): void {
    const n = this.dt.length;
    if (n > 0 && this.sameDepth(n - 1, bid, bidSize, ask, askSize)) return;
    if (n > 0 && this.dt[n - 1] === time) {
      if (n > 1 && this.sameDepth(n - 2, bid, bidSize, ask, askSize)) {
        this.dt.pop();
        this.db.pop();
        this.dbs.pop();
        this.da.pop();
        this.das.pop();
        return;
      }
      this.db[n - 1] = bid;
      this.dbs[n - 1] = bidSize;
      this.da[n - 1] = ask;
      this.das[n - 1] = askSize;
      return;
    }
    this.dt.push(time);
    this.db.push(bid);
    this.dbs.push(bidSize);
    this.da.push(ask);
    this.das.push(askSize);
  }

  /**
   * A trade; trades with the same `orderKey` (and side) in a row are one market order.
   * Must be called before the quote update the trade caused. The reference mid is the quote's
   * at the time (or, with `lookbackSeconds`, the latest one consistent with the trade), unless
   * `midBefore` gives it.
   */
  trade(time: number, price: number, size: number, side: 1 | -1, orderKey: string, lookbackSeconds = 0, midBefore?: number): void {
    let mid = (this.bid + this.ask) / 2;
    if (!Number.isFinite(mid)) {
      this.early++; // no quote yet: no reference mid
      return;
    }
    if (midBefore !== undefined) mid = midBefore; // recorded with the trade (a generic tape written by mmgym)
    else if (lookbackSeconds > 0) mid = this.consistentMid(time, price, side, lookbackSeconds);
    const key = `${orderKey}|${side}`;
    const n = this.ot.length;
    if (n > 0 && key === this.lastKey) {
      this.os[n - 1] = (this.os[n - 1] as number) + size;
      const prev = this.op[n - 1] as number;
      this.op[n - 1] = side === 1 ? Math.max(prev, price) : Math.min(prev, price);
      return;
    }
    this.lastKey = key;
    this.ot.push(time);
    this.op.push(price);
    this.os.push(size);
    this.od.push(side);
    this.om.push(mid);
  }

  /**
   * With two feeds on one receive clock, the quote update a trade caused can arrive before the
   * trade. The quote before a buy at p had ask <= p (sell: bid >= p): walk back (within
   * `lookback` seconds) to the latest quote consistent with the trade.
   */
  private consistentMid(time: number, price: number, side: 1 | -1, lookback: number): number {
    for (let i = this.qt.length - 1; i >= 0 && (this.qt[i] as number) >= time - lookback; i--) {
      const bid = this.qb[i] as number;
      const ask = this.qa[i] as number;
      if (side === 1 ? ask <= price : bid >= price) return (bid + ask) / 2;
    }
    return (this.bid + this.ask) / 2;
  }

  private notePrice(p: number): void {
    if (Number.isFinite(this.lastPrice) && p !== this.lastPrice) {
      const d = Math.abs(p - this.lastPrice);
      if (d < this.minStep && d > 1e-12) this.minStep = d;
    }
    this.lastPrice = p;
  }

  build(meta: { name: string; source: string; orderSource: 'trades' | 'candles'; session?: TradingSession; tickSize?: number; endTime?: number }): MarketTape {
    if (this.qt.length < 2) throw new Error(`${meta.source}: fewer than 2 quote updates; nothing to replay or calibrate`);
    const tick = meta.tickSize ?? roundTick(this.minStep);
    const startTime = this.qt[0] as number;
    const endTime = Math.max(meta.endTime ?? -Infinity, this.qt[this.qt.length - 1] as number, this.ot[this.ot.length - 1] ?? -Infinity);
    return {
      name: meta.name,
      source: meta.source,
      session: meta.session ?? 'continuous',
      quoteTime: Float64Array.from(this.qt),
      bid: Float64Array.from(this.qb),
      ask: Float64Array.from(this.qa),
      orderTime: Float64Array.from(this.ot),
      orderPrice: Float64Array.from(this.op),
      orderSize: Float64Array.from(this.os),
      orderSide: Int8Array.from(this.od),
      orderMidBefore: Float64Array.from(this.om),
      tickSize: Number.isFinite(tick) ? tick : 0,
      startTime,
      endTime,
      orderSource: meta.orderSource,
      dropped: { crossedQuotes: this.crossed, tradesBeforeFirstQuote: this.early },
      depth:
        this.sized === true
          ? { time: Float64Array.from(this.dt), bid: Float64Array.from(this.db), bidSize: Float64Array.from(this.dbs), ask: Float64Array.from(this.da), askSize: Float64Array.from(this.das) }
          : null,
    };
  }
}

/** Snap a measured price step to a clean decimal (0.0099999 -> 0.01). */
function roundTick(step: number): number {
  return Number.isFinite(step) ? Number(step.toPrecision(3)) : NaN;
}

/** How many of the sorted times are <= t (the index of the first one after t): binary search. */
function countAtOrBefore(a: Float64Array, t: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if ((a[m] as number) <= t) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Index of the last quote at or before time t (-1 if none). */
export function quoteIndexAt(tape: MarketTape, t: number): number {
  return countAtOrBefore(tape.quoteTime, t) - 1;
}

/** Index of the last depth entry at or before time t (-1 if none or the tape has no depth). */
export function depthIndexAt(tape: MarketTape, t: number): number {
  return tape.depth === null ? -1 : countAtOrBefore(tape.depth.time, t) - 1;
}

/** Index of the first market order strictly after time t. */
export function orderIndexAfter(tape: MarketTape, t: number): number {
  return countAtOrBefore(tape.orderTime, t);
}

/** Mid at time t (the first quote's mid before the tape starts). */
export function midAt(tape: MarketTape, t: number): number {
  const i = Math.max(0, quoteIndexAt(tape, t));
  return ((tape.bid[i] as number) + (tape.ask[i] as number)) / 2;
}

/** The part of the tape between fractions [from, to] of its time range (for train/test splits). */
export function sliceTape(tape: MarketTape, from: number, to: number): MarketTape {
  if (!(from >= 0 && from < to && to <= 1)) {
    throw new RangeError(`time split must satisfy 0 <= from < to <= 1, got from=${from}, to=${to}`);
  }
  const span = tape.endTime - tape.startTime;
  const t0 = tape.startTime + from * span;
  const t1 = tape.startTime + to * span;
  const q0 = Math.max(0, quoteIndexAt(tape, t0));
  const q1 = quoteIndexAt(tape, t1) + 1;
  const o0 = orderIndexAfter(tape, t0);
  const o1 = orderIndexAfter(tape, t1);
  const quoteTime = tape.quoteTime.slice(q0, q1);
  quoteTime[0] = Math.max(quoteTime[0] as number, t0); // the quote prevailing at t0 starts the slice
  return {
    ...tape,
    name: `${tape.name} [${from}, ${to}]`,
    quoteTime,
    bid: tape.bid.slice(q0, q1),
    ask: tape.ask.slice(q0, q1),
    orderTime: tape.orderTime.slice(o0, o1),
    orderPrice: tape.orderPrice.slice(o0, o1),
    orderSize: tape.orderSize.slice(o0, o1),
    orderSide: tape.orderSide.slice(o0, o1),
    orderMidBefore: tape.orderMidBefore.slice(o0, o1),
    startTime: t0,
    endTime: t1,
    depth: sliceDepth(tape, t0, t1),
  };
}

/** The depth entries prevailing over [t0, t1] (the one in force at t0 starts at t0). */
function sliceDepth(tape: MarketTape, t0: number, t1: number): TapeDepth | null {
  const d = tape.depth;
  if (d === null) return null;
  const d0 = Math.max(0, depthIndexAt(tape, t0));
  const d1 = depthIndexAt(tape, t1) + 1;
  const time = d.time.slice(d0, d1);
  if (time.length > 0) time[0] = Math.max(time[0] as number, t0);
  return { time, bid: d.bid.slice(d0, d1), bidSize: d.bidSize.slice(d0, d1), ask: d.ask.slice(d0, d1), askSize: d.askSize.slice(d0, d1) };
}

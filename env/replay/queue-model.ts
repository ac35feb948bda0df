/**
 * Queue-position fill models for the replay, after hftbacktest's (nkaz001/hftbacktest,
 * hftbacktest/src/backtest/models/queue.rs: `RiskAdverseQueueModel`, `ProbQueueModel` with
 * `PowerProbQueueFunc` and `LogProbQueueFunc`; Rigtorp 2013, "Estimating order queue position"),
 * on a level-1 tape: the queue is tracked at our price only while that price is the best level
 * on its side (the only level whose size the tape shows, `MarketTape.depth`).
 *
 * Per env and side, one resting order (price, size left) and the quantity ahead of it:
 * - Placed at the best level: ahead = that level's size then. Strictly better than the best:
 *   ahead = 0 (the order is the best level alone). Deeper than the best: ahead = Infinity (the
 *   tape shows no size there) until the best level comes to our price: then ahead = the size
 *   shown at that moment (we join behind every order the level holds when it becomes visible:
 *   conservative). If the best moves past our price (our level empties in the tape without a
 *   trade through it), ahead = 0.
 * - A price kept from one step to the next keeps its place (and its size is topped back up to
 *   the quoted size: the re-added units keep the place too, a mild optimism of at most one
 *   order size); a new price loses it.
 * - A market order whose furthest price is our price (it reached our level, which was the best)
 *   takes its size off the queue ahead; what goes past the front fills us:
 *   fill = min(size left, trade size - ahead). One whose furthest price is through ours (the
 *   level was swept) fills us up to its size beyond the queue ahead — fully unless the order was
 *   too small. A market order stopping before our price does nothing, nor does one stopping
 *   at our price while a better level stood in front of us (how much of it traded at our price
 *   the tape cannot tell; the level's size after it caps the queue ahead).
 * - 'risk-averse' (hftbacktest RiskAdverseQueueModel): only trades advance the queue; a level
 *   shrinking below the queue ahead caps it (ahead <= level size).
 * - 'prob' (hftbacktest ProbQueueModel): a level that shrinks by more than the trades at it
 *   since the last update (chg = prev - new - traded > 0: cancellations) moves the queue by the
 *   share of the cancellation ahead of us, f(front) / (f(front) + f(back)) with front = ahead,
 *   back = prev - front, f(x) = x^n ('power', n = `queuePower`, default 2 = hftbacktest's
 *   SquareProbQueueModel) or log(1 + x) ('log'); what the back cannot absorb is ahead too:
 *   ahead' = min(new, front - share chg + min(back - (1 - share) chg, 0)).
 * - Fills are whole lots (hftbacktest rounds to lots): 1 unit for an integer orderSize, the
 *   order itself for a fractional one (replay-events.ts `fillLot`); a rest past the front smaller
 *   than a lot is carried to the next trade. The inventory bound is applied by
 *   the caller (replay-events.ts).
 * Fills come from recorded trades only: a book that crosses our price without a trade does not
 * fill us.
 */

export const QUEUE_FUNCS = ['power', 'log'] as const;
export type QueueFunc = (typeof QUEUE_FUNCS)[number];

/** The share of a level's cancellation that was ahead of us: f(front) / (f(front) + f(back)). */
export function aheadShare(func: QueueFunc, power: number, front: number, back: number): number {
  if (!(front > 0)) return 0;
  if (func === 'log') return Math.log1p(front) / (Math.log1p(front) + Math.log1p(back));
  return 1 / (1 + (back / front) ** power); // x^n / (x^n + y^n) without overflow
}

/** Relative price tolerance for "at our price". */
const EPS = 1e-9;

/**
 * The resting orders of N envs, two sides each (slot 2i: env i's bid, 2i + 1: its ask),
 * struct-of-arrays. `dir` is +1 for a bid (higher is better), -1 for an ask.
 */
export class QueueBook {
  /** Our price (NaN: no order). */
  readonly price: Float64Array;
  /** Size left to fill. */
  readonly left: Float64Array;
  /** Quantity ahead of us (Infinity: deeper than the best, not yet visible; < 0: a fraction past the front). */
  readonly ahead: Float64Array;
  /** The level's size at our price when last seen as the best (NaN: not seen since placing). */
  readonly level: Float64Array;
  /** Traded at our price since the level was last seen (prob model: not counted as cancels). */
  readonly traded: Float64Array;

  constructor(
    n: number,
    readonly prob: boolean,
    readonly func: QueueFunc = 'power',
    readonly power = 2,
  ) {
    this.price = new Float64Array(2 * n).fill(NaN);
    this.left = new Float64Array(2 * n);
    this.ahead = new Float64Array(2 * n);
    this.level = new Float64Array(2 * n).fill(NaN);
    this.traded = new Float64Array(2 * n);
  }

  /** Env i has no orders. */
  clear(i: number): void {
    for (let j = 2 * i; j < 2 * i + 2; j++) {
      this.price[j] = NaN;
      this.left[j] = 0;
      this.ahead[j] = 0;
      this.level[j] = NaN;
      this.traded[j] = 0;
    }
  }

  /**
   * Slot j rests `size` at price p (NaN or size <= 0: no order), the best level on its side being
   * (best, bestSize): same price as now keeps the place, another price queues anew.
   */
  place(j: number, dir: 1 | -1, p: number, size: number, best: number, bestSize: number): void {
    if (p !== p || !(size > 0)) {
      this.price[j] = NaN;
      this.left[j] = 0;
      return;
    }
    const cur = this.price[j] as number;
    this.left[j] = size;
    if (cur === cur && Math.abs(p - cur) <= EPS * Math.abs(p)) return;
    this.price[j] = p;
    this.traded[j] = 0;
    const rel = dir * (p - best);
    const tol = EPS * Math.abs(p);
    if (rel > tol) {
      this.ahead[j] = 0;
      this.level[j] = NaN;
    } else if (rel >= -tol) {
      this.ahead[j] = bestSize;
      this.level[j] = bestSize;
    } else {
      this.ahead[j] = Infinity;
      this.level[j] = NaN;
    }
  }

  /**
   * A market order hitting slot j's side (a sell for a bid), furthest price `price`, total
   * `size`: the quantity it brings past our place in the queue (before rounding and caps; 0 if
   * none). Call `took` with what was filled.
   */
  reach(j: number, dir: 1 | -1, price: number, size: number): number {
    const p = this.price[j] as number;
    if (p !== p || !((this.left[j] as number) > 0)) return 0;
    const rel = dir * (price - p);
    const tol = EPS * Math.abs(p);
    if (rel > tol) return 0; // stopped before our price
    const a = this.ahead[j] as number;
    if (rel < -tol) {
      // through our price: everything ahead was taken, then us
      const ahead = a === Infinity ? 0 : a > 0 ? a : 0;
      this.ahead[j] = a < 0 ? a : 0;
      return size - ahead - (a < 0 ? a : 0);
    }
    // at our price while a better level was in front (or we are deeper than the best): how much
    // of the order traded at our price is unknown; the next depth update shows what is left
    if (a > 0 && this.level[j] !== this.level[j]) return 0;
    const left = a - size;
    this.ahead[j] = left;
    if (this.prob) this.traded[j]! += size;
    return left < 0 ? -left : 0;
  }

  /** Slot j filled `qty` of the `avail` a trade brought past the front: the rest (< one `lot`, the smallest fill) is carried. */
  took(j: number, qty: number, avail: number, lot = 1): void {
    const left = (this.left[j] as number) - qty;
    this.left[j] = left;
    const rest = avail - qty;
    this.ahead[j] = left > 0 && rest > 0 && rest < lot ? -rest : 0;
  }

  /** The best level on slot j's side is now (best, bestSize). */
  depth(j: number, dir: 1 | -1, best: number, bestSize: number): void {
    const p = this.price[j] as number;
    if (p !== p) return;
    const rel = dir * (p - best);
    const tol = EPS * Math.abs(p);
    const a = this.ahead[j] as number;
    if (rel > tol) {
      // our level emptied in the tape (we are alone at the best)
      if (a > 0) this.ahead[j] = 0;
      this.level[j] = NaN;
      this.traded[j] = 0;
      return;
    }
    if (rel < -tol) {
      // a better level in front: we keep our place, our level is out of sight
      this.level[j] = NaN;
      this.traded[j] = 0;
      return;
    }
    const prev = this.level[j] as number;
    this.level[j] = bestSize;
    const traded = this.traded[j] as number;
    this.traded[j] = 0;
    if (prev !== prev || a === Infinity || !this.prob) {
      if (a > bestSize) this.ahead[j] = bestSize;
      return;
    }
    const chg = prev - bestSize - traded;
    if (chg <= 0 || a <= 0) {
      if (a > bestSize) this.ahead[j] = bestSize;
      return;
    }
    const back = prev - a > 0 ? prev - a : 0;
    const share = aheadShare(this.func, this.power, a, back);
    const overflow = back - (1 - share) * chg;
    const est = a - share * chg + (overflow < 0 ? overflow : 0);
    this.ahead[j] = est < bestSize ? est : bestSize;
  }
}

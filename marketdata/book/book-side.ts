/**
 * One side of a price-level order book: price -> resting quantity, with the occupied prices
 * kept sorted best first (bids descending, asks ascending) for O(log n) lookup and ordered
 * top-of-book reads. Prices are plain numbers; callers keep them exact (LOBSTER's integer
 * units, or decimal prices parsed from the same strings).
 */
export type BookSideName = 'bid' | 'ask';

export class BookSide {
  /** Occupied prices, best first. */
  private readonly prices: number[] = [];
  private readonly sizes = new Map<number, number>();

  constructor(readonly side: BookSideName) {}

  get depth(): number {
    return this.prices.length;
  }

  /** Price at level i (0 = best), or NaN. */
  priceAt(i: number): number {
    return this.prices[i] ?? NaN;
  }

  /** Size at level i (0 = best), or 0. */
  sizeAt(i: number): number {
    const p = this.prices[i];
    return p === undefined ? 0 : (this.sizes.get(p) ?? 0);
  }

  sizeAtPrice(price: number): number {
    return this.sizes.get(price) ?? 0;
  }

  /** Whether a is strictly better than b on this side. */
  better(a: number, b: number): boolean {
    return this.side === 'bid' ? a > b : a < b;
  }

  /** Index where `price` is or would be inserted (number of strictly better prices). */
  position(price: number): number {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.better(this.prices[mid] as number, price)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Set the absolute size at a price (0 removes the level). Returns the level's index. */
  set(price: number, size: number): number {
    const i = this.position(price);
    const exists = this.sizes.has(price);
    if (size <= 0) {
      if (exists) {
        this.sizes.delete(price);
        this.prices.splice(i, 1);
      }
      return i;
    }
    if (!exists) this.prices.splice(i, 0, price);
    this.sizes.set(price, size);
    return i;
  }

  /** Add (or with a negative delta, remove) quantity at a price; returns the new size. */
  add(price: number, delta: number): number {
    const next = (this.sizes.get(price) ?? 0) + delta;
    this.set(price, next);
    return Math.max(0, next);
  }

  /** Drop every level from index `from` on. */
  truncate(from: number): void {
    for (let i = from; i < this.prices.length; i++) this.sizes.delete(this.prices[i] as number);
    this.prices.length = Math.min(this.prices.length, from);
  }

  clear(): void {
    this.prices.length = 0;
    this.sizes.clear();
  }
}

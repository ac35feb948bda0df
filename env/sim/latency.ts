/**
 * ConstantLatency: the quotes (prices) chosen at step n rest in the book from step n + L on; until
 * then the previous ones act. Right after a reset no quote is resting (NaN = side not quoted)
 * for the first L steps. Prices, not depths, are delayed: a stale quote keeps its price while the
 * mid moves (and can end up through the mid — it then fills with probability capped at 1).
 * One ring of L (bid, ask) slots per env; all envs share the ring position (they step together).
 */
export class ConstantLatency {
  readonly steps: number;
  private readonly ring: Float64Array;
  private pos = 0;

  constructor(n: number, steps: number) {
    this.steps = steps;
    this.ring = new Float64Array(2 * n * Math.max(1, steps)).fill(NaN);
  }

  reset(i: number): void {
    const L = this.steps;
    this.ring.fill(NaN, 2 * i * L, 2 * (i + 1) * L);
  }

  /** Put env i's new bid in and take out the bid acting now (L = 0: the new one). */
  swapBid(i: number, bid: number): number {
    if (this.steps === 0) return bid;
    const o = 2 * (i * this.steps + this.pos);
    const out = this.ring[o]!;
    this.ring[o] = bid;
    return out;
  }

  swapAsk(i: number, ask: number): number {
    if (this.steps === 0) return ask;
    const o = 2 * (i * this.steps + this.pos) + 1;
    const out = this.ring[o]!;
    this.ring[o] = ask;
    return out;
  }

  /** Move to the next slot; call once per vector step after all envs. */
  advance(): void {
    if (this.steps > 0) this.pos = (this.pos + 1) % this.steps;
  }
}

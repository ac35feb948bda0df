/**
 * LatencyModel: when a decided quote starts to rest in the book. hftbacktest's `LatencyModel`
 * gives each order request an entry latency and a response latency in time
 * (`entry(timestamp, order)`, `response(timestamp, order)`; its `ConstantLatency` answers
 * constants); in a stepped market the time unit is the step, and the model is the queue the
 * quotes wait in: `swapBid` / `swapAsk` put env i's new quote in and take out the one acting now.
 * Chosen by config (`latencyModelFor`: `latencySteps`); both cores use it (the simulator through
 * `delayQuotes`). The replay's order-entry latency in tape milliseconds, `latencyMs`, delays each
 * quote to an instant inside a step: it lives on the event path (replay/replay-events.ts).
 *
 * ConstantLatency: the quotes (prices) chosen at step n rest in the book from step n + L on; until
 * then the previous ones act. Right after a reset no quote is resting (NaN = side not quoted)
 * for the first L steps. Prices, not depths, are delayed: a stale quote keeps its price while the
 * mid moves (and can end up through the mid — it then fills with probability capped at 1).
 * One ring of L (bid, ask) slots per env; all envs share the ring position (they step together).
 * The ring and its position are state (a state snapshot records them).
 */
import type { EnvConfig } from '../config.js';
import type { TickRule } from './ticks.js';

/** The delay between deciding a quote and its resting, for N envs stepped together. */
export interface LatencyModel {
  readonly name: string;
  /** Delay in steps (0: a quote acts in the step it is decided; the simulator then leaves the model out). */
  readonly steps: number;
  /** Env i has no quote resting or pending. */
  reset(i: number): void;
  /** Put env i's new bid in and take out the bid acting now (NaN: none). */
  swapBid(i: number, bid: number): number;
  /** Put env i's new ask in and take out the ask acting now (NaN: none). */
  swapAsk(i: number, ask: number): number;
  /** Move to the next step; call once per vector step after all envs. */
  advance(): void;
}

export class ConstantLatency implements LatencyModel {
  readonly name = 'constant';
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

/** The config's latency for `n` envs: `ConstantLatency(n, config.latencySteps)` (0: none). */
export function latencyModelFor(config: Pick<EnvConfig, 'latencySteps'>, n: number): LatencyModel {
  return new ConstantLatency(n, config.latencySteps);
}

/**
 * One vector step of quotes through the latency, as a pass over the N envs (the simulator's, when
 * `steps` > 0, before its step loop: the loop's inlining budget stays with the market models):
 * env i's new quotes, its depths around mid[i] on the tick grid, go in; the acting ones come out
 * into quotes[2i], quotes[2i + 1]; then the model advances.
 */
export function delayQuotes(latency: LatencyModel, ticks: TickRule, n: number, mid: Float64Array, depths: Float64Array, quotes: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const s = mid[i]!;
    quotes[2 * i] = latency.swapBid(i, ticks.bid(s - depths[2 * i]!));
    quotes[2 * i + 1] = latency.swapAsk(i, ticks.ask(s + depths[2 * i + 1]!));
  }
  latency.advance();
}

/**
 * TickRule: where a quote may sit on the price grid (hftbacktest rounds every order price to the
 * instrument's tick: `tick_size` of its asset; here the rule is one small interface, chosen by
 * config like the other models: `tickRuleFor`). The default, `GridTickRule`, rounds quotes away
 * from the mid (a maker never improves its price by rounding): bid = floor(p / tick) * tick,
 * ask = ceil(p / tick) * tick. A relative slack of 1e-9 ticks keeps prices already on the grid
 * (up to floating error) where they are. tick = 0: prices unchanged (a continuous price).
 * Both cores (sim/core.ts, replay/replay-core.ts) resolve the rule once and call it per env-step.
 */
import type { EnvConfig } from '../config.js';

/** Where quotes are put on the price grid. Holds no state (frozen: not part of a state snapshot). */
export interface TickRule {
  readonly name: string;
  /** Grid step (0: no grid). */
  readonly tickSize: number;
  /** The bid actually quoted for a wanted bid price (at or below it). */
  bid(price: number): number;
  /** The ask actually quoted for a wanted ask price (at or above it). */
  ask(price: number): number;
}

const SLACK = 1e-9;

/** Rounding away from the mid onto multiples of `tickSize` (0: unchanged). */
export class GridTickRule implements TickRule {
  readonly name = 'grid';

  constructor(readonly tickSize: number) {
    Object.freeze(this);
  }

  /** floor(p / tick + 1e-9) * tick. */
  bid(price: number): number {
    const tick = this.tickSize;
    if (tick <= 0) return price;
    return Math.floor(price / tick + SLACK) * tick;
  }

  /** ceil(p / tick - 1e-9) * tick. */
  ask(price: number): number {
    const tick = this.tickSize;
    if (tick <= 0) return price;
    return Math.ceil(price / tick - SLACK) * tick;
  }
}

/** The config's tick rule: `GridTickRule(config.tickSize)`. */
export function tickRuleFor(config: Pick<EnvConfig, 'tickSize'>): TickRule {
  return new GridTickRule(config.tickSize);
}

/**
 * From a tape's market orders to counts over a ladder of depths: a quote resting at depth
 * delta from the mid would have been hit by every market order that reached at least delta
 * (buy orders: price >= mid + delta; sell orders: price <= mid - delta), with the mid taken
 * just before the order. The same rule ("touch": a trade at our price fills us) as the replay
 * env's trade-cross fill model, so the calibrated simulator and the replay agree.
 */
import type { MarketTape } from '../tape/market-tape.js';
import type { LadderCounts } from './intensity.js';

export type LadderSide = 'both' | 'bid' | 'ask';

/** Depth an order reached beyond the mid (negative if it stayed on its own side of the mid). */
export function orderReach(tape: MarketTape, i: number): number {
  return ((tape.orderPrice[i] as number) - (tape.orderMidBefore[i] as number)) * (tape.orderSide[i] as number);
}

/**
 * Exceedance counts N_j (orders reaching >= delta_j) over exposure = tape duration (x 2 for
 * both sides: the intensity is per side). A small slack (1e-9 of the price) keeps a depth
 * that is exactly reached (touch) counted despite floating error.
 */
export function tapeLadder(tape: MarketTape, depths: readonly number[], side: LadderSide = 'both'): LadderCounts {
  const counts = new Array<number>(depths.length).fill(0);
  for (let i = 0; i < tape.orderTime.length; i++) {
    const s = tape.orderSide[i] as number;
    if ((side === 'bid' && s !== -1) || (side === 'ask' && s !== 1)) continue;
    const reach = orderReach(tape, i) + 1e-9 * Math.abs(tape.orderMidBefore[i] as number);
    for (let j = 0; j < depths.length && reach >= (depths[j] as number); j++) counts[j]! += 1;
  }
  const seconds = tape.endTime - tape.startTime;
  return { depths, counts, exposures: [side === 'both' ? 2 * seconds : seconds], design: 'nested' };
}

/**
 * Default ladder: `levels` equal steps from 0 to the 99th percentile of the orders' reach,
 * the step a multiple of half a tick (mids sit on half ticks).
 */
export function defaultLadder(tape: MarketTape, levels = 16): number[] {
  const reach: number[] = [];
  for (let i = 0; i < tape.orderTime.length; i++) {
    const r = orderReach(tape, i);
    if (r >= 0) reach.push(r);
  }
  if (reach.length < 10) throw new RangeError(`only ${reach.length} market orders reach the mid: too few to calibrate fills`);
  reach.sort((a, b) => a - b);
  const q99 = reach[Math.floor(0.99 * (reach.length - 1))] as number;
  const half = tape.tickSize > 0 ? tape.tickSize / 2 : q99 / (levels - 1);
  const step = Math.max(half, Math.round(q99 / (levels - 1) / half) * half);
  return Array.from({ length: levels }, (_, j) => Number((j * step).toPrecision(12)));
}

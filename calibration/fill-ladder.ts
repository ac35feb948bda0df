/**
 * From a tape's market orders to counts over a ladder of depths: a quote resting at depth
 * delta from the mid would have been hit by every market order that reached at least delta
 * (buy orders: price >= mid + delta; sell orders: price <= mid - delta), with the mid taken
 * just before the order. The same rule ("touch": a trade at our price fills us) as the replay
 * env's trade-cross fill model, so the calibrated simulator and the replay agree.
 */
import type { MarketTape } from '../marketdata/tape/market-tape.js';
import type { LadderCounts } from './ladder-bins.js';

export type LadderSide = 'both' | 'bid' | 'ask';

/** Depth an order reached beyond the mid (negative if it stayed on its own side of the mid). */
export function orderReach(tape: MarketTape, i: number): number {
  return ((tape.orderPrice[i] as number) - (tape.orderMidBefore[i] as number)) * (tape.orderSide[i] as number);
}

/**
 * Exceedance counts N_j (orders reaching >= delta_j) over exposure = tape duration (x 2 for
 * both sides: the intensity is per side). A small slack (1e-9 of the price) keeps a depth
 * that is exactly reached (touch) counted despite floating error. tail 'closed': the fit is
 * restricted to [depths[0], last depth) (ladder-bins.ts).
 */
export function tapeLadder(tape: MarketTape, depths: readonly number[], side: LadderSide = 'both', tail: 'open' | 'closed' = 'open'): LadderCounts {
  const counts = new Array<number>(depths.length).fill(0);
  for (let i = 0; i < tape.orderTime.length; i++) {
    const s = tape.orderSide[i] as number;
    if ((side === 'bid' && s !== -1) || (side === 'ask' && s !== 1)) continue;
    const reach = orderReach(tape, i) + 1e-9 * Math.abs(tape.orderMidBefore[i] as number);
    for (let j = 0; j < depths.length && reach >= (depths[j] as number); j++) counts[j]! += 1;
  }
  const seconds = tape.endTime - tape.startTime;
  return { depths, counts, exposures: [side === 'both' ? 2 * seconds : seconds], design: 'nested', tail };
}

/** Reach (>= 0) of the orders that reached the mid, sorted; RangeError if fewer than 10. */
function sortedReach(tape: MarketTape): number[] {
  const reach: number[] = [];
  for (let i = 0; i < tape.orderTime.length; i++) {
    const r = orderReach(tape, i);
    if (r >= 0) reach.push(r);
  }
  if (reach.length < 10) throw new RangeError(`only ${reach.length} market orders reach the mid: too few to calibrate fills`);
  return reach.sort((a, b) => a - b);
}

export interface NearTouchRange {
  /** Ladder depths 0, step, ..., top (the fit's range is [0, top): orders reaching top are left out). */
  readonly depths: number[];
  readonly step: number;
  readonly top: number;
  /** The reachQuantile-quantile of the reach of the orders that reached the mid. */
  readonly quantileDepth: number;
  readonly reachQuantile: number;
  readonly maxTicks: number;
  /** top was cut to maxTicks ticks. */
  readonly capped: boolean;
  readonly rule: string;
}

/** At least this many depths (7 closed bins: 5 dof for the exponential, 4 for the power law). */
const MIN_NEAR_TOUCH_DEPTHS = 8;

/**
 * Near-touch ladder (the fit's depth range). Rule: step = half a tick (mids sit on half ticks,
 * so every reach is a multiple of it); top = the first step above the `reachQuantile`-quantile q
 * of the reach of the orders that reached the mid (so [0, top) holds at least that share of
 * them), cut to `maxTicks` ticks (hftbacktest's GLFT example fits on <= 70 ticks) and at least
 * 7 steps. Without a tick (tickSize 0): `levels` depths, q at the last but one.
 */
export function nearTouchLadder(tape: MarketTape, reachQuantile = 0.99, maxTicks = 70, levels = 16): NearTouchRange {
  if (!(reachQuantile > 0 && reachQuantile <= 1)) throw new RangeError(`reachQuantile must be in (0, 1], got ${reachQuantile}`);
  if (!(maxTicks > 0)) throw new RangeError(`maxTicks must be > 0 ticks, got ${maxTicks}`);
  if (!(Number.isInteger(levels) && levels >= MIN_NEAR_TOUCH_DEPTHS)) throw new RangeError(`ladderLevels must be an integer >= ${MIN_NEAR_TOUCH_DEPTHS}, got ${levels}`);
  const reach = sortedReach(tape);
  const q = reach[Math.floor(reachQuantile * (reach.length - 1))] as number;
  const tick = tape.tickSize;
  let step: number;
  let J: number;
  let capped = false;
  if (tick > 0) {
    step = tick / 2;
    J = Math.floor(q / step + 1e-9) + 2; // depths 0..top, top = first step strictly above q
    const cap = Math.floor(2 * maxTicks + 1e-9) + 1;
    if (J > cap) {
      J = cap;
      capped = true;
    }
    J = Math.max(J, MIN_NEAR_TOUCH_DEPTHS);
  } else {
    if (!(q > 0)) throw new RangeError(`the ${reachQuantile}-quantile of the orders' reach is ${q}: no depth range to fit on a tape without a tick`);
    step = q / (levels - 2);
    J = levels;
  }
  const depths = Array.from({ length: J }, (_, j) => Number((j * step).toPrecision(12)));
  const top = depths[J - 1] as number;
  const qs = Number(q.toPrecision(6));
  const rule =
    tick > 0
      ? `[0, ${top}) in half-tick steps: the first half tick above the ${reachQuantile} quantile of the reach of orders reaching the mid (${qs}), cut to ${maxTicks} ticks${capped ? ' (cut)' : ''}, at least ${MIN_NEAR_TOUCH_DEPTHS - 1} steps`
      : `[0, ${top}) in ${J - 1} equal steps: the ${reachQuantile} quantile of the reach of orders reaching the mid (${qs}) at the last step but one (no tick)`;
  return { depths, step, top, quantileDepth: q, reachQuantile, maxTicks, capped, rule };
}

/**
 * Default ladder: `levels` equal steps from 0 to the 99th percentile of the orders' reach,
 * the step a multiple of half a tick (mids sit on half ticks).
 */
export function defaultLadder(tape: MarketTape, levels = 16): number[] {
  const reach = sortedReach(tape);
  const q99 = reach[Math.floor(0.99 * (reach.length - 1))] as number;
  const half = tape.tickSize > 0 ? tape.tickSize / 2 : q99 / (levels - 1);
  const step = Math.max(half, Math.round(q99 / (levels - 1) / half) * half);
  return Array.from({ length: levels }, (_, j) => Number((j * step).toPrecision(12)));
}

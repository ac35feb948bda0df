/**
 * Tick-size rounding of quotes, away from the mid (a maker never improves its price by rounding):
 * bid = floor(p / tick) * tick, ask = ceil(p / tick) * tick. A relative slack of 1e-9 ticks keeps
 * prices already on the grid (up to floating error) where they are. tick = 0: unchanged.
 */
const SLACK = 1e-9;

export function roundBidToTick(price: number, tick: number): number {
  if (tick <= 0) return price;
  return Math.floor(price / tick + SLACK) * tick;
}

export function roundAskToTick(price: number, tick: number): number {
  if (tick <= 0) return price;
  return Math.ceil(price / tick - SLACK) * tick;
}

/**
 * Value at Risk and Conditional VaR (expected shortfall) of episode PnL, historical method
 * (Acerbi & Tasche 2002, eq. 2.1 discrete form): with the PnL sorted ascending and
 * k = ceil(n (1 - level)), VaR = -PnL_(k) and CVaR = -(1/k) sum_{i<=k} PnL_(i).
 * Losses are positive numbers; CVaR >= VaR.
 */

export interface TailRisk {
  level: number;
  valueAtRisk: number;
  conditionalValueAtRisk: number;
}

export function tailRisk(pnl: ArrayLike<number>, level: number): TailRisk {
  if (!(level > 0 && level < 1)) throw new RangeError(`VaR level must be in (0, 1), got ${level}`);
  const n = pnl.length;
  if (n === 0) throw new RangeError('tailRisk needs at least one episode, got 0');
  const sorted = Float64Array.from(pnl).sort();
  // Subtract a rounding guard so that n (1 - level) = 5.0000000001 does not round up to 6.
  const k = Math.max(1, Math.ceil(n * (1 - level) - 1e-9));
  let s = 0;
  for (let i = 0; i < k; i++) s += sorted[i] as number;
  return { level, valueAtRisk: -(sorted[k - 1] as number), conditionalValueAtRisk: -s / k };
}

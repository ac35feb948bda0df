/**
 * Maker fees on our passive fills (negative = rebate): fee = units * (perUnit + bps * 1e-4 * price).
 */
export function makerFee(perUnit: number, bps: number, price: number, units: number): number {
  return units * (perUnit + bps * 1e-4 * price);
}

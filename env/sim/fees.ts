/**
 * FeeModel: what a fill costs (hftbacktest's `FeeModel::amount(order, amount)`, e.g. its
 * `TradingValueFeeModel` (rate x notional) and `TradingQtyFeeModel` (rate x quantity); chosen by
 * config: `feeModelFor`). Our fills are all passive (maker), so the model answers the maker fee of
 * a fill. The default, `LinearMakerFee`, charges both of hftbacktest's bases at once:
 * fee = units * (perUnit + bps * 1e-4 * price), negative = rebate (`fees.makerPerUnit`,
 * `fees.makerBps`). Both cores and the replay's fill models resolve the model once and call it per
 * fill.
 */
import type { EnvConfig } from '../config.js';

/** The fee on our fills. Holds no state (frozen: not part of a state snapshot). */
export interface FeeModel {
  readonly name: string;
  /** Fee of a passive fill of `units` at `price` (negative = rebate). */
  maker(price: number, units: number): number;
}

/**
 * Per unit plus basis points of notional: fee = units * (perUnit + bps * 1e-4 * price). The rate
 * bps * 1e-4 is computed once (the same product, so the same bits): `maker` stays small enough
 * for the step loop to inline it whatever else the loop inlines.
 */
export class LinearMakerFee implements FeeModel {
  readonly name = 'linear-maker';
  /** bps * 1e-4. */
  readonly rate: number;

  constructor(
    readonly perUnit: number,
    readonly bps: number,
  ) {
    this.rate = bps * 1e-4;
    Object.freeze(this);
  }

  maker(price: number, units: number): number {
    return units * (this.perUnit + this.rate * price);
  }
}

/** The config's fee model: `LinearMakerFee(fees.makerPerUnit, fees.makerBps)`. */
export function feeModelFor(config: Pick<EnvConfig, 'fees'>): FeeModel {
  return new LinearMakerFee(config.fees.makerPerUnit, config.fees.makerBps);
}

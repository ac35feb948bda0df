/** Arrival model factory: config -> the model named by its rule. */
import type { ArrivalModelConfig } from '../../config.js';
import type { ArrivalModel } from '../types.js';
import { ExponentialFill } from './exponential-fill.js';
import { HawkesArrivals } from './hawkes.js';
import { PowerLawFill } from './power-law-fill.js';
import { RandomLiquidityFill } from './random-liquidity-fill.js';

export { ExponentialFill, HawkesArrivals, PowerLawFill, RandomLiquidityFill };

export function createArrivalModel(cfg: ArrivalModelConfig, dt: number, n: number): ArrivalModel {
  switch (cfg.kind) {
    case 'exponential':
      return new ExponentialFill(cfg, dt);
    case 'power-law':
      return new PowerLawFill(cfg, dt);
    case 'hawkes':
      return new HawkesArrivals(cfg, dt, n);
    case 'random-exponential':
      return new RandomLiquidityFill(cfg, dt, n);
  }
}

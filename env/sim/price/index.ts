/** Price model factory: config -> the model named by its rule. */
import type { PriceModelConfig } from '../../config.js';
import type { PriceModel } from '../types.js';
import { BrownianPrice } from './brownian.js';
import { GeometricBrownianPrice } from './gbm.js';
import { JumpDiffusionPrice } from './jump-diffusion.js';
import { OrnsteinUhlenbeckPrice } from './ornstein-uhlenbeck.js';
import { RegimeSwitchingPrice } from './regime-switching.js';

export { BrownianPrice, GeometricBrownianPrice, JumpDiffusionPrice, OrnsteinUhlenbeckPrice, RegimeSwitchingPrice };

export function createPriceModel(cfg: PriceModelConfig, dt: number, n: number): PriceModel {
  switch (cfg.kind) {
    case 'brownian':
      return new BrownianPrice(cfg, dt);
    case 'gbm':
      return new GeometricBrownianPrice(cfg, dt);
    case 'ou':
      return new OrnsteinUhlenbeckPrice(cfg, dt);
    case 'jump':
      return new JumpDiffusionPrice(cfg, dt);
    case 'regime-switching':
      return new RegimeSwitchingPrice(cfg, dt, n);
  }
}

/**
 * Ornstein–Uhlenbeck mid dS = kappa (theta - S) dt + sigma dW, exact discretisation:
 * S' = theta + (S - theta) e^{-kappa dt} + sigma sqrt((1 - e^{-2 kappa dt}) / (2 kappa)) Z.
 * Moments: E[S_t] = theta + (S0 - theta) e^{-kappa t}, Var[S_t] = sigma^2 (1 - e^{-2 kappa t}) / (2 kappa).
 */
import type { StreamRngs } from '../rng.js';
import type { PriceModel } from '../types.js';

export class OrnsteinUhlenbeckPrice implements PriceModel {
  readonly name = 'OrnsteinUhlenbeckPrice';
  readonly numRegimes = 1;
  private readonly decay: number;
  private readonly mean: number;
  private readonly scale: number;

  constructor(cfg: { sigma: number; kappa: number; mean: number }, dt: number) {
    this.decay = Math.exp(-cfg.kappa * dt);
    this.mean = cfg.mean;
    this.scale = cfg.sigma * Math.sqrt(-Math.expm1(-2 * cfg.kappa * dt) / (2 * cfg.kappa));
  }

  reset(): void {}

  next(i: number, mid: number, rng: StreamRngs): number {
    return this.mean + (mid - this.mean) * this.decay + this.scale * rng.normal(i);
  }

  regime(): number {
    return 0;
  }
}

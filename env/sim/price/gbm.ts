/**
 * Geometric Brownian mid dS = mu S dt + sigma S dW, exact step:
 * S' = S exp((mu - sigma^2 / 2) dt + sigma sqrt(dt) Z).
 * Moments: E[S_t] = S0 e^{mu t}, Var[S_t] = S0^2 e^{2 mu t} (e^{sigma^2 t} - 1).
 */
import type { StreamRngs } from '../rng.js';
import type { PriceModel } from '../types.js';

export class GeometricBrownianPrice implements PriceModel {
  readonly name = 'GeometricBrownianPrice';
  readonly numRegimes = 1;
  private readonly drift: number;
  private readonly scale: number;

  constructor(cfg: { sigma: number; mu: number }, dt: number) {
    this.drift = (cfg.mu - 0.5 * cfg.sigma * cfg.sigma) * dt;
    this.scale = cfg.sigma * Math.sqrt(dt);
  }

  reset(): void {}

  next(i: number, mid: number, rng: StreamRngs): number {
    return mid * Math.exp(this.drift + this.scale * rng.normal(i));
  }

  regime(): number {
    return 0;
  }
}

/**
 * Arithmetic Brownian mid (Avellaneda & Stoikov 2008, eq. 2.1: dS = sigma dW; plus drift mu):
 * S' = S + mu dt + sigma sqrt(dt) Z, Z ~ N(0, 1) — exact for this SDE.
 * Binomial variant (AS 2008 sec. 4): S' = S + mu dt +- sigma sqrt(dt), each with probability 1/2
 * (the sign is that of the same normal draw, so both variants use one normal per step).
 */
import type { StreamRngs } from '../rng.js';
import type { PriceModel } from '../types.js';

export class BrownianPrice implements PriceModel {
  readonly name: string;
  readonly numRegimes = 1;
  private readonly drift: number;
  private readonly scale: number;
  private readonly binomial: boolean;

  constructor(cfg: { sigma: number; mu: number; binomial: boolean }, dt: number) {
    this.drift = cfg.mu * dt;
    this.scale = cfg.sigma * Math.sqrt(dt);
    this.binomial = cfg.binomial;
    this.name = cfg.binomial ? 'BinomialBrownianPrice' : 'BrownianPrice';
  }

  reset(): void {}

  next(i: number, mid: number, rng: StreamRngs): number {
    const z = rng.normal(i);
    return mid + this.drift + this.scale * (this.binomial ? (z >= 0 ? 1 : -1) : z);
  }

  regime(): number {
    return 0;
  }
}

/**
 * Merton (1976) jump-diffusion on the arithmetic mid: dS = mu dt + sigma dW + dJ, with J compound
 * Poisson of intensity lambda and N(m, s^2) jump sizes. Exact step: with N ~ Poisson(lambda dt),
 * S' = S + mu dt + sigma sqrt(dt) Z1 + N m + sqrt(N) s Z2 (the sum of N normal jumps).
 * Draws per step: Z1, one uniform (N by inversion), Z2 — always, so streams stay aligned.
 * Moments: E[dS] = (mu + lambda m) dt, Var[dS] = (sigma^2 + lambda (m^2 + s^2)) dt.
 */
import type { StreamRngs } from '../rng.js';
import type { PriceModel } from '../types.js';

export class JumpDiffusionPrice implements PriceModel {
  readonly name = 'JumpDiffusionPrice';
  readonly numRegimes = 1;
  private readonly drift: number;
  private readonly scale: number;
  private readonly jumpsPerStep: number;
  private readonly jumpMean: number;
  private readonly jumpStd: number;

  constructor(cfg: { sigma: number; mu: number; jumpIntensity: number; jumpMean: number; jumpStd: number }, dt: number) {
    this.drift = cfg.mu * dt;
    this.scale = cfg.sigma * Math.sqrt(dt);
    this.jumpsPerStep = cfg.jumpIntensity * dt;
    this.jumpMean = cfg.jumpMean;
    this.jumpStd = cfg.jumpStd;
  }

  reset(): void {}

  next(i: number, mid: number, rng: StreamRngs): number {
    const z1 = rng.normal(i);
    const n = rng.poisson(i, this.jumpsPerStep);
    const z2 = rng.normal(i);
    return mid + this.drift + this.scale * z1 + n * this.jumpMean + Math.sqrt(n) * this.jumpStd * z2;
  }

  regime(): number {
    return 0;
  }
}

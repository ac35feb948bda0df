/**
 * Poisson market orders with power-law depth intensity (Avellaneda & Stoikov 2008, sec. 2.3,
 * from a power-law distribution of market-order sizes): lambda(delta) = A (1 + delta/delta0)^(-alpha).
 * Per step: p = min(1, lambda(delta) dt); negative depths (a stale quote through the mid) fill
 * like depth 0.
 */
import type { ArrivalModel } from '../types.js';

export class PowerLawFill implements ArrivalModel {
  readonly name = 'PowerLawFill';
  private readonly Adt: number;
  private readonly alpha: number;
  private readonly delta0: number;

  constructor(cfg: { A: number; alpha: number; delta0: number }, dt: number) {
    this.Adt = cfg.A * dt;
    this.alpha = cfg.alpha;
    this.delta0 = cfg.delta0;
  }

  reset(): void {}
  beginStep(): void {}
  endStep(): void {}

  fillProbability(_i: number, _side: 0 | 1, depth: number): number {
    if (depth <= 0) return this.Adt < 1 ? this.Adt : 1;
    const p = this.Adt * Math.pow(1 + depth / this.delta0, -this.alpha);
    return p < 1 ? p : 1;
  }

  fills(i: number, side: 0 | 1, depth: number, u: number): boolean {
    return u < this.fillProbability(i, side, depth);
  }
}

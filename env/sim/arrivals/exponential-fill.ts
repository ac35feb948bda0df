/**
 * Poisson market orders with exponential depth intensity (Avellaneda & Stoikov 2008, eq. 2.11–2.12):
 * lambda(delta) = A exp(-k delta). Per step of length dt a quote at depth delta fills (one unit)
 * with probability p = min(1, A exp(-k delta) dt). No state, no draws of its own (the core's
 * per-side uniform decides the fill).
 */
import type { ArrivalModel } from '../types.js';

export class ExponentialFill implements ArrivalModel {
  readonly name = 'ExponentialFill';
  private readonly Adt: number;
  private readonly k: number;

  constructor(cfg: { A: number; k: number }, dt: number) {
    this.Adt = cfg.A * dt;
    this.k = cfg.k;
  }

  reset(): void {}
  beginStep(): void {}
  endStep(): void {}

  fillProbability(_i: number, _side: 0 | 1, depth: number): number {
    const p = this.Adt * Math.exp(-this.k * depth);
    return p < 1 ? p : 1;
  }

  /**
   * u < p, deciding most cases without exp(): for x = k delta >= 0 the Taylor bounds
   * 1 - x + x^2/2 - x^3/6 <= e^{-x} <= 1 / (1 + x + x^2/2 + x^3/6) give
   * u < A dt * lower => fill, u >= A dt * upper => no fill; only in between is exp() computed.
   */
  fills(i: number, side: 0 | 1, depth: number, u: number): boolean {
    if (depth >= 0) {
      const x = this.k * depth;
      const x2 = 0.5 * x * x;
      const x3 = (x2 * x) / 3;
      if (u < this.Adt * (1 - x + x2 - x3)) return true;
      if (u * (1 + x + x2 + x3) >= this.Adt) return false;
    }
    return u < this.fillProbability(i, side, depth);
  }
}

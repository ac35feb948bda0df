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
}

/**
 * Hawkes self-exciting market orders with an exponential kernel (Hawkes 1971; for market making
 * e.g. Cartea, Jaimungal & Ricci 2014). Each side has its own exogenous arrival process with
 * intensity lambda_t = A + x_t, where the excitation x jumps at each arrival and decays at rate
 * beta (kernel phi(t) = eta beta e^{-beta t}, branching ratio eta = integral of phi < 1).
 * Mean intensity: A / (1 - eta).
 *
 * Discrete time: N ~ Poisson((A + x) dt) arrivals per side per step (one uniform each, drawn
 * whatever our quotes); then x' = x e^{-beta dt} + J N with J = eta (1 - e^{-beta dt}) / dt
 * (-> eta beta as dt -> 0), which makes the stationary mean intensity exactly A / (1 - eta) in
 * discrete time too: x (1 - e^{-beta dt}) = J dt (A + x)  =>  A + x = A / (1 - eta).
 * Each arrival fills our quote with probability e^{-k delta} independently; at most one unit per
 * side per step, so p_fill = 1 - (1 - e^{-k delta})^N. The flow does not depend on our actions.
 */
import type { StreamRngs } from '../rng.js';
import type { ArrivalModel } from '../types.js';

export class HawkesArrivals implements ArrivalModel {
  readonly name = 'HawkesArrivals';
  private readonly A: number;
  private readonly k: number;
  private readonly dt: number;
  private readonly decay: number;
  private readonly jump: number;
  /** Excitation x per env and side (2i = bid, 2i + 1 = ask). */
  readonly excitation: Float64Array;
  /** This step's arrival counts per env and side. */
  readonly counts: Int32Array;

  constructor(cfg: { A: number; k: number; branching: number; decay: number }, dt: number, n: number) {
    this.A = cfg.A;
    this.k = cfg.k;
    this.dt = dt;
    this.decay = Math.exp(-cfg.decay * dt);
    this.jump = (cfg.branching * -Math.expm1(-cfg.decay * dt)) / dt;
    this.excitation = new Float64Array(2 * n);
    this.counts = new Int32Array(2 * n);
  }

  reset(i: number): void {
    this.excitation[2 * i] = 0;
    this.excitation[2 * i + 1] = 0;
    this.counts[2 * i] = 0;
    this.counts[2 * i + 1] = 0;
  }

  /** Current intensity lambda_t of env i's side. */
  intensity(i: number, side: 0 | 1): number {
    return this.A + this.excitation[2 * i + side]!;
  }

  beginStep(i: number, rng: StreamRngs): void {
    this.counts[2 * i] = rng.poisson(i, (this.A + this.excitation[2 * i]!) * this.dt);
    this.counts[2 * i + 1] = rng.poisson(i, (this.A + this.excitation[2 * i + 1]!) * this.dt);
  }

  fillProbability(i: number, side: 0 | 1, depth: number): number {
    const nArr = this.counts[2 * i + side]!;
    if (nArr === 0) return 0;
    const q = Math.exp(-this.k * depth);
    if (q >= 1) return 1;
    return 1 - Math.pow(1 - q, nArr);
  }

  endStep(i: number): void {
    const b = 2 * i;
    this.excitation[b] = this.excitation[b]! * this.decay + this.jump * this.counts[b]!;
    this.excitation[b + 1] = this.excitation[b + 1]! * this.decay + this.jump * this.counts[b + 1]!;
  }

  fills(i: number, side: 0 | 1, depth: number, u: number): boolean {
    return u < this.fillProbability(i, side, depth);
  }
}

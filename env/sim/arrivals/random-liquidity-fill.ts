/**
 * Random liquidity: exponential intensities lambda(delta) = A_e exp(-k_e delta) (Avellaneda &
 * Stoikov 2008, eq. 2.11) whose parameters are drawn once per episode, A_e = A e^{u},
 * k_e = k e^{v}, u, v ~ U(-spread, spread), and hidden from the policy. Per step a quote fills with
 * p = min(1, A_e exp(-k_e delta) dt), as ExponentialFill.
 *
 * Draws: two uniforms every step (a fixed count, so the random numbers stay common across
 * policies); the first step of an episode turns them into (u, v).
 */
import type { StreamRngs } from '../rng.js';
import type { ArrivalModel } from '../types.js';

export class RandomLiquidityFill implements ArrivalModel {
  readonly name = 'RandomLiquidityFill';
  private readonly Adt: number;
  private readonly k: number;
  private readonly spread: number;
  /** This episode's A_e dt and k_e per env. */
  readonly episodeAdt: Float64Array;
  readonly episodeK: Float64Array;
  private readonly fresh: Uint8Array;

  constructor(cfg: { A: number; k: number; spread: number }, dt: number, n: number) {
    this.Adt = cfg.A * dt;
    this.k = cfg.k;
    this.spread = cfg.spread;
    this.episodeAdt = new Float64Array(n).fill(this.Adt);
    this.episodeK = new Float64Array(n).fill(this.k);
    this.fresh = new Uint8Array(n).fill(1);
  }

  reset(i: number): void {
    this.fresh[i] = 1;
  }

  beginStep(i: number, rng: StreamRngs): void {
    const u = rng.uniform(i);
    const v = rng.uniform(i);
    if (this.fresh[i] === 1) {
      this.fresh[i] = 0;
      this.episodeAdt[i] = this.Adt * Math.exp(this.spread * (2 * u - 1));
      this.episodeK[i] = this.k * Math.exp(this.spread * (2 * v - 1));
    }
  }

  endStep(): void {}

  fillProbability(i: number, _side: 0 | 1, depth: number): number {
    const p = this.episodeAdt[i]! * Math.exp(-this.episodeK[i]! * depth);
    return p < 1 ? p : 1;
  }

  fills(i: number, side: 0 | 1, depth: number, u: number): boolean {
    return u < this.fillProbability(i, side, depth);
  }
}

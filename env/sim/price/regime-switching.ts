/**
 * Markov regime-switching arithmetic Brownian mid (Hamilton 1989 style, discrete time): in regime
 * r the step is S' = S + mu_r dt + sigma_r sqrt(dt) Z; then the regime moves to j with
 * probability P[r][j] (one uniform per step, inverse CDF over the row).
 */
import type { StreamRngs } from '../rng.js';
import type { PriceModel } from '../types.js';

export class RegimeSwitchingPrice implements PriceModel {
  readonly name = 'RegimeSwitchingPrice';
  readonly numRegimes: number;
  private readonly drift: Float64Array;
  private readonly scale: Float64Array;
  /** Cumulative transition rows, m x m. */
  private readonly cumP: Float64Array;
  private readonly initial: number;
  private readonly state: Int32Array;

  constructor(
    cfg: { regimes: { mu: number; sigma: number }[]; transition: number[][]; initialRegime: number },
    dt: number,
    n: number,
  ) {
    const m = cfg.regimes.length;
    this.numRegimes = m;
    this.drift = Float64Array.from(cfg.regimes, (r) => r.mu * dt);
    this.scale = Float64Array.from(cfg.regimes, (r) => r.sigma * Math.sqrt(dt));
    this.cumP = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      let c = 0;
      for (let j = 0; j < m; j++) {
        c += cfg.transition[i]![j]!;
        this.cumP[i * m + j] = j === m - 1 ? 1 : c;
      }
    }
    this.initial = cfg.initialRegime;
    this.state = new Int32Array(n).fill(cfg.initialRegime);
  }

  reset(i: number): void {
    this.state[i] = this.initial;
  }

  next(i: number, mid: number, rng: StreamRngs): number {
    const r = this.state[i]!;
    const out = mid + this.drift[r]! + this.scale[r]! * rng.normal(i);
    const u = rng.uniform(i);
    const m = this.numRegimes;
    let j = 0;
    while (j < m - 1 && u >= this.cumP[r * m + j]!) j++;
    this.state[i] = j;
    return out;
  }

  regime(i: number): number {
    return this.state[i]!;
  }
}

/**
 * How our resting quotes fill in a replay (hftbacktest-style small interface, chosen by config):
 * - 'trade-cross': a recorded market order during the step whose furthest price reaches our
 *   quote fills it ('touch': a trade at our price counts; 'strict': it must trade through).
 *   At most one unit per side per step, like the simulator.
 * - 'poisson': the calibrated model, fill with probability min(1, A exp(-k delta) dt), delta
 *   the quote's distance from the mid at the start of the step.
 * - 'hybrid': per side and step, the Poisson model decides with probability `hybridWeight`,
 *   the tape otherwise (0 = trade-cross, 1 = poisson).
 * Every step draws the same four uniforms per env whatever the model and the quotes, so
 * policies compared on one seed see the same episode windows and the same random numbers.
 */
export const FILL_MODELS = ['trade-cross', 'poisson', 'hybrid'] as const;
export type FillModelName = (typeof FILL_MODELS)[number];

export interface FillModelConfig {
  /** @defaultValue 'trade-cross' */
  model: FillModelName;
  /** trade-cross rule. @defaultValue 'touch' */
  cross: 'touch' | 'strict';
  /** hybrid: probability that the Poisson model decides, in [0, 1]. @defaultValue 0.5 */
  hybridWeight: number;
}

export const DEFAULT_FILL_MODEL: Readonly<FillModelConfig> = Object.freeze({ model: 'trade-cross', cross: 'touch', hybridWeight: 0.5 });

/** Poisson fill probability over one step: min(1, A exp(-k delta) dt) (AS 2008 eq. 2.11). */
export function poissonFillProbability(A: number, k: number, delta: number, dt: number): number {
  const p = A * Math.exp(-k * delta) * dt;
  return p < 1 ? p : 1;
}

/** Whether a market order at `price` on `side` (+1 buy, -1 sell) reaches our bid / ask. */
export function crossesBid(price: number, bid: number, strict: boolean): boolean {
  const eps = 1e-9 * Math.abs(bid);
  return strict ? price < bid - eps : price <= bid + eps;
}

export function crossesAsk(price: number, ask: number, strict: boolean): boolean {
  const eps = 1e-9 * Math.abs(ask);
  return strict ? price > ask + eps : price >= ask - eps;
}

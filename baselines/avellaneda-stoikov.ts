/**
 * Avellaneda & Stoikov (2008), "High-frequency trading in a limit order book", Quantitative
 * Finance 8(3), 217-224.
 *
 * Inventory strategy (eqs. 2.16, 2.17 / 3.18-3.19 of the journal version, exponential intensity
 * lambda(delta) = A exp(-k delta)):
 *   reservation price  r(s, q, t) = s - q gamma sigma^2 (T - t)
 *   total spread       delta_a + delta_b = gamma sigma^2 (T - t) + (2/gamma) ln(1 + gamma/k)
 * quoted symmetrically around r, so the depths from the mid s are
 *   delta_b = spread/2 + q gamma sigma^2 (T - t),   delta_a = spread/2 - q gamma sigma^2 (T - t).
 * Symmetric benchmark (sec. 4): around the mid, the constant spread equal to the time average of
 * the inventory strategy's spread, gamma sigma^2 T / 2 + (2/gamma) ln(1 + gamma/k).
 * Symbol map: gamma = config.gamma, sigma = referenceSigma(config), k = arrivals.k, T = horizon.
 * Lot size Delta = orderSize != 1 (fills of Delta units): the formulas hold in lots, q' = q / Delta
 * and gamma' = gamma Delta (wealth counted in lots: CARA's -exp(-gamma Delta X') — the change of
 * units of hjb-model.ts's header), so the skew q gamma sigma^2 (T - t) is unchanged and the
 * spread's terms use gamma Delta.
 * Depths may be negative (a quote through the mid); the action map clips them at 0.
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { referenceSigma } from '../env/effective-params.js';
import { requireNumber } from './errors.js';
import { exponentialIntensity } from './gueant.js';
import { depthRulePolicy } from './policy-support.js';

export interface AvellanedaStoikovParams {
  /** Risk aversion per lot (config.gamma times the lot size). */
  readonly gamma: number;
  readonly sigma: number;
  readonly k: number;
  readonly horizon: number;
  /** Inventory units per lot (orderSize); q is divided by it. @defaultValue 1 */
  readonly lot?: number;
}

export function asParamsFromConfig(config: EnvConfig): AvellanedaStoikovParams {
  const { k } = exponentialIntensity(config, 'as');
  const lot = config.orderSize;
  const p = { gamma: config.gamma * lot, sigma: referenceSigma(config), k, horizon: config.horizon, ...(lot !== 1 ? { lot } : {}) };
  requireNumber('gamma', p.gamma, { gt: 0 });
  requireNumber('k', p.k, { gt: 0 });
  requireNumber('sigma', p.sigma, { min: 0 });
  requireNumber('T (horizon)', p.horizon, { gt: 0 });
  return p;
}

/** r = s - q gamma sigma^2 (T - t) (AS 2008 eq. 2.16 / 3.18). */
export function reservationPrice(p: AvellanedaStoikovParams, s: number, q: number, t: number): number {
  return s - (q / (p.lot ?? 1)) * p.gamma * p.sigma * p.sigma * (p.horizon - t);
}

/** delta_a + delta_b = gamma sigma^2 (T - t) + (2/gamma) ln(1 + gamma/k) (AS 2008 eq. 2.17 / 3.19). */
export function asSpread(p: AvellanedaStoikovParams, t: number): number {
  return p.gamma * p.sigma * p.sigma * (p.horizon - t) + (2 / p.gamma) * Math.log1p(p.gamma / p.k);
}

/** Depths from the mid of the inventory strategy: [delta_b, delta_a] (unclipped). */
export function asDepths(p: AvellanedaStoikovParams, q: number, t: number): [number, number] {
  const half = 0.5 * asSpread(p, t);
  const skew = (q / (p.lot ?? 1)) * p.gamma * p.sigma * p.sigma * (p.horizon - t);
  return [half + skew, half - skew];
}

/** The symmetric benchmark's constant spread gamma sigma^2 T/2 + (2/gamma) ln(1 + gamma/k). */
export function asSymmetricSpread(p: AvellanedaStoikovParams): number {
  return (p.gamma * p.sigma * p.sigma * p.horizon) / 2 + (2 / p.gamma) * Math.log1p(p.gamma / p.k);
}

/** The AS inventory strategy as a Policy. */
export function avellanedaStoikovPolicy(config: EnvConfig): Policy {
  const p = asParamsFromConfig(config);
  const c = p.gamma * p.sigma * p.sigma;
  const logTerm = (1 / p.gamma) * Math.log1p(p.gamma / p.k);
  const lot = p.lot ?? 1;
  return depthRulePolicy('as', config, true, (q, tFrac, out) => {
    const tau = p.horizon * (1 - tFrac);
    const half = 0.5 * c * tau + logTerm;
    const j = q / lot;
    out[0] = half + j * c * tau;
    out[1] = half - j * c * tau;
  });
}

/** The journal's symmetric benchmark as a Policy. */
export function asSymmetricPolicy(config: EnvConfig): Policy {
  const half = 0.5 * asSymmetricSpread(asParamsFromConfig(config));
  return depthRulePolicy('as-symmetric', config, false, (_q, _t, out) => {
    out[0] = half;
    out[1] = half;
  });
}

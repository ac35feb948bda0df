/**
 * Closed-form asymptotic quotes (T -> infinity) of Guéant, Lehalle & Fernandez-Tapia (2013),
 * "Dealing with the inventory risk", Math. Finan. Econ. 7, eqs. after Thm 2 (the quadratic
 * approximation of the ground state of M), in Guéant's (2017) general-xi form:
 *   delta_b(q) ~ staticDepth + (2q + 1)/2 * omega,   delta_a(q) ~ staticDepth - (2q - 1)/2 * omega,
 *   omega = sqrt(phi / (k eta_xi)).
 * For xi = gamma, phi = gamma sigma^2/2 this is GLFT's
 *   (1/gamma) ln(1 + gamma/k) +- (2q +- 1)/2 sqrt(sigma^2 gamma / (2 k A) (1 + gamma/k)^(1 + k/gamma)).
 * The bid is not quoted at q = Q, the ask not at q = -Q. With a lot size Delta (the model in lots,
 * hjb-model.ts header) q counts lots: the policy reads j = q / Delta.
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { type HjbVariant, type QuoteRow, hjbModelFromConfig } from './gueant.js';
import { type HjbModel, asymptoticSlope, staticDepth, validateHjbModel } from './hjb-model.js';
import { depthRulePolicy } from './policy-support.js';

/** The asymptotic quotes at q lots (null on the side not quoted at the bound); the row's q in inventory units. */
export function glftAsymptoticQuote(m: HjbModel, q: number): QuoteRow {
  const d0 = staticDepth(m);
  const w = asymptoticSlope(m);
  return {
    q: q * (m.lot ?? 1),
    bid: q < m.maxInventory ? d0 + ((2 * q + 1) / 2) * w : null,
    ask: q > -m.maxInventory ? d0 - ((2 * q - 1) / 2) * w : null,
  };
}

/** Asymptotic quotes for every inventory level. */
export function glftAsymptoticQuotes(m: HjbModel): QuoteRow[] {
  validateHjbModel(m);
  const out: QuoteRow[] = [];
  for (let q = -m.maxInventory; q <= m.maxInventory; q++) out.push(glftAsymptoticQuote(m, q));
  return out;
}

/** Default variant: the one the spec's reward optimises ('cara' for a CARA reward, else running penalty). */
export function defaultVariant(config: EnvConfig): HjbVariant {
  return config.reward.kind === 'cara' ? 'cara' : 'running-penalty';
}

/** The asymptotic quotes as a (time-independent) Policy. */
export function glftAsymptoticPolicy(config: EnvConfig, opts: { variant?: HjbVariant } = {}): Policy {
  const m = validateHjbModel(hjbModelFromConfig(config, opts.variant ?? defaultVariant(config)));
  const d0 = staticDepth(m);
  const w = asymptoticSlope(m);
  const lot = m.lot ?? 1;
  return depthRulePolicy('glft-asymptotic', config, false, (q, _t, out) => {
    const j = q / lot;
    out[0] = d0 + (j + 0.5) * w;
    out[1] = d0 - (j - 0.5) * w;
  });
}

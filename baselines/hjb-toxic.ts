/**
 * `hjb-toxic` and `hjb-fees`: the running-penalty HJB of a market whose fills cost something the
 * plain HJB does not see — informed fills (env toxicity rule 'fill': each fill is informed with
 * probability p, and the mid then jumps J against the maker) for `hjb-toxic`, a maker fee c per
 * unit for `hjb-fees` (fee in bps: c = bps 1e-4 S0, the fee at the initial mid).
 *
 * A fee c per fill subtracts c from both Hamiltonians' gains: sup_delta A e^{-k delta} (delta - c
 * - p) = sup_delta' A e^{-k c} e^{-k delta'} (delta' - p) with delta' = delta - c: the HJB with
 * A e^{-k c}, quoted c wider (the classical fee result; Guéant 2017 sec. 3 with the fee in the
 * execution price). Informed fills:
 *
 * Derivation (the running-penalty objective of Cartea, Jaimungal & Penalva 2015 ch. 10 with
 * value x + q S + theta(t, q); Guéant 2017 eq. 3.3 otherwise): a bid fill at depth delta changes
 * the value by delta + theta(q+1) - theta(q) - (q+1) J 1{informed} (the whole new inventory is
 * marked at the jumped mid), an ask fill by delta + theta(q-1) - theta(q) + (q-1) J 1{informed}.
 * In expectation the Hamiltonians' arguments gain p J (q+1) and -p J (q-1), so with
 * v = exp(k theta) the linear system dv/dt = -M v has off-diagonals
 *   M[q][q+1] = eta exp(-k p J (q+1)),   M[q+1][q] = eta exp(k p J q)      (eta = A/e).
 * Their product eta^2 exp(-k p J) does not depend on q, so the diagonal similarity
 * v(q) = exp(k p J q^2 / 2) u(q) makes it symmetric with the constant coupling
 * eta exp(-k p J / 2), the same diagonal k phi q^2 and terminal u(T, q) = exp(-k (alpha + p J/2) q^2):
 *   theta(t, q) = p J q^2 / 2 + theta_HJB(t, q; A' = A exp(-k p J / 2), alpha' = alpha + p J / 2),
 * and the optimal depths (delta = theta(q) - theta(q +- 1) +- p J (q +- 1) + 1/k) are
 *   delta_bid = delta_bid,HJB' + p J / 2,   delta_ask = delta_ask,HJB' + p J / 2:
 * the HJB of a market with less liquidity and a stiffer terminal penalty, quoted p J / 2 wider.
 * With p = 0 it is `hjb`. Checked in hjb-toxic.test.ts (exact values by backward recursion, and
 * against Monte Carlo).
 */
import type { EnvConfig } from '../env/config.js';
import { BaselineParameterError } from './errors.js';
import { exponentialIntensity, gueantPolicyFromSolution, solveGueant, type GueantPolicy } from './gueant.js';

/** Whether the spec's fills are informed (toxicity rule 'fill' with a non-zero fraction and jump): where hjb-toxic differs from hjb. */
export function hasInformedFills(config: EnvConfig): boolean {
  return config.toxicity.rule === 'fill' && config.toxicity.fraction > 0 && config.toxicity.jump > 0;
}

/** The informed-fill probability p and jump J of a spec (rule 'fill'); refuses the 'arrival' rule. */
export function informedFills(config: EnvConfig): { p: number; J: number } {
  const t = config.toxicity;
  if (t.fraction !== 0 && t.rule !== 'fill') {
    throw new BaselineParameterError('toxicity.rule', `toxicity.rule must be "fill" for the hjb-toxic policy (each fill informed with probability fraction), got "${t.rule}"`);
  }
  return { p: t.fraction, J: t.jump };
}

/** The maker fee per unit filled the HJB sees: makerPerUnit + makerBps 1e-4 S0 (a bps fee taken at the initial mid). */
export function feePerFill(config: EnvConfig): number {
  return config.fees.makerPerUnit + config.fees.makerBps * 1e-4 * config.s0;
}

/** Whether the spec charges maker fees (or pays rebates): where hjb-fees differs from hjb. */
export function hasMakerFees(config: EnvConfig): boolean {
  return config.fees.makerPerUnit !== 0 || config.fees.makerBps !== 0;
}

export type FillCosts = 'informed' | 'fees';

/**
 * The equivalent plain-HJB spec for the fill costs priced in: A' = A exp(-k (c + p J / 2)),
 * terminal penalty alpha + p J / 2, those costs removed; the quotes are then `widen` = c + p J / 2
 * wider than that HJB's.
 */
export function costEquivalentConfig(config: EnvConfig, costs: readonly FillCosts[], name: string): { config: EnvConfig; widen: number } {
  const { p, J } = costs.includes('informed') ? informedFills(config) : { p: 0, J: 0 };
  const c = costs.includes('fees') ? feePerFill(config) : 0;
  const { k } = exponentialIntensity(config, name);
  const a = config.arrivals;
  if (a.kind !== 'exponential') {
    throw new BaselineParameterError('arrivals.kind', `arrivals.kind must be "exponential" for the ${name} policy, got "${a.kind}"`);
  }
  if (config.reward.kind !== 'running-penalty') {
    throw new BaselineParameterError('reward.kind', `reward.kind must be "running-penalty" for the ${name} policy (the derivation is for the risk-neutral objective), got "${config.reward.kind}"`);
  }
  if (costs.includes('informed') && p !== 0 && config.orderSize !== 1) {
    throw new BaselineParameterError('orderSize', `orderSize must be 1 for the ${name} policy with informed flow (the informed-fill pricing is per unit fill), got ${config.orderSize}`);
  }
  // fees alone: a fee c per unit is c Delta per fill of Delta, i.e. c per lot in lot units (the
  // lot model, hjb-model.ts header), so the widening and A' are the same for any lot size
  const widen = c + (p * J) / 2;
  const eq: EnvConfig = {
    ...config,
    arrivals: { ...a, A: a.A * Math.exp(-k * widen) },
    reward: { ...config.reward, terminalPenalty: config.reward.terminalPenalty + (p * J) / 2 },
    ...(costs.includes('informed') ? { toxicity: { ...config.toxicity, fraction: 0, jump: 0 } } : {}),
    ...(costs.includes('fees') ? { fees: { makerPerUnit: 0, makerBps: 0 } } : {}),
  };
  return { config: eq, widen };
}

function costAwarePolicy(config: EnvConfig, costs: readonly FillCosts[], name: string): GueantPolicy {
  const { config: eq, widen } = costEquivalentConfig(config, costs, name);
  const sol = solveGueant(eq, 'running-penalty');
  return gueantPolicyFromSolution(config, { ...sol, bid: sol.bid.map((d) => d + widen), ask: sol.ask.map((d) => d + widen) }, name);
}

/** The informed-fill-aware HJB policy (see header): quotes of the equivalent HJB, p J / 2 wider. */
export function hjbToxicPolicy(config: EnvConfig): GueantPolicy {
  return costAwarePolicy(config, ['informed'], 'hjb-toxic');
}

/** The fee-aware HJB policy (see header): the HJB with A e^{-k c}, quoted c wider. */
export function hjbFeesPolicy(config: EnvConfig): GueantPolicy {
  return costAwarePolicy(config, ['fees'], 'hjb-fees');
}

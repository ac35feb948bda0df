/**
 * `hjb-regime`: the HJB policy that knows the volatility regime. In a regime-switching market with
 * the regime observed, regime r's quotes are Guéant's (2017) running-penalty HJB solution for a
 * Brownian mid with that regime's sigma_r (and, where the penalty comes from sigma, its own
 * phi_r = gamma sigma_r^2 / 2), as if the regime never switched again — the frozen-regime
 * approximation. It ignores the switching (and any drift, as `hjb` does), so it is a yardstick and
 * a residual base, not the optimum: `dp-optimal` (exact-optimum.ts) solves the switching exactly.
 *   delta_b(t, q | r) = hjb[sigma_r](t, q),  delta_a likewise   (Guéant 2017, Theorem 3.1, per r)
 * Needs a regime-switching mid and the 'regime' observation feature.
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { actionDim } from '../env/action-map.js';
import { observationLayout } from '../env/observation.js';
import { BaselineParameterError } from './errors.js';
import { solveGueant, writeHjbActions } from './gueant.js';
import type { HjbSolution } from './hjb-solver.js';
import { stateReader, tableAct } from './policy-support.js';

export interface HjbRegimePolicy extends Policy {
  /** One HJB solution per regime, in the order of price.regimes. */
  readonly solutions: readonly HjbSolution[];
}

/** The spec regime r's HJB is solved for: the same market with a Brownian mid of sigma_r, no drift. */
export function regimeHjbConfig(config: EnvConfig, r: number): EnvConfig {
  const p = config.price;
  if (p.kind !== 'regime-switching') {
    throw new BaselineParameterError('price.kind', `price.kind must be "regime-switching" for the hjb-regime policy, got "${p.kind}"`);
  }
  const regime = p.regimes[r];
  if (regime === undefined) throw new RangeError(`regime ${r} is not one of the ${p.regimes.length} regimes`);
  return { ...config, price: { kind: 'brownian', sigma: regime.sigma, mu: 0, binomial: false } };
}

/** Whether the mid switches regimes and the observation shows the regime: where `hjb-regime` applies. */
export function hasObservedRegimes(config: EnvConfig): boolean {
  return config.price.kind === 'regime-switching' && observationLayout(config).index.regime !== undefined;
}

export function hjbRegimePolicy(config: EnvConfig): HjbRegimePolicy {
  const name = 'hjb-regime';
  const p = config.price;
  if (p.kind !== 'regime-switching') {
    throw new BaselineParameterError('price.kind', `price.kind must be "regime-switching" for the ${name} policy, got "${p.kind}"`);
  }
  const regimeIndex = observationLayout(config).index.regime;
  if (regimeIndex === undefined) {
    throw new BaselineParameterError(
      'observation.features',
      `observation.features must include "regime" for the ${name} policy, got ${JSON.stringify(config.observation.features)}`,
    );
  }
  const reader = stateReader(config, true, name);
  const m = p.regimes.length;
  const solutions = p.regimes.map((_, r) => solveGueant(regimeHjbConfig(config, r)));
  const first = solutions[0] as HjbSolution;
  const { width: W, steps } = first;
  const dim = actionDim(config.action);
  const plane = (steps + 1) * W;
  // table[((r (N + 1) + n) W + j) dim ..]: regime r's action at row n, inventory j - Q
  const table = new Float32Array(m * plane * dim);
  solutions.forEach((sol, r) => writeHjbActions(config.action, sol, table, r * plane * dim));
  const act = tableAct(name, reader, { table, dim, maxStep: steps, nStride: W, rStride: plane, regimes: m, regimeIndex, lot: solutions[0]?.model.lot ?? 1 });
  return { name, solutions, spec: structuredClone(config), act };
}

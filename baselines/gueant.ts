/**
 * The GLFT (2013) / Guéant (2017) optimal market maker for an env spec: the HJB model read from
 * the config, its quote table on the env's time grid, the value function and the policy.
 *
 * Variants (Guéant 2017, sec. 3): 'running-penalty' (xi = 0, phi = effectivePhi(config), the
 * objective of the env's running-penalty reward; CJP 2015 ch. 10) and 'cara' (xi = gamma,
 * phi = gamma sigma^2 / 2; GLFT 2013, the env's CARA reward). alpha = reward.terminalPenalty.
 * The value: the running-penalty variant's x0 + q0 S0 + theta(0, q0) is the optimal expected
 * objective (the episode return of the running-penalty reward plus initial wealth); the CARA
 * variant's is the certainty equivalent of the optimal expected utility.
 */
import type { ActionConfig, EnvConfig } from '../env/config.js';
import { episodeSteps } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { actionDim, depthsToAction } from '../env/action-map.js';
import { effectivePhi, referenceSigma, stationaryDistribution } from '../env/effective-params.js';
import { BaselineParameterError, requireNumber } from './errors.js';
import type { HjbModel } from './hjb-model.js';
import { type HjbSolution, quotesFromLogV, solveHjb, solveHjbAt } from './hjb-solver.js';
import { stateReader, tableAct } from './policy-support.js';

export type HjbVariant = 'running-penalty' | 'cara';
export const HJB_VARIANTS: readonly HjbVariant[] = ['running-penalty', 'cara'];

/** One inventory level's quotes; `null` for a side that is not quoted (at the bound). */
export interface QuoteRow {
  q: number;
  bid: number | null;
  ask: number | null;
}

/**
 * Intensity parameters (A, k) of a spec whose arrivals have an exponential shape A e^{-k delta}.
 * Hawkes flow: the stationary mean intensity A / (1 - branching) (a Poisson approximation).
 */
export function exponentialIntensity(config: EnvConfig, policyName: string): { A: number; k: number } {
  const a = config.arrivals;
  if (a.kind === 'exponential') return { A: a.A, k: a.k };
  if (a.kind === 'hawkes') return { A: a.A / (1 - a.branching), k: a.k };
  if (a.kind === 'random-exponential') return { A: a.A, k: a.k }; // the nominal liquidity

  throw new BaselineParameterError(
    'arrivals.kind',
    `arrivals.kind must be "exponential", "hawkes" or "random-exponential" (intensity A exp(-k delta)) for the ${policyName} policy, got "${a.kind}"`,
  );
}

/**
 * The depth maximising a risk-neutral maker's expected capture delta lambda(delta):
 * 1/k for exponential (and Hawkes) intensities, delta0 / (alpha - 1) for the power law
 * A (1 + delta/delta0)^-alpha (alpha > 1).
 */
export function riskNeutralDepth(config: EnvConfig, policyName: string): number {
  const a = config.arrivals;
  if (a.kind === 'power-law') {
    if (!(a.alpha > 1)) {
      throw new BaselineParameterError('arrivals.alpha', `arrivals.alpha must be > 1 for the ${policyName} policy's default depth delta0/(alpha - 1), got ${a.alpha}`);
    }
    return a.delta0 / (a.alpha - 1);
  }
  return 1 / exponentialIntensity(config, policyName).k;
}

/**
 * The mid's drift mu a drift-aware HJB uses: price.mu of a brownian or jump mid, the stationary
 * mean drift of a regime-switching one; other kinds are refused.
 */
export function driftOf(config: EnvConfig): number {
  const p = config.price;
  if (p.kind === 'brownian' || p.kind === 'jump') return p.mu;
  if (p.kind === 'regime-switching') {
    const pi = stationaryDistribution(p.transition);
    return p.regimes.reduce((acc, r, i) => acc + (pi[i] ?? 0) * r.mu, 0);
  }
  throw new BaselineParameterError('price.kind', `price.kind must be "brownian", "jump" or "regime-switching" for the drift-aware HJB, got "${p.kind}"`);
}

/** Whether the mid drifts (a brownian mid with mu != 0, or a regime with mu != 0): where `hjb-drift` differs from `hjb`. */
export function hasDrift(config: EnvConfig): boolean {
  const p = config.price;
  if (p.kind === 'brownian') return p.mu !== 0;
  return p.kind === 'regime-switching' && p.regimes.some((r) => r.mu !== 0);
}

/**
 * Lots in the inventory bound: Q / orderSize, which must be a whole number >= 1 (the HJB's grid
 * is in lots of orderSize; hjb-model.ts header).
 */
export function lotsOf(config: Pick<EnvConfig, 'maxInventory' | 'orderSize'>): number {
  const lot = config.orderSize;
  requireNumber('orderSize', lot, { gt: 0 });
  const lots = config.maxInventory / lot;
  const L = Math.round(lots);
  if (!(L >= 1 && Math.abs(lots - L) <= 1e-9 * Math.max(1, lots))) {
    throw new BaselineParameterError(
      'maxInventory',
      `maxInventory must be a whole number >= 1 of lots of orderSize for the HJB model (its grid is in lots), got maxInventory ${config.maxInventory} / orderSize ${lot} = ${lots}`,
    );
  }
  return L;
}

/**
 * The HJB model of a spec (see header for the symbol map); `drift`: include the mid's drift mu
 * (running-penalty variant). With orderSize Delta != 1 the model is in lots (hjb-model.ts header):
 * phi, alpha, gamma and xi times Delta, Q / Delta lots, `lot` = Delta.
 */
export function hjbModelFromConfig(config: EnvConfig, variant: HjbVariant = 'running-penalty', opts: { drift?: boolean } = {}): HjbModel {
  if (!HJB_VARIANTS.includes(variant)) {
    throw new BaselineParameterError('variant', `variant must be one of ${HJB_VARIANTS.join(', ')}, got ${String(variant)}`);
  }
  const { A, k } = exponentialIntensity(config, 'hjb');
  const lot = config.orderSize;
  const lots = lotsOf(config);
  const sigma = referenceSigma(config);
  const gamma = config.gamma * lot;
  return {
    A,
    k,
    gamma,
    xi: variant === 'cara' ? gamma : 0,
    phi: (variant === 'cara' ? (config.gamma * sigma * sigma) / 2 : effectivePhi(config)) * lot,
    alpha: config.reward.terminalPenalty * lot,
    maxInventory: lots,
    horizon: config.horizon,
    ...(lot !== 1 ? { lot } : {}),
    ...(opts.drift === true ? { mu: driftOf(config) } : {}),
  };
}

/**
 * Why a spec's market is not exactly the model's (empty list = the HJB is the exact optimum of
 * this env in continuous time, so its value is the "100%" mark).
 */
export function modelMismatches(config: EnvConfig, variant: HjbVariant = 'running-penalty'): string[] {
  const out: string[] = [];
  const p = config.price;
  if (p.kind !== 'brownian') out.push(`price.kind is "${p.kind}", the model assumes "brownian"`);
  else if (p.mu !== 0) out.push(`price.mu is ${p.mu}, the model assumes 0`);
  if (config.arrivals.kind !== 'exponential') out.push(`arrivals.kind is "${config.arrivals.kind}", the model assumes "exponential"`);
  if (config.toxicity.fraction !== 0) out.push(`toxicity.fraction is ${config.toxicity.fraction}, the model has no informed flow`);
  if (config.fees.makerPerUnit !== 0 || config.fees.makerBps !== 0) out.push('fees are not zero');
  if (config.tickSize !== 0) out.push(`tickSize is ${config.tickSize}, the model quotes continuously`);
  if (config.latencySteps !== 0) out.push(`latencySteps is ${config.latencySteps}, the model has no latency`);
  if (!Number.isInteger(config.initialInventory)) out.push(`initialInventory ${config.initialInventory} is not an integer`);
  const want = variant === 'cara' ? 'cara' : 'running-penalty';
  if (config.reward.kind !== want) out.push(`reward.kind is "${config.reward.kind}", the ${variant} HJB optimises "${want}"`);
  return out;
}

/** The HJB solved on the env's time grid (N = round(T/dt) steps; row n is t_n = n T / N). */
export function solveGueant(config: EnvConfig, variant: HjbVariant = 'running-penalty', opts: { drift?: boolean } = {}): HjbSolution {
  return solveHjb(hjbModelFromConfig(config, variant, opts), episodeSteps(config));
}

/** Optimal quotes for every inventory level at any time t in [0, T] (exact, off-grid allowed). */
export function gueantQuotesAt(config: EnvConfig, t: number, variant: HjbVariant = 'running-penalty'): QuoteRow[] {
  const m = hjbModelFromConfig(config, variant);
  return quotesFromLogV(m, solveHjbAt(m, t, config.dt));
}

/** theta(t, j) of the model on the grid: row n (t_n = n T/N), j lots in [-Q, Q] (model units: lot units when `lot` != 1). */
export function thetaOnGrid(sol: HjbSolution, n: number, q: number): number {
  const Q = sol.model.maxInventory;
  requireNumber('n', n, { min: 0, max: sol.steps, integer: true });
  requireNumber('q', q, { min: -Q, max: Q, integer: true });
  return (sol.logV[n * sol.width + q + Q] as number) / sol.model.k;
}

/**
 * theta(t, q) at any t in [0, T], q in inventory units, in price units (the value function;
 * optimalValue = x0 + q0 S0 + theta(0, q0)). With a lot size Delta, q must be a whole number of
 * lots and theta = Delta theta_lots(t, q / Delta).
 */
export function valueFunction(config: EnvConfig, t: number, q: number, variant: HjbVariant = 'running-penalty'): number {
  const m = hjbModelFromConfig(config, variant);
  const lot = m.lot ?? 1;
  const j = lot === 1 ? q : Math.round(q / lot);
  if (lot !== 1 && Math.abs(q / lot - j) > 1e-9 * Math.max(1, Math.abs(j))) {
    throw new BaselineParameterError('q', `q must be a whole number of lots of ${lot} for the HJB value, got ${q}`);
  }
  requireNumber('q', j, { min: -m.maxInventory, max: m.maxInventory, integer: true });
  return (lot * (solveHjbAt(m, t, config.dt)[j + m.maxInventory] as number)) / m.k;
}

/** x0 + q0 S0 + theta(0, q0): the optimal expected objective (certainty equivalent for 'cara'). */
export function optimalValue(config: EnvConfig, q0: number = config.initialInventory, variant: HjbVariant = 'running-penalty'): number {
  return config.initialCash + q0 * config.s0 + valueFunction(config, 0, q0, variant);
}

/**
 * A solution's quotes as actions of `action`, cell by cell (row n, j - Q lots), written to
 * out from offset `at`; a side not quoted (the bid at q = Q, the ask at q = -Q) gets the deepest
 * action the mode can express.
 */
export function writeHjbActions(action: ActionConfig, solution: HjbSolution, out: Float32Array, at: number): void {
  const { bid, ask, width } = solution;
  const dim = actionDim(action);
  for (let cell = 0; cell < bid.length; cell++) {
    const j = cell % width;
    depthsToAction(action, j < width - 1 ? (bid[cell] as number) : Infinity, j > 0 ? (ask[cell] as number) : Infinity, out, at + cell * dim);
  }
}

/** The HJB-optimal policy with its solution attached (quotes by table look-up, one per row). */
export interface GueantPolicy extends Policy {
  readonly solution: HjbSolution;
  readonly variant: HjbVariant;
}

/**
 * `gueantPolicy(config)`: reads q and t from raw observations and returns the precomputed action
 * of cell (n, q), n = round(t/T N): the quote table is turned into actions of the env's action
 * mode once at construction (a side not quoted, at q = +-Q, gets the deepest action; the env does
 * not quote it anyway), so `act` is a table look-up per row.
 */
export function gueantPolicy(config: EnvConfig, opts: { variant?: HjbVariant; drift?: boolean } = {}): GueantPolicy {
  const variant = opts.variant ?? 'running-penalty';
  const drift = opts.drift === true;
  if (drift && variant === 'cara') throw new BaselineParameterError('variant', 'the drift-aware HJB is the running-penalty variant');
  const name = variant === 'cara' ? 'hjb-cara' : drift ? 'hjb-drift' : 'hjb';
  return gueantPolicyFromSolution(config, solveGueant(config, variant, { drift }), name, variant);
}

/** A quote table (an HJB solution on the env's grid) as the env's policy `name`, reading states of `config`. */
export function gueantPolicyFromSolution(config: EnvConfig, solution: HjbSolution, name: string, variant: HjbVariant = 'running-penalty'): GueantPolicy {
  const reader = stateReader(config, true, name);
  const dim = actionDim(config.action);
  const table = new Float32Array(solution.bid.length * dim);
  writeHjbActions(config.action, solution, table, 0);
  const act = tableAct(name, reader, { table, dim, maxStep: solution.steps, nStride: solution.width, rStride: 0, regimes: 1, regimeIndex: undefined, lot: solution.model.lot ?? 1 });
  return { name, variant, solution, spec: structuredClone(config), act };
}

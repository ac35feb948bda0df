/**
 * The data behind `mmgym quotes` and `mmgym baseline` (the CLI only prints it). The JSON shapes
 * (`QuotesReport`, `BaselineReport`) are the commands' documented `--json` output: keys are stable
 * across versions (new keys may be added, none renamed or removed).
 */
import type { EnvConfig, EnvOverrides } from '../env/config.js';
import { makeVec } from '../env/registry.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { asDepths, asParamsFromConfig } from './avellaneda-stoikov.js';
import { expectedReturnByRecursion } from './discrete-evaluation.js';
import { BaselineParameterError, requireNumber } from './errors.js';
import { defaultVariant, glftAsymptoticQuotes } from './glft-asymptotic.js';
import { type HjbVariant, type QuoteRow, gueantQuotesAt, hjbModelFromConfig, modelMismatches, valueFunction } from './gueant.js';
import { makeBaselinePolicy } from './registry.js';
import { type SampleSummary, runBaselineEpisodes, summarizeSample } from './run-baseline.js';

export const QUOTE_POLICIES = ['hjb', 'hjb-cara', 'as', 'glft-asymptotic'] as const;
export type QuotePolicy = (typeof QUOTE_POLICIES)[number];

/** `mmgym quotes --json`. Depths are the model's (not clipped to the action box); null = side not quoted. */
export interface QuotesReport {
  policy: QuotePolicy;
  env: string;
  /** Time t at which the quotes are given (0 <= t <= T). */
  t: number;
  /** Horizon T and inventory bound Q of the spec. */
  T: number;
  Q: number;
  /** The model parameters used (A, k, sigma, gamma, and phi/alpha/xi for the HJB policies). */
  params: Record<string, number>;
  /** One row per inventory level q = -Q..Q. */
  quotes: QuoteRow[];
}

export function quotesReport(opts: { policy: string; env: string; overrides?: EnvOverrides; t?: number }): QuotesReport {
  const policy = opts.policy as QuotePolicy;
  if (!(QUOTE_POLICIES as readonly string[]).includes(policy)) {
    throw new BaselineParameterError('policy', `policy must be one of ${QUOTE_POLICIES.join(', ')}, got ${JSON.stringify(opts.policy)}`);
  }
  const config = resolveEnvConfig(opts.env, opts.overrides);
  const t = requireNumber('t', opts.t ?? 0, { min: 0, max: config.horizon });
  const Q = config.maxInventory;
  let quotes: QuoteRow[];
  let params: Record<string, number>;
  if (policy === 'as') {
    const p = asParamsFromConfig(config);
    params = { gamma: p.gamma, sigma: p.sigma, k: p.k, T: p.horizon };
    quotes = [];
    const lot = p.lot ?? 1;
    const L = Math.round(Q / lot);
    for (let j = -L; j <= L; j++) {
      const q = j * lot;
      const [bid, ask] = asDepths(p, q, t);
      quotes.push({ q, bid, ask });
    }
  } else {
    const variant: HjbVariant = policy === 'hjb' ? 'running-penalty' : policy === 'hjb-cara' ? 'cara' : defaultVariant(config);
    const m = hjbModelFromConfig(config, variant);
    params = { A: m.A, k: m.k, gamma: m.gamma, xi: m.xi, phi: m.phi, alpha: m.alpha, Q: m.maxInventory, T: m.horizon, ...(m.lot !== undefined ? { lot: m.lot } : {}) };
    quotes = policy === 'glft-asymptotic' ? glftAsymptoticQuotes(m) : gueantQuotesAt(config, t, variant);
  }
  return { policy, env: opts.env, t, T: config.horizon, Q, params, quotes };
}

/** `mmgym baseline --json`. */
export interface BaselineReport {
  policy: string;
  env: string;
  episodes: number;
  /** Episode e used seed + e. */
  seed: number;
  numEnvs: number;
  /** Episode return (sum of the env's rewards). */
  return: SampleSummary;
  /** Terminal PnL W_T - W_0 (mark to mid, before penalties). */
  terminalPnl: SampleSummary;
  /** |q_T|. */
  absFinalInventory: SampleSummary;
  /** Units filled per episode. */
  fills: SampleSummary;
  /**
   * The HJB optimum where the env has one (the model matches the env exactly; see optimalNote):
   * optimalValue = x0 + q0 S0 + theta(0, q0) (certainty equivalent for a CARA reward), and
   * optimalReturn = the same on the episode-return scale (theta(0, q0), or -exp(-gamma theta) for CARA).
   */
  optimalValue: number | null;
  optimalReturn: number | null;
  /** Why there is no optimal value ("" when there is one). */
  optimalNote: string;
  /** This policy's exact expected return in the discrete env (backward recursion), where computable; else null. */
  exactExpectedReturn: number | null;
  config: EnvConfig;
}

export function optimalOf(config: EnvConfig): { optimalValue: number | null; optimalReturn: number | null; optimalNote: string } {
  if (config.reward.kind === 'pnl') {
    return { optimalValue: null, optimalReturn: null, optimalNote: 'the "pnl" reward has no inventory risk term; the HJB optimum is defined for the running-penalty and cara rewards' };
  }
  const variant: HjbVariant = config.reward.kind === 'cara' ? 'cara' : 'running-penalty';
  const why = modelMismatches(config, variant);
  if (why.length > 0) return { optimalValue: null, optimalReturn: null, optimalNote: why.join('; ') };
  try {
    const q0 = config.initialInventory;
    const theta = valueFunction(config, 0, q0, variant);
    const optimalReturn = variant === 'cara' ? -Math.exp(-config.gamma * theta) : theta;
    return { optimalValue: config.initialCash + q0 * config.s0 + theta, optimalReturn, optimalNote: '' };
  } catch (e) {
    return { optimalValue: null, optimalReturn: null, optimalNote: (e as Error).message };
  }
}

export function evaluateBaseline(opts: {
  policy: string;
  env: string;
  overrides?: EnvOverrides;
  episodes: number;
  seed: number;
  numEnvs?: number;
}): BaselineReport {
  const config = resolveEnvConfig(opts.env, opts.overrides);
  const episodes = requireNumber('episodes', opts.episodes, { min: 2, integer: true });
  const numEnvs = requireNumber('numEnvs', opts.numEnvs ?? Math.min(episodes, 1000), { min: 1, integer: true });
  const policy = makeBaselinePolicy(opts.policy, config);
  const env = makeVec(config, { numEnvs });
  const r = runBaselineEpisodes(env, policy, { episodes, seed: opts.seed });
  env.close();
  let exact: number | null = null;
  if (opts.policy !== 'random') {
    try {
      exact = expectedReturnByRecursion(config, policy).value;
    } catch {
      exact = null; // the env is outside the recursion's scope (e.g. fees, Hawkes, extra features)
    }
  }
  return {
    policy: opts.policy,
    env: opts.env,
    episodes,
    seed: opts.seed,
    numEnvs,
    return: summarizeSample(r.returns),
    terminalPnl: summarizeSample(r.terminalPnl),
    absFinalInventory: summarizeSample(r.finalInventory.map(Math.abs)),
    fills: summarizeSample(r.fills),
    ...optimalOf(config),
    exactExpectedReturn: exact,
    config,
  };
}

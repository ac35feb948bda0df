/**
 * The data behind `mmgym optimum` (the CLI only prints it): the exact optimum V*(0, q0) of a
 * finite-state market and, in the same discrete MDP, the exact values of the HJB policy (and the
 * drift-aware HJB where the mid drifts), of Avellaneda-Stoikov and of the best constant
 * symmetric depth, each with its headroom V* - V (absolute and % of |V|). JSON keys are stable:
 * env, value, hjbValue, headroom, headroomPct, asValue, bestFixed: {depth, value}, method,
 * tolerance (more may be added, none renamed).
 */
import type { EnvConfig, EnvOverrides } from '../env/config.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { type DepthRule, expectedReturnByRecursion, expectedReturnOfDepthRule } from './discrete-evaluation.js';
import { type ExactOptimum, exactOptimum } from './exact-optimum.js';
import { UnsupportedMarketError, finiteMdpOf, finiteMdpReasons } from './finite-mdp.js';
import { hasDrift } from './gueant.js';
import { hasObservedRegimes } from './hjb-regime.js';
import { hasInformedFills, hasMakerFees } from './hjb-toxic.js';
import { makeBaselinePolicy } from './registry.js';

export interface OptimumReport {
  env: string;
  /** V*(0, q0): the optimal expected episode return. */
  value: number;
  /** The HJB policy's exact expected return in the same MDP (null where it cannot be built, see notes). */
  hjbValue: number | null;
  /** V* - V_HJB, and as % of |V_HJB|. */
  headroom: number | null;
  headroomPct: number | null;
  /** Drift-aware HJB (only where the mid has a drift), else null. */
  hjbDriftValue: number | null;
  /** Per-regime HJB (only where the mid switches regimes and the regime is observed), else null. */
  hjbRegimeValue: number | null;
  /** Informed-fill HJB (only where the maker's fills are informed), else null. */
  hjbToxicValue: number | null;
  /** Fee-aware HJB (only where the maker pays fees or gets rebates), else null. */
  hjbFeesValue: number | null;
  asValue: number | null;
  asHeadroom: number | null;
  asHeadroomPct: number | null;
  /** The best constant symmetric depth delta (both sides, every state) and its value. */
  bestFixed: { depth: number; value: number; headroom: number; headroomPct: number };
  method: string;
  tolerance: number;
  /** Why a comparison is missing. */
  notes: string[];
  config: EnvConfig;
  /** The solved optimum itself (its tables; not part of the JSON report), for callers that go on with it (gap decomposition). */
  optimum: ExactOptimum;
}

const GOLD = (Math.sqrt(5) - 1) / 2;

/** The best constant symmetric depth by enumeration (finite depth set) or grid + golden section (interval). */
export function bestFixedDepth(config: EnvConfig): { depth: number; value: number } {
  const mdp = finiteMdpOf(config, 'best fixed depth');
  const valueAt = (d: number): number => {
    const rule: DepthRule = (_n, _q, _r, out) => {
      out[0] = d;
      out[1] = d;
    };
    return expectedReturnOfDepthRule(config, rule).value;
  };
  let best = { depth: 0, value: -Infinity };
  const consider = (d: number): number => {
    const v = valueAt(d);
    if (v > best.value) best = { depth: d, value: v };
    return v;
  };
  const dom = mdp.domain;
  if (dom.kind === 'grid') {
    for (const d of dom.values) consider(d);
    return best;
  }
  const M = 80;
  const h = (dom.hi - dom.lo) / M;
  for (let i = 0; i <= M; i++) consider(dom.lo + i * h);
  let a = Math.max(dom.lo, best.depth - h);
  let b = Math.min(dom.hi, best.depth + h);
  let c = b - GOLD * (b - a);
  let d = a + GOLD * (b - a);
  let fc = consider(c);
  let fd = consider(d);
  while (b - a > 1e-9) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - GOLD * (b - a);
      fc = consider(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + GOLD * (b - a);
      fd = consider(d);
    }
  }
  return best;
}

const pct = (gap: number, v: number): number => (100 * gap) / Math.abs(v);

/** The optimum of a market, or UnsupportedMarketError (with an upper bound where one is computable). */
export function optimumReport(opts: { env: string; overrides?: EnvOverrides }): OptimumReport {
  const config = resolveEnvConfig(opts.env, opts.overrides);
  const reasons = finiteMdpReasons(config);
  if (reasons.length > 0) {
    let why = reasons.map((r) => r.why);
    if (reasons.every((r) => r.field === 'latencySteps')) {
      // Quotes chosen L steps ahead are a history-dependent policy of the same market without
      // latency, so its optimum bounds the latency market's from above.
      const bound = exactOptimum({ ...config, latencySteps: 0 }).value;
      why = [...why, `upper bound: V* of the same market without latency = ${bound.toFixed(4)} (a policy acting L steps late is a history-dependent policy there)`];
    }
    throw new UnsupportedMarketError('exact optimum', why, reasons[0]!.field);
  }
  const opt = exactOptimum(config);
  const notes: string[] = [];
  const valueOf = (name: string): number | null => {
    try {
      return expectedReturnByRecursion(config, makeBaselinePolicy(name, config)).value;
    } catch (e) {
      notes.push(`${name}: ${(e as Error).message}`);
      return null;
    }
  };
  const hjbValue = valueOf('hjb');
  const hjbDriftValue = hasDrift(config) ? valueOf('hjb-drift') : null;
  const hjbRegimeValue = hasObservedRegimes(config) ? valueOf('hjb-regime') : null;
  const hjbToxicValue = hasInformedFills(config) ? valueOf('hjb-toxic') : null;
  const hjbFeesValue = hasMakerFees(config) ? valueOf('hjb-fees') : null;
  const asValue = valueOf('as');
  const fixed = bestFixedDepth(config);
  return {
    env: opts.env,
    value: opt.value,
    hjbValue,
    headroom: hjbValue === null ? null : opt.value - hjbValue,
    headroomPct: hjbValue === null ? null : pct(opt.value - hjbValue, hjbValue),
    hjbDriftValue,
    hjbRegimeValue,
    hjbToxicValue,
    hjbFeesValue,
    asValue,
    asHeadroom: asValue === null ? null : opt.value - asValue,
    asHeadroomPct: asValue === null ? null : pct(opt.value - asValue, asValue),
    bestFixed: { depth: fixed.depth, value: fixed.value, headroom: opt.value - fixed.value, headroomPct: pct(opt.value - fixed.value, fixed.value) },
    method: opt.method,
    tolerance: opt.tolerance,
    notes,
    config,
    optimum: opt,
  };
}

/** The exact marks evaluations report against: V* and the HJB policy's exact value (null where not computable, with the reason). */
export interface ExactMarks {
  exactOptimum: number | null;
  hjbExactReturn: number | null;
  /** The optimum itself (its table builds `dp-optimal` without solving again); null without V*. */
  optimum: ExactOptimum | null;
  /** Whether a policy's exact value is computable too (V* exists and the observation is only what the recursion tracks). */
  policiesEvaluable: boolean;
  note: string;
}

/**
 * Fraction of V* with the reference policy as control variate: the policy's expected return
 * estimated as V_ref + (mean - refMean) on common seeds, V_ref the reference's exact value; without
 * V_ref (or refMean) it is mean / V*. null where there is no positive V*.
 */
export function fractionOfOptimum(vStar: number | null, refExact: number | null, mean: number, refMean: number | null): number | null {
  if (vStar === null || !(vStar > 0)) return null;
  return (refExact !== null && refMean !== null ? refExact + (mean - refMean) : mean) / vStar;
}

export function exactMarks(config: EnvConfig): ExactMarks {
  const reasons = finiteMdpReasons(config);
  if (reasons.length > 0) return { exactOptimum: null, hjbExactReturn: null, optimum: null, policiesEvaluable: false, note: reasons.map((r) => r.why).join('; ') };
  const optimum = exactOptimum(config);
  let hjbExactReturn: number | null = null;
  let note = '';
  try {
    hjbExactReturn = expectedReturnByRecursion(config, makeBaselinePolicy('hjb', config)).value;
  } catch (e) {
    note = `hjb: ${(e as Error).message}`;
  }
  const policiesEvaluable = finiteMdpReasons(config, { forPolicyEvaluation: true }).length === 0;
  return { exactOptimum: optimum.value, hjbExactReturn, optimum, policiesEvaluable, note };
}

/**
 * Head-to-head comparison of policies played on the same episodes (common random numbers):
 * per policy the metrics of evals/metrics and the fraction of the HJB optimum; per pair
 * (each candidate vs each baseline, and candidates against each other) the paired difference
 * of episode returns with 95% paired-t and bootstrap intervals and the win rate.
 *
 * % of optimal = mean return / mean return of the reference (HJB) policy on the same seeds (a
 * ratio of means; reported only when the reference's mean is positive, null otherwise). Where
 * the env has an analytic optimum, `pctOfValue` = mean return / theta(0, q0), the HJB value function's expected
 * return (Gueant 2017, the value function of the continuous-time problem).
 *
 * % of V* (`pctOfOptimum`): the exact optimum V* of the env's finite MDP (baselines/exact-optimum.ts)
 * is the 100% mark wherever it exists. The policy's expected return is estimated with the
 * reference policy as control variate: V_ref + mean(policy - ref) on the common seeds, where V_ref
 * is the reference's exact expected return (baselines/discrete-evaluation.ts); the paired
 * difference cancels most of the market noise. Without V_ref it is mean return / V*.
 */
import type { EpisodeBatch } from './run-episodes.js';
import { summarizeBatch, type MetricsOptions, type PolicyMetrics } from './metrics/summarize.js';
import { pairedDifference, type PairedDifference } from './stats/paired.js';
import { fractionOfOptimum } from '../baselines/optimum-report.js';

export interface PolicyReport {
  name: string;
  role: 'candidate' | 'baseline';
  metrics: PolicyMetrics;
  /** Mean return / reference policy's mean return (null without a reference). */
  pctOfReference: number | null;
  /** Mean return / analytic expected optimal return (null where the env has none). */
  pctOfValue: number | null;
  /** Estimated expected return / V*, the exact optimum of the discrete env (null where it has none; see header). */
  pctOfOptimum: number | null;
}

export interface PairReport {
  policy: string;
  baseline: string;
  /** Differences of episode returns, policy - baseline. */
  returns: PairedDifference;
  /** Differences of terminal PnL, policy - baseline. */
  pnl: PairedDifference;
}

export interface CompareOptions extends MetricsOptions {
  /** Name of the reference policy for % of optimal (e.g. 'hjb'); null = none. */
  referenceName?: string | null;
  /** Expected return of the optimal policy from the value function, where available. */
  optimalReturn?: number | null;
  /** V* of the env's finite MDP, where it exists. */
  exactOptimum?: number | null;
  /** The reference policy's exact expected return in the same MDP (control variate of % of V*). */
  referenceExactReturn?: number | null;
  /** Confidence level. @defaultValue 0.95 */
  level?: number;
  /** Bootstrap resamples. @defaultValue 2000 */
  resamples?: number;
  /** Seed of the bootstrap generator. @defaultValue 0 */
  bootstrapSeed?: number;
}

export interface Comparison {
  episodes: number;
  seed: number;
  referenceName: string | null;
  optimalReturn: number | null;
  exactOptimum: number | null;
  referenceExactReturn: number | null;
  policies: PolicyReport[];
  pairs: PairReport[];
}

export function comparePolicies(
  candidates: readonly EpisodeBatch[],
  baselines: readonly EpisodeBatch[],
  options: CompareOptions = {},
): Comparison {
  const all = [...candidates, ...baselines];
  const first = all[0];
  if (first === undefined) throw new RangeError('comparePolicies needs at least one policy, got 0');
  for (const b of all) {
    if (b.seed !== first.seed || b.episodes !== first.episodes) {
      throw new Error(
        `policies must be played on the same episodes: '${b.policyName}' has seed ${b.seed} x ${b.episodes}, ` +
          `'${first.policyName}' has seed ${first.seed} x ${first.episodes}`,
      );
    }
  }
  const names = new Set<string>();
  for (const b of all) {
    if (names.has(b.policyName)) throw new Error(`duplicate policy name '${b.policyName}' in a comparison`);
    names.add(b.policyName);
  }
  const referenceName = options.referenceName ?? null;
  const reference = referenceName === null ? undefined : all.find((b) => b.policyName === referenceName);
  if (referenceName !== null && reference === undefined) {
    throw new Error(`reference policy '${referenceName}' is not among the compared policies (${[...names].join(', ')})`);
  }
  const optimalReturn = options.optimalReturn ?? null;
  const summaries = new Map(all.map((b) => [b.policyName, summarizeBatch(b, options)]));
  const refMean = reference !== undefined ? (summaries.get(reference.policyName) as PolicyMetrics).return.mean : null;
  const vStar = options.exactOptimum ?? null;
  const refExact = reference !== undefined ? (options.referenceExactReturn ?? null) : null;
  const policies: PolicyReport[] = all.map((b, i) => {
    const metrics = summaries.get(b.policyName) as PolicyMetrics;
    return {
      name: b.policyName,
      role: i < candidates.length ? 'candidate' : 'baseline',
      metrics,
      pctOfReference: refMean !== null && refMean > 0 ? metrics.return.mean / refMean : null,
      pctOfValue: optimalReturn !== null && optimalReturn > 0 ? metrics.return.mean / optimalReturn : null,
      pctOfOptimum: fractionOfOptimum(vStar, refExact, metrics.return.mean, refMean),
    };
  });
  const seed = options.bootstrapSeed ?? 0;
  const pairOpts = {
    seed,
    ...(options.level !== undefined ? { level: options.level } : {}),
    ...(options.resamples !== undefined ? { resamples: options.resamples } : {}),
  };
  const pair = (c: EpisodeBatch, b: EpisodeBatch): PairReport => ({
    policy: c.policyName,
    baseline: b.policyName,
    returns: pairedDifference(c.returns, b.returns, pairOpts),
    pnl: pairedDifference(c.pnl, b.pnl, pairOpts),
  });
  // Each candidate against each baseline, then candidates against each other.
  const pairs: PairReport[] = candidates.flatMap((c) => baselines.map((b) => pair(c, b)));
  candidates.forEach((c, i) => candidates.slice(i + 1).forEach((d) => pairs.push(pair(c, d))));
  return { episodes: first.episodes, seed: first.seed, referenceName, optimalReturn, exactOptimum: vStar, referenceExactReturn: refExact, policies, pairs };
}

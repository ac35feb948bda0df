/**
 * Periodic evaluation against the HJB optimum on fixed seeds with common random numbers:
 * every policy plays episodes seeded evalSeed .. evalSeed + n - 1 (evals/run-episodes.ts), so the
 * agent and the HJB policy face identical markets, and
 *   pct_optimal = mean return of the agent / mean return of the HJB policy (same seeds),
 * and, where the env's finite MDP has an exact optimum V* (baselines/exact-optimum.ts),
 *   pct_exact_optimum = (V_HJB + mean(agent - HJB)) / V*,
 * the agent's expected return estimated with the HJB policy's exact value V_HJB as control
 * variate (evals/compare.ts). Where the policy reads only what the finite MDP tracks (step,
 * inventory, regime), its exact expected return is computed as well, by backward recursion
 * (baselines/discrete-evaluation.ts): exact_return, and pct_exact_optimum = exact_return / V*
 * then, without Monte-Carlo noise; `mmgym train` selects best/ by it there. The HJB figure and
 * the exact marks are computed once per evaluator.
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy, VectorEnv } from '../env/types.js';
import { expectedReturnByRecursion } from '../baselines/discrete-evaluation.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { type ExactMarks, exactMarks, fractionOfOptimum } from '../baselines/optimum-report.js';
import { runEpisodes } from '../evals/run-episodes.js';
import { describe } from '../evals/stats/describe.js';

export interface ReturnStats {
  /** Mean episode return. */
  mean: number;
  /** Standard error of the mean (sample std / sqrt(n); 0 for n = 1). */
  se: number;
  episodes: number;
}

export interface EvalSummary {
  episodes: number;
  seed: number;
  meanReturn: number;
  seReturn: number;
  hjbMeanReturn: number;
  hjbSeReturn: number;
  /** meanReturn / hjbMeanReturn. */
  pctOptimal: number;
  /** V* of the env (null where it has none). */
  exactOptimum: number | null;
  /** The policy's exact expected return in the finite MDP (null where the market or the observation has no finite state). */
  exactReturn: number | null;
  /** exactReturn / V* where exact, else (V_HJB + meanReturn - hjbMeanReturn) / V* (null without V*). */
  pctExactOptimum: number | null;
}

/**
 * The figure best/ is chosen by: the exact expected return where there is one, else the fraction
 * of HJB on the validation seeds, else (on a tape where the HJB policy's mean is not positive) the
 * mean return on them — the HJB mean is the same at every evaluation, so the last two order
 * policies alike.
 */
export function selectionScore(s: Pick<EvalSummary, 'exactReturn' | 'pctOptimal' | 'meanReturn'>): { kind: 'exact' | 'pct' | 'mean'; score: number } {
  if (s.exactReturn !== null) return { kind: 'exact', score: s.exactReturn };
  return Number.isFinite(s.pctOptimal) ? { kind: 'pct', score: s.pctOptimal } : { kind: 'mean', score: s.meanReturn };
}

/** Where the evaluator plays: the simulator of its config (default), or a recorded tape. */
export interface EvaluatorEnv {
  /** Builds the evaluation vector env (e.g. a held-out replay span with the training config). */
  makeEnv?: (numEnvs: number) => VectorEnv;
  /**
   * Real data: no exact marks (a tape is no finite MDP). On any env, % of optimal only where the
   * HJB policy's mean return is positive (NaN otherwise; best/ is then chosen by the mean return).
   */
  replay?: boolean;
}

export function returnStats(returns: ArrayLike<number>): ReturnStats {
  const d = describe(returns);
  return { mean: d.mean, se: d.se, episodes: d.n };
}

/** Fraction of the optimum; guarded so a non-positive HJB mean gives a clear error, not a sign flip. */
export function pctOfOptimal(agentMean: number, hjbMean: number): number {
  if (!(hjbMean > 0)) {
    throw new RangeError(
      `% of optimal needs a positive HJB mean return on the evaluation seeds, got ${hjbMean} (choose an env whose optimal return is positive)`,
    );
  }
  return agentMean / hjbMean;
}

/** % of V* with the HJB policy's exact value as control variate (see header). */
export function pctOfExactOptimum(m: ExactMarks, agentMean: number, hjbMean: number): { exactOptimum: number | null; pctExactOptimum: number | null } {
  return { exactOptimum: m.exactOptimum, pctExactOptimum: fractionOfOptimum(m.exactOptimum, m.hjbExactReturn, agentMean, hjbMean) };
}

export class OptimalityEvaluator {
  private hjbStats: ReturnStats | null = null;
  private exact: ExactMarks | null = null;

  constructor(
    readonly config: EnvConfig,
    readonly episodes: number,
    readonly seed: number,
    readonly where: EvaluatorEnv = {},
  ) {}

  /** Mean and SE of the HJB policy on the evaluation seeds (computed once). */
  hjb(): ReturnStats {
    if (this.hjbStats === null) this.hjbStats = this.stats(makeBaselinePolicy('hjb', this.config));
    return this.hjbStats;
  }

  /** V* and the HJB policy's exact value (computed once). */
  marks(): ExactMarks {
    if (this.exact === null) {
      this.exact = this.where.replay === true
        ? { exactOptimum: null, hjbExactReturn: null, optimum: null, policiesEvaluable: false, note: 'a recorded tape has no finite-state optimum' }
        : exactMarks(this.config);
    }
    return this.exact;
  }

  /** Mean and SE of `policy` (deterministic actions) on the evaluation seeds. */
  stats(policy: Policy): ReturnStats {
    const batch = runEpisodes(policy, this.config, { episodes: this.episodes, seed: this.seed, ...(this.where.makeEnv ? { makeEnv: this.where.makeEnv } : {}) });
    return returnStats(batch.returns);
  }

  evaluate(policy: Policy): EvalSummary {
    const hjb = this.hjb();
    const s = this.stats(policy);
    const exactReturn = this.marks().policiesEvaluable ? expectedReturnByRecursion(this.config, policy).value : null;
    const vStar = this.marks().exactOptimum;
    return {
      episodes: this.episodes,
      seed: this.seed,
      meanReturn: s.mean,
      seReturn: s.se,
      hjbMeanReturn: hjb.mean,
      hjbSeReturn: hjb.se,
      // no % of optimal where the HJB policy does not earn (a tape, or a calibrated market where
      // it loses): NaN, and best/ is chosen by the exact value or the mean return (selectionScore)
      pctOptimal: !(hjb.mean > 0) ? Number.NaN : pctOfOptimal(s.mean, hjb.mean),
      exactReturn,
      ...(exactReturn !== null && vStar !== null ? { exactOptimum: vStar, pctExactOptimum: exactReturn / vStar } : pctOfExactOptimum(this.marks(), s.mean, hjb.mean)),
    };
  }
}

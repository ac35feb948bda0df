/**
 * The table `mmgym train` ends with: the trained agent against the HJB optimum and
 * Avellaneda–Stoikov on the same seeds (common random numbers): mean return ± SE, % of optimal
 * (mean return / HJB mean return on the same seeds) and the paired difference to HJB with its
 * 95% paired-t interval and win rate. The statistics are the evaluation module's
 * (evals/compare.ts); this file only picks the policies and formats the table.
 */
import type { EnvConfig } from '../env/config.js';
import type { Policy, VectorEnv } from '../env/types.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { type ExactMarks, exactMarks } from '../baselines/optimum-report.js';
import { comparePolicies, type Comparison } from '../evals/compare.js';
import { runEpisodes } from '../evals/run-episodes.js';

/** Play the candidate policies, HJB and the other named baselines on the same seeds and compare (HJB = 100%). */
export function compareWithBaselines(
  candidates: Policy | readonly Policy[],
  config: EnvConfig,
  opts: { episodes: number; seed: number; baselines?: readonly string[]; marks?: ExactMarks; makeEnv?: (numEnvs: number) => VectorEnv },
): Comparison {
  const play = (p: Policy) => runEpisodes(p, config, { episodes: opts.episodes, seed: opts.seed, ...(opts.makeEnv ? { makeEnv: opts.makeEnv } : {}) });
  const hjb = play(makeBaselinePolicy('hjb', config));
  const others = (opts.baselines ?? ['as']).filter((n) => n !== 'hjb').map((n) => play(makeBaselinePolicy(n, config)));
  const marks = opts.marks ?? exactMarks(config);
  const list: readonly Policy[] = Array.isArray(candidates) ? candidates : [candidates as Policy];
  return comparePolicies(list.map(play), [hjb, ...others], {
    referenceName: hjb.policyName,
    bootstrapSeed: opts.seed,
    exactOptimum: marks.exactOptimum,
    referenceExactReturn: marks.hjbExactReturn,
  });
}

/** A fixed-width text table of a comparison whose reference is the HJB policy. */
export function formatComparisonTable(c: Comparison): string {
  const exact = c.exactOptimum !== null;
  const header = ['policy', 'mean return ± SE', '% of optimal', ...(exact ? ['% of V*'] : []), 'paired diff to HJB [95% CI]', 'wins vs HJB'];
  const body = c.policies.map((p) => {
    const pair = c.pairs.find((q) => q.policy === p.name && q.baseline === c.referenceName);
    const r = p.metrics.return;
    return [
      p.name,
      `${r.mean.toFixed(4)} ± ${r.se.toFixed(4)}`,
      p.pctOfReference === null ? '-' : `${(100 * p.pctOfReference).toFixed(2)}%`,
      ...(exact ? [p.pctOfOptimum === null ? '-' : `${(100 * p.pctOfOptimum).toFixed(2)}%`] : []),
      pair
        ? `${pair.returns.meanDiff.toFixed(4)} [${pair.returns.tInterval[0].toFixed(4)}, ${pair.returns.tInterval[1].toFixed(4)}]`
        : '-',
      pair ? `${(100 * pair.returns.winRate).toFixed(1)}%` : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [
    `${c.episodes} episodes, seeds ${c.seed}..${c.seed + c.episodes - 1} (common random numbers; 100% = ${c.referenceName ?? 'HJB'}` +
      (exact ? `; V* = ${c.exactOptimum!.toFixed(4)}, the exact optimum, with HJB's exact value as control variate)` : ')'),
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
  ].join('\n');
}

/**
 * The table a run ends with: its saved policies (best/ and final/, read back from disk, so the
 * table is what a user loads) against HJB and AS on test seeds that played no part in training
 * or in choosing the best policy (common random numbers; statistics of evals/compare.ts). Each
 * policy's row is recorded in its policy.json, reproducible with `mmgym eval`.
 */
import type { EnvConfig } from '../env/config.js';
import type { VectorEnv } from '../env/types.js';
import type { ExactMarks } from '../baselines/optimum-report.js';
import type { Comparison } from '../evals/compare.js';
import { loadPolicy, readPolicyFile, updatePolicyFile } from '../models/save-load.js';
import { compareWithBaselines } from './comparison.js';

export interface FinalCandidate {
  /** A policy directory. */
  dir: string;
  /** Its name in the table. */
  name: string;
}

export async function finalComparison(
  candidates: readonly FinalCandidate[],
  config: EnvConfig,
  opts: { episodes: number; seed: number; marks: ExactMarks; makeEnv?: (numEnvs: number) => VectorEnv },
): Promise<Comparison> {
  const policies = await Promise.all(candidates.map((c) => loadPolicy(c.dir, { name: c.name, expectedSpec: config })));
  try {
    return compareWithBaselines(policies, config, { episodes: opts.episodes, seed: opts.seed, baselines: ['as'], marks: opts.marks, ...(opts.makeEnv ? { makeEnv: opts.makeEnv } : {}) });
  } finally {
    for (const p of policies) p.dispose();
  }
}

/** Candidate `i`'s row of the comparison, as recorded in its policy.json. */
export function evaluationSummary(c: Comparison, i: number): Record<string, unknown> {
  const row = c.policies[i];
  const ref = c.policies.find((p) => p.name === c.referenceName);
  return {
    episodes: c.episodes,
    seed: c.seed,
    deterministic: true,
    meanReturn: row?.metrics.return.mean ?? null,
    seReturn: row?.metrics.return.se ?? null,
    hjbMeanReturn: ref?.metrics.return.mean ?? null,
    pctOptimal: row?.pctOfReference ?? null,
    exactOptimum: c.exactOptimum,
    pctExactOptimum: row?.pctOfOptimum ?? null,
    baselines: Object.fromEntries(
      c.policies.filter((p) => p.role === 'baseline').map((p) => [p.name, { meanReturn: p.metrics.return.mean, seReturn: p.metrics.return.se, pctOptimal: p.pctOfReference }]),
    ),
  };
}

/** Merge `patch` into policy.json's `training` summary (atomic rewrite). */
export async function recordTraining(dir: string, patch: Record<string, unknown>): Promise<void> {
  const file = await readPolicyFile(dir);
  await updatePolicyFile(dir, { training: { ...(file.training ?? {}), ...patch } });
}

/**
 * Which directory holds the policy a path names. A policy directory (model.json + weights.bin +
 * policy.json) names itself. A training run's directory (`mmgym train --out RUN`) holds two:
 * `RUN/best/`, the best policy on the validation seeds of its periodic evaluations (SB3's
 * EvalCallback), and `RUN/final/`, the policy at the end of training; the run names `best/`
 * unless `final` is asked for, and the choice is said in `note`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type RunPolicyChoice = 'best' | 'final';

export const BEST_DIR = 'best';
export const FINAL_DIR = 'final';

export interface PolicyDirChoice {
  /** The policy directory to read. */
  dir: string;
  /** What was chosen and why (null when `path` is itself a policy directory). */
  note: string | null;
}

export function isPolicyDir(dir: string): boolean {
  return existsSync(join(dir, 'policy.json'));
}

export function policyDirOf(path: string, which: RunPolicyChoice = BEST_DIR): PolicyDirChoice {
  if (isPolicyDir(path)) return { dir: path, note: null };
  const best = join(path, BEST_DIR);
  const final = join(path, FINAL_DIR);
  if (which === BEST_DIR && isPolicyDir(best)) {
    return { dir: best, note: `loading ${best}: the best policy of the run (by exact value where the market has one, else on its validation seeds)${isPolicyDir(final) ? ` (the final one: ${final})` : ''}` };
  }
  if (isPolicyDir(final)) {
    return { dir: final, note: which === FINAL_DIR ? `loading ${final}: the run's final policy` : `loading ${final}: the run has no best/ policy (no periodic evaluation), so its final one` };
  }
  return { dir: path, note: null }; // the loader reports what is missing
}

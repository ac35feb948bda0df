/**
 * Common-random-number rollout groups (`crnGroupSize: K > 1`): the rollout envs come in groups
 * of K that share their market's random numbers (env i is seeded with seed + floor(i / K); the
 * simulator draws its numbers in an order that does not depend on the actions, so a group's
 * markets stay coupled: the same arrivals, the same fill draws u, the same price shocks), while
 * each env draws its own exploration noise. Each env's advantage then gets the leave-one-out
 * mean of its group's advantages at the same step subtracted:
 *
 *   A'_{i,t} = A_{i,t} - (1 / (K - 1)) sum_{j in g(i), j != i} A_{j,t}
 *
 * This is RLOO's leave-one-out baseline (Kool, van Hoof & Welling 2019, "Buy 4 REINFORCE
 * samples, get a baseline for free!"; GRPO's group baseline without the scaling) on coupled
 * rather than independent samples: the other envs' advantages depend on the shared market noise
 * and on their own actions, never on env i's action at t (its exploration noise is independent
 * of theirs and of the market's), so the baseline leaves the policy gradient unbiased, and it
 * cancels the part of A_{i,t} that comes from the market rather than from the action. Measured
 * (runs of the DP-optimal policy with exploration noise 0.004 in action units, 4,000 episodes):
 * the return difference of two coupled envs has s.d. 0.61 in `liquidation` against 6.8 between
 * independent ones, 2.7 against 17.1 in `adverse-selection`.
 *
 * It needs the group's episodes aligned (every env of a group starts and ends its episodes at
 * the same steps: episodes that end only at the horizon); a misaligned step is refused.
 * The value targets (returns) are unchanged.
 */

/** Seeds of a CRN-grouped reset: env i gets seed + floor(i / groupSize). */
export function crnSeeds(seed: number, numEnvs: number, groupSize: number): number[] {
  return Array.from({ length: numEnvs }, (_, i) => seed + Math.floor(i / groupSize));
}

/** Checks that `groupSize` divides the env count (and is an integer >= 1). */
export function checkCrnGroupSize(field: string, groupSize: number, numEnvs: number): void {
  if (!Number.isInteger(groupSize) || groupSize < 1) throw new RangeError(`${field} must be an integer >= 1, got ${String(groupSize)}`);
  if (numEnvs % groupSize !== 0) throw new RangeError(`${field} must divide the number of envs (${numEnvs}), got ${groupSize}`);
}

/**
 * Subtracts the leave-one-out group mean from each advantage in place (layout t * nEnvs + e;
 * groups are envs [gK, (g + 1)K)). `dones` (same layout) must agree within each group.
 */
export function applyCrnBaseline(advantages: Float32Array | Float64Array, dones: Uint8Array, nSteps: number, nEnvs: number, groupSize: number): void {
  if (groupSize <= 1) return;
  const K = groupSize;
  for (let t = 0; t < nSteps; t++) {
    const row = t * nEnvs;
    for (let g = 0; g < nEnvs; g += K) {
      let sum = 0;
      const d0 = dones[row + g];
      for (let j = 0; j < K; j++) {
        if (dones[row + g + j] !== d0) {
          throw new Error(`crnGroupSize ${K}: envs ${g}..${g + K - 1} ended episodes at different steps (step ${t} of the rollout); common-random-number groups need episodes that end only at the horizon`);
        }
        sum += advantages[row + g + j]!;
      }
      // the group's values first: every leave-one-out mean reads the unmodified advantages
      for (let j = 0; j < K; j++) {
        const a = advantages[row + g + j]!;
        advantages[row + g + j] = a - (sum - a) / (K - 1);
      }
    }
  }
}

import { makeVec } from '../../env/registry.js';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import { expectedReturnByRecursion } from '../discrete-evaluation.js';
import { exactOptimum } from '../exact-optimum.js';
import { makeBaselinePolicy } from '../registry.js';
import { runBaselineEpisodes, summarizeSample } from '../run-baseline.js';

/**
 * An analytic prior in a suite market: V*, the HJB policy's and the prior's exact values, the
 * share of the headroom the prior captures, and 4,000 Monte-Carlo episodes of the prior (z of
 * their mean against its exact value); logs one line.
 */
export function priorCheck(market: string, prior: string, seed: number): { vStar: number; hjb: number; exact: number; captured: number; z: number } {
  const c = resolveEnvConfig(market);
  const vStar = exactOptimum(c).value;
  const policy = makeBaselinePolicy(prior, c);
  const hjb = expectedReturnByRecursion(c, makeBaselinePolicy('hjb', c)).value;
  const exact = expectedReturnByRecursion(c, policy).value;
  const env = makeVec(c, { numEnvs: 1000 });
  const s = summarizeSample(runBaselineEpisodes(env, policy, { episodes: 4000, seed }).returns);
  env.close();
  const z = (s.mean - exact) / s.se;
  const captured = (exact - hjb) / (vStar - hjb);
  console.log(`${market}: V* ${vStar.toFixed(4)}, hjb ${hjb.toFixed(4)}, ${prior} ${exact.toFixed(4)} (${(100 * captured).toFixed(1)}% of the headroom); MC ${s.mean.toFixed(4)} +- ${s.se.toFixed(4)}, z = ${z.toFixed(2)} (tol 3)`);
  return { vStar, hjb, exact, captured, z };
}

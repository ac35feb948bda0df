import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { comparePolicies } from './compare.js';
import { runEpisodes, type EpisodeBatch } from './run-episodes.js';
import { constantDepthPolicy, skewPolicy } from './test-utils/simple-policies.js';

const config = resolveEnvConfig('default', { horizon: 0.2 });

/** A batch with given returns (the rest zero), for exact checks. */
function fakeBatch(name: string, returns: number[], seed = 0): EpisodeBatch {
  const n = returns.length;
  const z = () => new Float64Array(n);
  return {
    policyName: name,
    config,
    seed,
    episodes: n,
    returns: Float64Array.from(returns),
    pnl: Float64Array.from(returns),
    terminalInventory: z(),
    bidFills: z(),
    askFills: z(),
    fees: z(),
    lengths: new Int32Array(n).fill(40),
  };
}

describe('comparePolicies', () => {
  it('computes % of the reference, % of the value function and paired differences exactly', () => {
    const agent = fakeBatch('agent', [9, 10, 11, 12]);
    const hjb = fakeBatch('hjb', [10, 10, 12, 12]);
    const c = comparePolicies([agent], [hjb], { referenceName: 'hjb', optimalReturn: 12, resamples: 200 });
    const a = c.policies[0];
    expect(a?.role).toBe('candidate');
    expect(a?.pctOfReference).toBeCloseTo(10.5 / 11, 14);
    expect(a?.pctOfValue).toBeCloseTo(10.5 / 12, 14);
    expect(c.policies[1]?.pctOfReference).toBe(1);
    const p = c.pairs[0];
    expect(p?.policy).toBe('agent');
    expect(p?.baseline).toBe('hjb');
    // d = [-1, 0, -1, 0]: mean -0.5, 0 wins, 2 losses, 2 ties.
    expect(p?.returns.meanDiff).toBe(-0.5);
    expect(p?.returns.winRate).toBe(0.25);
  });

  it('on real runs: the paired CI is narrower than an unpaired one (common random numbers)', () => {
    const a = runEpisodes(skewPolicy(config, 0.7, 1.5, 'agent'), config, { episodes: 200, seed: 1 });
    const b = runEpisodes(constantDepthPolicy(config, 0.8, 'fixed'), config, { episodes: 200, seed: 1 });
    const c = comparePolicies([a], [b], { resamples: 500 });
    const pair = c.pairs[0];
    if (pair === undefined) throw new Error('no pair');
    const [pa, pb] = c.policies;
    const unpairedSe = Math.sqrt((pa?.metrics.return.se ?? 0) ** 2 + (pb?.metrics.return.se ?? 0) ** 2);
    console.log(`paired SE ${pair.returns.seDiff}, unpaired SE ${unpairedSe}`);
    expect(pair.returns.seDiff).toBeLessThan(unpairedSe);
    expect(pair.returns.meanDiff).toBeCloseTo((pa?.metrics.return.mean ?? 0) - (pb?.metrics.return.mean ?? 0), 10);
    expect(c.policies[0]?.pctOfReference).toBeNull();
  });

  it('pairs each candidate with each baseline, then candidates with each other', () => {
    const c = comparePolicies([fakeBatch('a', [1, 2]), fakeBatch('b', [2, 2])], [fakeBatch('h', [3, 3])], { resamples: 100 });
    expect(c.pairs.map((p) => `${p.policy}-${p.baseline}`)).toEqual(['a-h', 'b-h', 'a-b']);
    expect(c.pairs[2]?.returns.meanDiff).toBe(-0.5);
  });

  it('refuses batches on different seeds, duplicate names and an absent reference', () => {
    expect(() => comparePolicies([fakeBatch('a', [1, 2])], [fakeBatch('b', [1, 2], 5)])).toThrow(/same episodes/);
    expect(() => comparePolicies([fakeBatch('a', [1, 2])], [fakeBatch('a', [1, 2])])).toThrow(/duplicate policy name 'a'/);
    expect(() => comparePolicies([fakeBatch('a', [1, 2])], [], { referenceName: 'hjb' })).toThrow(/reference policy 'hjb' is not among/);
  });
});

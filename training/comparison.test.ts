/**
 * The closing comparison (comparison.ts) on the real as2008 market, 4 episodes: every policy plays
 * the same seeds (checked against independent runEpisodes calls), HJB is the 100% reference and
 * is not played twice, the exact marks pass through; and the text table's cells come from the
 * comparison's own figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exactMarks } from '../baselines/optimum-report.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { makeVec } from '../env/registry.js';
import type { EnvConfig } from '../env/config.js';
import { runEpisodes } from '../evals/run-episodes.js';
import { selectBackend } from '../models/backend.js';
import type { NetworkPolicy } from '../models/network-policy.js';
import { ProbeAgent } from '../agents/test-utils/probe-agent.js';
import { compareWithBaselines, formatComparisonTable } from './comparison.js';

const env = makeVec('as2008', { numEnvs: 2 });
const config = env.config as EnvConfig;
const mean = (x: ArrayLike<number>): number => Array.from(x).reduce((a, b) => a + b, 0) / x.length;
let agent: ProbeAgent;
let net: NetworkPolicy;
const noMarks = { exactOptimum: null, hjbExactReturn: null, optimum: null, policiesEvaluable: false, note: 'none' } as never;

beforeAll(async () => {
  await selectBackend('wasm');
  agent = new ProbeAgent(env);
  net = agent.policy({ name: 'net' });
});
afterAll(() => {
  net.dispose();
  agent.dispose();
});

describe('compareWithBaselines', () => {
  it('candidates, then HJB (the reference), then the other baselines, all on the same seeds', () => {
    const c = compareWithBaselines(net, config, { episodes: 4, seed: 5, baselines: ['hjb', 'as'], marks: noMarks });
    expect(c.policies.map((p) => [p.name, p.role])).toEqual([['net', 'candidate'], ['hjb', 'baseline'], ['as', 'baseline']]);
    expect(c.referenceName).toBe('hjb');
    expect([c.episodes, c.seed, c.exactOptimum]).toEqual([4, 5, null]);
    const mine = runEpisodes(net, config, { episodes: 4, seed: 5 }).returns;
    const hjb = runEpisodes(makeBaselinePolicy('hjb', config), config, { episodes: 4, seed: 5 }).returns;
    const as = runEpisodes(makeBaselinePolicy('as', config), config, { episodes: 4, seed: 5 }).returns;
    expect(c.policies[0]!.metrics.return.mean).toBeCloseTo(mean(mine), 10);
    expect(c.policies[1]!.metrics.return.mean).toBeCloseTo(mean(hjb), 10);
    expect(c.policies[2]!.metrics.return.mean).toBeCloseTo(mean(as), 10);
    expect(c.policies[0]!.pctOfReference).toBeCloseTo(mean(mine) / mean(hjb), 10);
    expect(c.policies[1]!.pctOfReference).toBe(1);
    const pair = c.pairs.find((p) => p.policy === 'net' && p.baseline === 'hjb')!;
    expect(pair.returns.meanDiff).toBeCloseTo(mean(Array.from(mine, (x, i) => x - hjb[i]!)), 10);
    // the default baselines are AS only (HJB always)
    const d = compareWithBaselines([net], config, { episodes: 2, seed: 5, marks: noMarks });
    expect(d.policies.map((p) => p.name)).toEqual(['net', 'hjb', 'as']);
  });

  it('the exact marks (computed when not given) make % of V* with HJB\'s exact value as control variate', () => {
    const marks = exactMarks(config);
    const c = compareWithBaselines(net, config, { episodes: 4, seed: 5, baselines: [] });
    expect(c.policies.map((p) => p.name)).toEqual(['net', 'hjb']);
    expect(c.exactOptimum).toBe(marks.exactOptimum);
    expect(c.referenceExactReturn).toBe(marks.hjbExactReturn);
    const m = c.policies[0]!.metrics.return.mean;
    const h = c.policies[1]!.metrics.return.mean;
    expect(c.policies[0]!.pctOfOptimum).toBeCloseTo((marks.hjbExactReturn! + m - h) / marks.exactOptimum!, 10);
  });
});

describe('formatComparisonTable', () => {
  it('a header saying the seeds and the reference, one row per policy with its figures; % of V* only where there is V*', () => {
    const c = compareWithBaselines(net, config, { episodes: 4, seed: 5, baselines: ['as'], marks: noMarks });
    const lines = formatComparisonTable(c).split('\n');
    expect(lines[0]).toBe('4 episodes, seeds 5..8 (common random numbers; 100% = hjb)');
    const cells = (l: string): string[] => l.split(/\s{2,}/);
    expect(cells(lines[1]!)).toEqual(['policy', 'mean return ± SE', '% of optimal', 'paired diff to HJB [95% CI]', 'wins vs HJB']);
    expect(lines[2]).toMatch(/^-+( {2}-+){4}$/);
    expect(lines).toHaveLength(6);
    const [p, r] = [c.policies[0]!, c.policies[0]!.metrics.return];
    const pair = c.pairs.find((x) => x.policy === 'net' && x.baseline === 'hjb')!;
    expect(cells(lines[3]!)).toEqual([
      'net',
      `${r.mean.toFixed(4)} ± ${r.se.toFixed(4)}`,
      `${(100 * p.pctOfReference!).toFixed(2)}%`,
      `${pair.returns.meanDiff.toFixed(4)} [${pair.returns.tInterval[0].toFixed(4)}, ${pair.returns.tInterval[1].toFixed(4)}]`,
      `${(100 * pair.returns.winRate).toFixed(1)}%`,
    ]);
    expect(cells(lines[4]!)).toEqual(['hjb', expect.any(String), '100.00%', '-', '-']);
    const withV = formatComparisonTable({ ...c, exactOptimum: 66.875, policies: c.policies.map((x) => ({ ...x, pctOfOptimum: null })) }).split('\n');
    expect(withV[0]).toBe("4 episodes, seeds 5..8 (common random numbers; 100% = hjb; V* = 66.8750, the exact optimum, with HJB's exact value as control variate)");
    expect(cells(withV[1]!)).toContain('% of V*');
    expect(cells(withV[3]!)[3]).toBe('-');
  });
});

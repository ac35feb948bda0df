/**
 * One seed's line and the table across seeds (seed-summary.ts) on hand-made results: which
 * figures a seed's summary takes from its TrainResult (the candidate's row and its pair with HJB),
 * the aggregate's mean, s.e. and worst over the finite values only, and the table's cells.
 */
import { describe, expect, it } from 'vitest';
import { aggregate, aggregateSeeds, formatSeedTable, seedSummary, type SeedSummary } from './seed-summary.js';
import type { TrainResult } from './train.js';

function result(seed: number, o: { mean?: number; pct?: number | null; diff?: number; withPair?: boolean; comparison?: boolean; exact?: number | null; vStar?: number | null } = {}): TrainResult {
  const comparison =
    o.comparison === false
      ? null
      : {
          episodes: 100,
          seed: 9000,
          referenceName: 'hjb',
          exactOptimum: o.vStar ?? null,
          policies: [
            { name: 'hjb', role: 'baseline', metrics: { return: { mean: 2, se: 0.1 } }, pctOfReference: 1 },
            { name: 'best', role: 'candidate', metrics: { return: { mean: o.mean ?? 1.9, se: 0.1 } }, pctOfReference: o.pct === undefined ? 0.95 : o.pct },
          ],
          pairs: o.withPair === false ? [] : [{ policy: 'best', baseline: 'hjb', returns: { meanDiff: o.diff ?? -0.1, tInterval: [-0.2, 0] } }],
        };
  return {
    options: { seed },
    timesteps: 1000 + seed,
    wallSeconds: 12.345,
    backend: 'wasm',
    bestExactReturn: o.exact === undefined ? null : o.exact,
    lastEval: o.vStar === undefined ? null : { exactOptimum: o.vStar },
    comparison,
  } as unknown as TrainResult;
}

describe('seedSummary', () => {
  it("takes the candidate's test row and its pair with the reference", () => {
    const s = seedSummary(result(3, { exact: 9, vStar: 10 }));
    expect(s).toEqual({
      seed: 3,
      timesteps: 1003,
      wallSeconds: 12.345,
      backend: 'wasm',
      bestExactReturn: 9,
      exactOptimum: 10,
      test: { episodes: 100, seed: 9000, meanReturn: 1.9, pctOfHjb: 0.95, diffVsHjb: -0.1, ci: [-0.2, 0] },
    });
  });

  it('no closing table: test null; no pair with HJB: no difference; no evaluation: no V*', () => {
    expect(seedSummary(result(1, { comparison: false })).test).toBeNull();
    const s = seedSummary(result(1, { withPair: false }));
    expect(s.test?.diffVsHjb).toBeNull();
    expect(s.test?.ci).toBeNull();
    expect(s.exactOptimum).toBeNull();
  });
});

describe('aggregate', () => {
  it('mean, s.e. (sample s.d. / sqrt n) and minimum of the finite values; one value has s.e. NaN; none gives null', () => {
    expect(aggregate([1, null, Number.NaN, 3, Number.POSITIVE_INFINITY])).toEqual({ n: 2, mean: 2, se: 1, worst: 1 });
    const a = aggregate([2, 4, 9])!;
    expect(a.mean).toBe(5);
    expect(a.se).toBeCloseTo(Math.sqrt(13 / 3), 12); // s.d. sqrt(13), / sqrt(3)
    expect(a.worst).toBe(2);
    const one = aggregate([5])!;
    expect(one.n).toBe(1);
    expect(one.se).toBeNaN();
    expect(aggregate([null, Number.NaN])).toBeNull();
    expect(aggregate([])).toBeNull();
  });

  it('aggregateSeeds: each figure across seeds, % of V* = best exact return / V*', () => {
    const rows: SeedSummary[] = [seedSummary(result(0, { exact: 9, vStar: 10, mean: 1.8, pct: 0.9, diff: -0.2 })), seedSummary(result(1, { exact: 8, vStar: 10, mean: 2, pct: 1, diff: 0 }))];
    const agg = aggregateSeeds(rows);
    expect(Object.keys(agg)).toEqual(['bestExactReturn', 'pctOfVStar', 'testMeanReturn', 'testPctOfHjb', 'testDiffVsHjb']);
    expect(agg.bestExactReturn).toEqual({ n: 2, mean: 8.5, se: 0.5, worst: 8 });
    expect(agg.pctOfVStar!.mean).toBeCloseTo(0.85, 12);
    expect(agg.pctOfVStar!.worst).toBeCloseTo(0.8, 12);
    expect(agg.testMeanReturn!.mean).toBeCloseTo(1.9, 12);
    expect(agg.testPctOfHjb!.worst).toBe(0.9);
    expect(agg.testDiffVsHjb!.mean).toBeCloseTo(-0.1, 12);
    const none = aggregateSeeds([seedSummary(result(0, { comparison: false }))]);
    expect(none.pctOfVStar).toBeNull();
    expect(none.testMeanReturn).toBeNull();
  });
});

describe('formatSeedTable', () => {
  it('one row per seed, then mean ± s.e. and worst, with - for missing figures', () => {
    const rows = [seedSummary(result(0, { exact: 9, vStar: 10, mean: 1.8, pct: 0.9, diff: -0.2 })), seedSummary(result(1, { comparison: false }))];
    const lines = formatSeedTable(rows).split('\n');
    expect(lines).toHaveLength(5);
    const cells = (l: string): string[] => l.split(/\s{2,}/);
    expect(cells(lines[0]!)).toEqual(['seed', 'best: exact value', '% of V*', 'test: mean return', '% of HJB', 'diff to HJB [95% CI]', 'steps', 'wall s']);
    expect(cells(lines[1]!)).toEqual(['0', '9.0000', '90.00%', '1.8000', '90.00%', '-0.2000 [-0.2000, 0.0000]', '1000', '12.3']);
    expect(cells(lines[2]!)).toEqual(['1', '-', '-', '-', '-', '-', '1001', '12.3']);
    expect(cells(lines[3]!)).toEqual(['mean ± s.e.', '9.0000 ± -', '90.00% ± -', '1.8000 ± -', '90.00% ± -', '-0.2000 ± -']);
    expect(cells(lines[4]!)).toEqual(['worst', '9.0000', '90.00%', '1.8000', '90.00%', '-0.2000']);
  });
});

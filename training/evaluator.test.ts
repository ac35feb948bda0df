/**
 * The periodic evaluation against HJB (evaluator.ts): the pure figures (selection score, return
 * statistics, % of optimal and of V*) against hand values, and OptimalityEvaluator on the real
 * as2008 market with 4 episodes: common random numbers (HJB against itself is exactly 100%), the
 * agent's mean against an independent runEpisodes, the exact marks, the HJB figure computed once,
 * and a tape (replay) without exact marks.
 */
import { describe, expect, it } from 'vitest';
import { expectedReturnByRecursion } from '../baselines/discrete-evaluation.js';
import { exactMarks } from '../baselines/optimum-report.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { makeVec } from '../env/registry.js';
import type { EnvConfig } from '../env/config.js';
import { runEpisodes } from '../evals/run-episodes.js';
import { OptimalityEvaluator, pctOfExactOptimum, pctOfOptimal, returnStats, selectionScore } from './evaluator.js';

const config = makeVec('as2008', { numEnvs: 1 }).config as EnvConfig;

describe('evaluator figures', () => {
  it('selectionScore: the exact value where there is one, else % of HJB, else (no finite %) the mean return', () => {
    expect(selectionScore({ exactReturn: 3, pctOptimal: 0.9, meanReturn: 1 })).toEqual({ kind: 'exact', score: 3 });
    expect(selectionScore({ exactReturn: null, pctOptimal: 0.9, meanReturn: 1 })).toEqual({ kind: 'pct', score: 0.9 });
    expect(selectionScore({ exactReturn: null, pctOptimal: Number.NaN, meanReturn: -2 })).toEqual({ kind: 'mean', score: -2 });
  });

  it('returnStats: mean, sample s.d. / sqrt(n), episodes (s.e. 0 for one episode)', () => {
    const s = returnStats([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.se).toBeCloseTo(Math.sqrt(5 / 3) / 2, 12);
    expect(s.episodes).toBe(4);
    expect(returnStats([7])).toEqual({ mean: 7, se: 0, episodes: 1 });
  });

  it('pctOfOptimal is agent / HJB, refused (not sign-flipped) for a non-positive HJB mean', () => {
    expect(pctOfOptimal(3, 4)).toBe(0.75);
    expect(pctOfOptimal(-1, 2)).toBe(-0.5);
    for (const h of [0, -1, Number.NaN]) expect(() => pctOfOptimal(1, h)).toThrow(new RegExp(`% of optimal needs a positive HJB mean return on the evaluation seeds, got ${h}`));
  });

  it('pctOfExactOptimum: (V_HJB + agent - HJB) / V*; null without V*', () => {
    const marks = { exactOptimum: 10, hjbExactReturn: 9, optimum: null, policiesEvaluable: true, note: '' } as never;
    expect(pctOfExactOptimum(marks, 5, 4)).toEqual({ exactOptimum: 10, pctExactOptimum: 1 });
    expect(pctOfExactOptimum(marks, 3, 4).pctExactOptimum).toBeCloseTo(0.8, 12);
    expect(pctOfExactOptimum({ exactOptimum: null, hjbExactReturn: null, optimum: null, policiesEvaluable: false, note: '' } as never, 5, 4)).toEqual({ exactOptimum: null, pctExactOptimum: null });
  });
});

describe('OptimalityEvaluator', () => {
  it('HJB against itself: the same seeds give exactly 100%; its exact value / V* where exact', () => {
    const ev = new OptimalityEvaluator(config, 4, 50);
    const hjb = makeBaselinePolicy('hjb', config);
    const s = ev.evaluate(hjb);
    expect(s.episodes).toBe(4);
    expect(s.seed).toBe(50);
    expect(s.meanReturn).toBe(s.hjbMeanReturn);
    expect(s.seReturn).toBe(s.hjbSeReturn);
    expect(s.pctOptimal).toBe(1);
    const marks = exactMarks(config);
    expect(marks.policiesEvaluable).toBe(true);
    expect(s.exactOptimum).toBe(marks.exactOptimum);
    expect(s.exactReturn).toBeCloseTo(expectedReturnByRecursion(config, hjb).value, 10);
    expect(s.pctExactOptimum).toBeCloseTo(s.exactReturn! / marks.exactOptimum!, 12);
    expect(ev.hjb()).toBe(ev.hjb()); // computed once
    expect(ev.marks()).toBe(ev.marks());
  });

  it('another policy: its mean and s.e. on the seeds evalSeed.. (as runEpisodes plays them) over the HJB mean', () => {
    const ev = new OptimalityEvaluator(config, 4, 50);
    const as = makeBaselinePolicy('as', config);
    const s = ev.evaluate(as);
    const mine = runEpisodes(makeBaselinePolicy('as', config), config, { episodes: 4, seed: 50 }).returns;
    const ref = runEpisodes(makeBaselinePolicy('hjb', config), config, { episodes: 4, seed: 50 }).returns;
    const m = mine.reduce((a, b) => a + b, 0) / 4;
    const h = ref.reduce((a, b) => a + b, 0) / 4;
    expect(s.meanReturn).toBeCloseTo(m, 10);
    expect(s.hjbMeanReturn).toBeCloseTo(h, 10);
    expect(s.pctOptimal).toBeCloseTo(m / h, 10);
    expect(s.seReturn).toBeCloseTo(returnStats(mine).se, 10);
    // a different seed range plays other markets
    expect(new OptimalityEvaluator(config, 4, 51).stats(as).mean).not.toBe(s.meanReturn);
  });

  it('replay: no exact marks, so no exact return and no % of V*', () => {
    const ev = new OptimalityEvaluator(config, 2, 3, { replay: true });
    expect(ev.marks()).toMatchObject({ exactOptimum: null, hjbExactReturn: null, policiesEvaluable: false, note: 'a recorded tape has no finite-state optimum' });
    const s = ev.evaluate(makeBaselinePolicy('hjb', config));
    expect(s.exactReturn).toBeNull();
    expect(s.exactOptimum).toBeNull();
    expect(s.pctExactOptimum).toBeNull();
    expect(s.pctOptimal).toBe(1);
  });

  it('makeEnv: the evaluation plays on the env it builds', () => {
    let built = 0;
    const ev = new OptimalityEvaluator(config, 2, 3, { makeEnv: (n) => (built++, makeVec(config, { numEnvs: n })) });
    ev.stats(makeBaselinePolicy('as', config));
    expect(built).toBeGreaterThan(0);
  });
});

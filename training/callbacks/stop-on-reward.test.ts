/**
 * StopTrainingOnRewardThreshold (stop-on-reward.ts) as an EvalCallback's child: it stops (and
 * says so) once the parent's latest evaluation reaches the threshold as a fraction of HJB, not
 * before, not on a missing or non-finite figure; it refuses a bad threshold and a parent that is
 * not an EvalCallback.
 */
import { describe, expect, it } from 'vitest';
import { BaseCallback } from '../../agents/base-callback.js';
import { makeVec } from '../../env/registry.js';
import type { EnvConfig } from '../../env/config.js';
import type { EvalSummary } from '../evaluator.js';
import { EvalCallback } from './eval-callback.js';
import { StopTrainingOnRewardThreshold } from './stop-on-reward.js';

const config = makeVec('as2008', { numEnvs: 1 }).config as EnvConfig;
const summary = (pctOptimal: number): EvalSummary => ({ episodes: 4, seed: 1, meanReturn: 1, seReturn: 0, hjbMeanReturn: 1, hjbSeReturn: 0, pctOptimal, exactOptimum: null, exactReturn: null, pctExactOptimum: null });

describe('StopTrainingOnRewardThreshold', () => {
  it("stops when the parent's last evaluation reaches the threshold, logging the figures", () => {
    const lines: string[] = [];
    const stop = new StopTrainingOnRewardThreshold(0.99, { log: (m) => lines.push(m), label: '--stop-at' });
    const parent = new EvalCallback({ envConfig: config, evalFreq: 0, callbackAfterEval: stop });
    expect(stop.parent).toBe(parent); // EvalCallback wires its children
    expect(stop.handlesStep).toBe(true);
    expect(stop.onStep()).toBe(true); // no evaluation yet
    parent.lastEval = summary(0.9899);
    expect(stop.onStep()).toBe(true);
    parent.lastEval = summary(Number.NaN);
    expect(stop.onStep()).toBe(true);
    expect(stop.stopped).toBe(false);
    expect(lines).toEqual([]);
    parent.lastEval = summary(0.99);
    expect(stop.onStep()).toBe(false);
    expect(stop.stopped).toBe(true);
    expect(lines).toEqual(['reached 99.00% >= --stop-at 99.00%: stopping']);
    const quiet = new StopTrainingOnRewardThreshold(0.5);
    quiet.parent = parent;
    expect(quiet.onStep()).toBe(false);
    parent.lastEval = summary(1.2345);
    const named = new StopTrainingOnRewardThreshold(1, { log: (m) => lines.push(m) });
    named.parent = parent;
    named.onStep();
    expect(lines.at(-1)).toBe('reached 123.45% >= the threshold 100.00%: stopping');
  });

  it('refuses a non-finite threshold and a parent that is not an EvalCallback', () => {
    for (const t of [Number.NaN, Number.POSITIVE_INFINITY, '0.9']) {
      expect(() => new StopTrainingOnRewardThreshold(t as number)).toThrow(`StopTrainingOnRewardThreshold.threshold must be a finite number (a fraction of the HJB optimum, e.g. 0.99), got ${String(t)}`);
    }
    const orphan = new StopTrainingOnRewardThreshold(0.9);
    expect(() => orphan.onStep()).toThrow('StopTrainingOnRewardThreshold must be a child of an EvalCallback (its callbackAfterEval or callbackOnNewBest)');
    orphan.parent = new (class extends BaseCallback {})();
    expect(() => orphan.onStep()).toThrow(/must be a child of an EvalCallback/);
  });
});

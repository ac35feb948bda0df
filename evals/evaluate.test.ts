/**
 * The evaluation pipeline: every policy plays the same seeded episodes (each batch is what
 * runEpisodes gives alone), trajectories are capped by maxRecordedSteps, progress is reported per
 * policy, the comparison is comparePolicies of the batches, and the figures add the exact
 * optimum's policy map where the market has one.
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { fixedSpreadPolicy } from '../baselines/fixed-spread.js';
import { inventorySkewPolicy } from '../baselines/inventory-skew.js';
import { comparePolicies } from './compare.js';
import { evaluatePolicies, evaluationFigures } from './evaluate.js';
import { runEpisodes } from './run-episodes.js';

const config = resolveEnvConfig('default', { horizon: 0.05, maxInventory: 5 });
const skew = inventorySkewPolicy(config, { halfSpread: 0.8, skewPerUnit: 0.05 });
const fixed = fixedSpreadPolicy(config);

describe('evaluatePolicies', () => {
  const done: string[] = [];
  const ev = evaluatePolicies([skew], [fixed], config, { episodes: 12, seed: 4, maxRecordedSteps: 25, referenceName: 'fixed', resamples: 200, onPolicyDone: (n, s) => {
    expect(s).toBeGreaterThanOrEqual(0);
    done.push(n);
  } });
  it('each batch is runEpisodes on the same seeds with record full; trajectories capped by maxRecordedSteps / steps', () => {
    // 10 steps per episode, 25 recorded steps: the first 2 episodes
    const alone = runEpisodes(skew, config, { episodes: 12, seed: 4, record: 'full', trajectoryEpisodes: 2 });
    const got = ev.candidates[0]!;
    expect(Array.from(got.returns)).toEqual(Array.from(alone.returns));
    expect(Array.from(got.pnl)).toEqual(Array.from(alone.pnl));
    expect(got.trajectories!.episodes).toBe(2);
    expect(Array.from(got.trajectories!.mid)).toEqual(Array.from(alone.trajectories!.mid));
    expect(ev.baselines.map((b) => [b.policyName, b.seed, b.episodes])).toEqual([['fixed', 4, 12]]);
    expect(ev.config).toBe(config);
  });
  it('reports each policy once, in order; seconds per policy', () => {
    expect(done).toEqual(['skew', 'fixed']);
    expect(Object.keys(ev.seconds)).toEqual(['skew', 'fixed']);
  });
  it('the comparison is comparePolicies of the batches with the same options', () => {
    expect(ev.comparison).toEqual(comparePolicies(ev.candidates, ev.baselines, { referenceName: 'fixed', resamples: 200 }));
    expect(ev.comparison.referenceName).toBe('fixed');
  });
  it('at least one trajectory is recorded even when one episode exceeds maxRecordedSteps', () => {
    const one = evaluatePolicies([skew], [], config, { episodes: 3, seed: 1, maxRecordedSteps: 1 });
    expect(one.candidates[0]!.trajectories!.episodes).toBe(1);
  });
});

describe('evaluationFigures', () => {
  it('the policy map adds dp-optimal when the comparison has V*; none without Policy objects or V*', () => {
    const withStar = evaluatePolicies([skew], [fixed], config, { episodes: 6, seed: 2, resamples: 200, exactOptimum: 1 });
    const figs = evaluationFigures(withStar, [skew, fixed]);
    const map = figs.find((f) => f.name === 'policy-map');
    expect(map).toBeDefined();
    const spec = JSON.stringify(map!.spec);
    for (const n of ['skew', 'fixed', 'dp-optimal']) expect(spec).toContain(`"${n}"`);
    const plain = evaluatePolicies([skew], [fixed], config, { episodes: 6, seed: 2, resamples: 200 });
    expect(evaluationFigures(plain).some((f) => f.name === 'policy-map')).toBe(false);
    const noStar = JSON.stringify(evaluationFigures(plain, [skew, fixed]).find((f) => f.name === 'policy-map')!.spec);
    expect(noStar).not.toContain('"dp-optimal"');
    // no paired-difference figure without baselines
    const solo = evaluatePolicies([skew], [], config, { episodes: 6, seed: 2, resamples: 200 });
    expect(evaluationFigures(solo).map((f) => f.name)).not.toContain('paired-difference');
    expect(evaluationFigures(plain).map((f) => f.name)).toContain('paired-difference');
    expect(evaluationFigures(plain).length).toBe(evaluationFigures(solo).length + 1);
  });
});

/** The do-nothing baseline: both quotes at the deepest depth the action space allows, in every action mode, at every inventory and time. */
import { describe, expect, it } from 'vitest';
import { actionToDepths } from '../env/action-map.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { runEpisodes } from '../evals/run-episodes.js';
import { makeBaselinePolicy } from './registry.js';
import { doNothingPolicy } from './do-nothing.js';

describe('doNothingPolicy', () => {
  it('normalized-depths: the action +1 on both sides (maxDepth), for every observation of a batch', () => {
    const config = resolveEnvConfig('default', { horizon: 0.05 });
    expect(config.action.mode).toBe('normalized-depths');
    const p = doNothingPolicy(config);
    expect(p.name).toBe('none');
    const dim = config.observation.features.length;
    const obs = new Float32Array(3 * dim).map((_, i) => (i % 7) - 3);
    expect(Array.from(p.act(obs, 3))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(p.spec).toEqual(config);
    expect(makeBaselinePolicy('none', config).act(obs, 3)).toEqual(p.act(obs, 3));
  });

  it('depths and discrete modes: maxDepth, and the grid\'s largest level', () => {
    const depths = resolveEnvConfig('default', { horizon: 0.05, action: { mode: 'depths', maxDepth: 3 } } as never);
    const obsD = new Float32Array(depths.observation.features.length);
    expect(Array.from(doNothingPolicy(depths).act(obsD, 1))).toEqual([3, 3]);
    const grid = [0.25, 0.5, 2, 1];
    const discrete = resolveEnvConfig('default', { horizon: 0.05, action: { mode: 'discrete', grid } } as never);
    const a = doNothingPolicy(discrete).act(new Float32Array(discrete.observation.features.length), 1);
    const out = new Float64Array(2);
    actionToDepths(discrete.action, a, 0, out, 0);
    expect(Array.from(out)).toEqual([2, 2]);
  });

  it('played in the env: every step quotes mid - maxDepth and mid + maxDepth', () => {
    const config = resolveEnvConfig('default', { horizon: 0.05 });
    const b = runEpisodes(doNothingPolicy(config), config, { episodes: 3, seed: 4, record: 'full' });
    const tr = b.trajectories;
    if (tr === undefined) throw new Error('no trajectories');
    const m = (config.action as { maxDepth: number }).maxDepth;
    for (let e = 0; e < tr.episodes; e++) {
      for (let t = 0; t < (b.lengths[e] as number); t++) {
        const mid = tr.mid[e * (tr.steps + 1) + t] as number;
        expect(mid - (tr.bid[e * tr.steps + t] as number)).toBeCloseTo(m, 9);
        expect((tr.ask[e * tr.steps + t] as number) - mid).toBeCloseTo(m, 9);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import type { EpisodeBatch } from '../run-episodes.js';
import { episodeView, makeEpisodeView } from './episode-view.js';

const parts = { mid: [1, 2, 3], inventory: [0, 1, 0], cash: [0, -1, 2], bid: [0.5, 1.5], ask: [1.5, 2.5], bidFill: [1, 0], askFill: [0, 1], fees: [0, 0], reward: [0, 0] };

describe('makeEpisodeView', () => {
  it('length = steps; states need steps + 1 entries, per-step arrays steps, named in the error', () => {
    expect(makeEpisodeView(parts).length).toBe(2);
    expect(() => makeEpisodeView({ ...parts, cash: [0, 1] })).toThrow('cash must have length steps + 1 = 3, got 2');
    expect(() => makeEpisodeView({ ...parts, reward: [0] })).toThrow('reward must have length steps = 2, got 1');
    expect(() => makeEpisodeView({ ...parts, mid: [1, 2, 3, 4] })).toThrow('mid must have length steps + 1 = 3, got 4');
  });
});

describe('episodeView', () => {
  // two episodes of capacity T = 3; the second ended after 2 steps
  const T = 3;
  const tr = {
    steps: T,
    episodes: 2,
    mid: Float64Array.from([10, 11, 12, 13, 20, 21, 22, -1]),
    inventory: Float64Array.from([0, 1, 2, 3, 0, -1, -2, -9]),
    cash: Float64Array.from([0, -10, -21, -33, 0, 20, 41, -9]),
    bid: Float64Array.from([9, 10, 11, 19, 20, -9]),
    ask: Float64Array.from([11, 12, 13, 21, 22, -9]),
    bidFill: Float64Array.from([1, 1, 1, 0, 0, -9]),
    askFill: Float64Array.from([0, 0, 0, 1, 1, -9]),
    fees: Float64Array.from([0, 0, 0, 0.1, 0.1, -9]),
    reward: Float64Array.from([1, 2, 3, 4, 5, -9]),
  };
  const batch = { config: resolveEnvConfig('default'), episodes: 2, lengths: Int32Array.from([3, 2]), trajectories: tr } as unknown as EpisodeBatch;
  it('slices episode j: states at j (T + 1), steps at j T, cut to its length (views, not copies)', () => {
    const v = episodeView(batch, 1);
    expect(v.length).toBe(2);
    expect(Array.from(v.mid)).toEqual([20, 21, 22]);
    expect(Array.from(v.inventory)).toEqual([0, -1, -2]);
    expect(Array.from(v.cash)).toEqual([0, 20, 41]);
    expect(Array.from(v.bid)).toEqual([19, 20]);
    expect(Array.from(v.askFill)).toEqual([1, 1]);
    expect(Array.from(v.reward)).toEqual([4, 5]);
    expect((v.mid as Float64Array).buffer).toBe(tr.mid.buffer);
    expect(Array.from(episodeView(batch, 0).mid)).toEqual([10, 11, 12, 13]);
  });
  it('names what is missing: no trajectories, an index out of range', () => {
    expect(() => episodeView({ ...batch, trajectories: undefined } as unknown as EpisodeBatch, 0)).toThrow("per-step metrics need runEpisodes(..., { record: 'full' })");
    expect(() => episodeView(batch, 2)).toThrow('episode index must be in [0, 1] (episodes with trajectories), got 2');
    expect(() => episodeView(batch, 0.5)).toThrow('got 0.5');
  });
});

/**
 * RescaleAction: a' = low + (a - min) / (max - min) (high - low) per component, recomputed by hand
 * (endpoints map to the bounds exactly, the middle to the middle); actions outside [min, max]
 * and bad (min, max) are refused naming the values.
 */
import { describe, expect, it } from 'vitest';
import { make } from '../registry.js';
import { RescaleAction } from './rescale-action.js';

const depthsEnv = () => make('as2008', { action: { mode: 'depths', maxDepth: 4 } });

describe('RescaleAction', () => {
  it('maps [min, max] linearly onto the wrapped Box: the step equals the bare env\'s on the mapped action', () => {
    const w = new RescaleAction(depthsEnv(), -1, 3);
    expect(Array.from(w.actionSpace.low)).toEqual([-1, -1]);
    expect(Array.from(w.actionSpace.high)).toEqual([3, 3]);
    const bare = depthsEnv();
    w.reset({ seed: 6 });
    bare.reset({ seed: 6 });
    const map = (a: number): number => 0 + ((a + 1) / 4) * (4 - 0);
    for (const a of [[-1, 3], [1, 1], [0, 2.5], [3, -1], [-0.3, 0.7]]) {
      const r = w.step(a);
      const b = bare.step(a.map(map));
      expect(r.info.bidPrice).toBeCloseTo(b.info.bidPrice, 6);
      expect(r.info.askPrice).toBeCloseTo(b.info.askPrice, 6);
      expect(r.reward).toBeCloseTo(b.reward, 6);
    }
  });

  it('hits the bounds exactly at the endpoints', () => {
    const w = new RescaleAction(depthsEnv(), 0, 1);
    w.reset({ seed: 1 });
    const lo = w.step([0, 1]).info;
    expect(lo.bidPrice).toBe(lo.midBefore);
    expect(lo.askPrice).toBe(lo.midBefore + 4);
  });

  it('refuses actions outside [min, max] (NaN included) naming the component, and min >= max or non-finite bounds', () => {
    const w = new RescaleAction(depthsEnv(), -1, 1);
    w.reset({ seed: 1 });
    expect(() => w.step([0, 1.0001])).toThrow('RescaleAction: action[1] must be in [-1, 1], got 1.0001');
    expect(() => w.step([NaN, 0])).toThrow('RescaleAction: action[0] must be in [-1, 1], got NaN');
    expect(() => new RescaleAction(depthsEnv(), 1, 1)).toThrow('RescaleAction: need finite min < max, got min = 1, max = 1');
    expect(() => new RescaleAction(depthsEnv(), 2, -2)).toThrow('RescaleAction: need finite min < max, got min = 2, max = -2');
    expect(() => new RescaleAction(depthsEnv(), -Infinity, 0)).toThrow('need finite min < max, got min = -Infinity, max = 0');
  });
});

import { describe, expect, it } from 'vitest';
import { make } from '../registry.js';
import { ClipAction, NormalizeObservation, NormalizeReward, RecordEpisodeStatistics, RescaleAction, TimeLimit } from './index.js';
import { RunningMeanStd } from '../../util/running-mean-std.js';
import { expectClose, meanVar } from '../test-utils/expect-close.js';

describe('wrappers', () => {
  it('TimeLimit truncates after maxEpisodeSteps, and not when the episode terminates first', () => {
    const env = new TimeLimit(make(), 5);
    env.reset({ seed: 1 });
    const flags = Array.from({ length: 5 }, () => env.step([0, 0]).truncated);
    expect(flags).toEqual([false, false, false, false, true]);
    const long = new TimeLimit(make(), 200);
    long.reset({ seed: 1 });
    let last;
    for (let k = 0; k < 200; k++) last = long.step([0, 0]);
    expect([last!.terminated, last!.truncated]).toEqual([true, false]);
  });

  it('RecordEpisodeStatistics reports return and length on the last step', () => {
    const env = new RecordEpisodeStatistics(make());
    env.reset({ seed: 2 });
    let total = 0;
    let r;
    do {
      r = env.step([-0.5, -0.5]);
      total += r.reward;
    } while (!r.terminated && !r.truncated);
    expect(r.info.episode!.l).toBe(200);
    expect(r.info.episode!.r).toBeCloseTo(total, 9);
    expect(env.returnQueue).toHaveLength(1);
  });

  it('RunningMeanStd matches the sample mean and (population) variance', () => {
    const rms = new RunningMeanStd(1, 0);
    const xs = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3 + 1);
    rms.count = 0;
    for (const x of xs) rms.update([x]);
    const { mean, variance } = meanVar(xs);
    expectClose('rms mean', rms.mean[0]!, mean, 1e-12);
    expectClose('rms variance', rms.var[0]!, (variance * 999) / 1000, 1e-10);
  });

  it('NormalizeObservation standardises observations with running statistics', () => {
    const env = new NormalizeObservation(make('as2008', { observation: { features: ['time'] } }));
    env.reset({ seed: 1 });
    const obs: number[] = [];
    for (let k = 0; k < 199; k++) obs.push(env.step([0, 0]).observation[0]!);
    expect(Math.abs(obs.at(-1)!)).toBeLessThan(2); // t/T = 0.995 becomes ~ +1.7 sd
    expect(env.observationSpace.low[0]).toBe(-Infinity);
    expect(env.rms.mean[0]).toBeCloseTo(0.5, 1);
  });

  it('NormalizeReward scales rewards by the running std of the discounted return', () => {
    const base = make('as2008');
    const env = new NormalizeReward(make('as2008'), 0.99);
    base.reset({ seed: 3 });
    env.reset({ seed: 3 });
    for (let k = 0; k < 100; k++) {
      const raw = base.step([0, 0]).reward;
      const scaled = env.step([0, 0]).reward;
      expect(scaled).toBeCloseTo(raw / Math.sqrt(env.rms.var[0]! + 1e-8), 12);
    }
  });

  it('ClipAction clips into the box; RescaleAction maps [min, max] onto it', () => {
    const clipped = new ClipAction(make('as2008', { action: { mode: 'depths' } }));
    clipped.reset({ seed: 1 });
    const info = clipped.step([-3, 99]).info;
    expect(info.bidPrice).toBeCloseTo(info.midBefore, 12);
    expect(info.askPrice).toBeCloseTo(info.midBefore + 5, 12);
    const rescaled = new RescaleAction(make('as2008', { action: { mode: 'depths' } }), -1, 1);
    rescaled.reset({ seed: 1 });
    const i2 = rescaled.step([0, -1]).info;
    expect(i2.bidPrice).toBeCloseTo(i2.midBefore - 2.5, 6);
    expect(i2.askPrice).toBeCloseTo(i2.midBefore, 12);
    expect(() => rescaled.step([2, 0])).toThrow('RescaleAction: action[0] must be in [-1, 1], got 2');
  });
});

/**
 * RecordEpisodeStatistics: on an episode's last step (terminated or truncated) info.episode =
 * { r: the undiscounted return, l: the length }, only then; the last `bufferLength` returns and
 * lengths are kept in order; a reset mid-episode starts the counts afresh; steps are otherwise
 * unchanged.
 */
import { describe, expect, it } from 'vitest';
import { make } from '../registry.js';
import { RecordEpisodeStatistics } from './record-episode-statistics.js';
import { TimeLimit } from './time-limit.js';

describe('RecordEpisodeStatistics', () => {
  it('reports { r, l } on truncated episode ends only, and keeps the last bufferLength of them', () => {
    const env = new RecordEpisodeStatistics(new TimeLimit(make('as2008'), 3), 2);
    const raw = make('as2008');
    const returns: number[] = [];
    for (let e = 0; e < 4; e++) {
      env.reset({ seed: 10 + e });
      raw.reset({ seed: 10 + e });
      let total = 0;
      for (let k = 1; k <= 3; k++) {
        const r = env.step([-0.5, -0.5]);
        const b = raw.step([-0.5, -0.5]);
        total += b.reward;
        expect(r.reward).toBe(b.reward);
        if (k < 3) expect(r.info.episode).toBeUndefined();
        else expect(r.info.episode).toEqual({ r: expect.closeTo(total, 12), l: 3 });
      }
      returns.push(total);
    }
    expect(env.returnQueue).toEqual([expect.closeTo(returns[2]!, 12), expect.closeTo(returns[3]!, 12)]);
    expect(env.lengthQueue).toEqual([3, 3]);
    expect(env.bufferLength).toBe(2);
  });

  it('reports on termination at the horizon, and restarts the counts on a mid-episode reset', () => {
    const env = new RecordEpisodeStatistics(make('liquidation')); // 20 steps
    env.reset({ seed: 1 });
    for (let k = 0; k < 5; k++) env.step([0, 0]);
    env.reset({ seed: 2 });
    const raw = make('liquidation');
    raw.reset({ seed: 2 });
    let total = 0;
    let last;
    for (let k = 0; k < 20; k++) {
      last = env.step([0, 0]);
      total += raw.step([0, 0]).reward;
    }
    expect(last!.terminated).toBe(true);
    expect(last!.info.episode).toEqual({ r: expect.closeTo(total, 12), l: 20 });
    expect(env.lengthQueue).toEqual([20]); // the abandoned 5-step episode is not recorded
  });
});

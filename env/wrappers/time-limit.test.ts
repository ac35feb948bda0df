/**
 * TimeLimit: truncated once maxEpisodeSteps steps were taken since the last reset (the count
 * restarts on every reset), never on a step that terminated, the step itself otherwise
 * unchanged; maxEpisodeSteps must be an integer >= 1 (named with its value).
 */
import { describe, expect, it } from 'vitest';
import { make } from '../registry.js';
import { TimeLimit } from './time-limit.js';

describe('TimeLimit', () => {
  it('truncates at the limit and restarts the count on reset, mid-episode too', () => {
    const env = new TimeLimit(make('as2008'), 4);
    env.reset({ seed: 1 });
    env.step([0, 0]);
    env.step([0, 0]);
    env.reset({ seed: 1 }); // count back to 0
    const flags = Array.from({ length: 4 }, () => env.step([0, 0]).truncated);
    expect(flags).toEqual([false, false, false, true]);
    env.reset();
    expect(env.step([0, 0]).truncated).toBe(false);
  });

  it('changes nothing but the truncated flag', () => {
    const env = new TimeLimit(make('as2008'), 2);
    const bare = make('as2008');
    env.reset({ seed: 3 });
    bare.reset({ seed: 3 });
    bare.step([0.2, 0.2]);
    env.step([0.2, 0.2]);
    const a = bare.step([0.2, 0.2]);
    const b = env.step([0.2, 0.2]);
    expect(b).toEqual({ ...a, truncated: true });
  });

  it('a limit at the horizon gives terminated, not truncated; a limit beyond it never fires', () => {
    for (const limit of [200, 500]) {
      const env = new TimeLimit(make('as2008'), limit);
      env.reset({ seed: 1 });
      let r;
      for (let k = 0; k < 200; k++) r = env.step([0, 0]);
      expect([r!.terminated, r!.truncated]).toEqual([true, false]);
    }
  });

  it('refuses a limit that is not an integer >= 1', () => {
    for (const bad of [0, -1, 2.5, NaN, Infinity]) expect(() => new TimeLimit(make('as2008'), bad)).toThrow(`TimeLimit: maxEpisodeSteps must be an integer >= 1, got ${bad}`);
    expect(new TimeLimit(make('as2008'), 1).maxEpisodeSteps).toBe(1);
  });
});

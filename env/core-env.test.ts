/**
 * CoreEnv's own contract (the single-env Gymnasium API over env 0 of a core), on the real
 * simulator env: what step() accepts and refuses (numbers, arrays, typed arrays; messages naming
 * the space, the length or the component and the value), reset() options, the closed and
 * needs-reset states, terminated vs truncated when the limit meets the horizon, fresh observation
 * arrays, and the step's fields read from the core. (Seeding, the vector-env equivalence and the
 * market rules: market-making-env.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { EnvOverrides } from './config.js';
import { MarketMakingEnv } from './market-making-env.js';
import { resolveEnvConfig } from './resolve-config.js';

const env = (over: EnvOverrides = {}, maxEpisodeSteps?: number): MarketMakingEnv =>
  new MarketMakingEnv(resolveEnvConfig('as2008', over), maxEpisodeSteps === undefined ? {} : { maxEpisodeSteps });

describe('CoreEnv', () => {
  it('refuses step() before reset(), after the episode ends and after close(), and reset() after close()', () => {
    const e = env({}, 3);
    expect(() => e.step([0, 0])).toThrow('MarketMakingEnv: call reset() before step() (and after an episode ends)');
    e.reset({ seed: 1 });
    for (let k = 0; k < 3; k++) e.step([0, 0]);
    expect(() => e.step([0, 0])).toThrow('MarketMakingEnv: call reset() before step()');
    e.reset();
    e.step([0, 0]);
    e.close();
    expect(() => e.step([0, 0])).toThrow('MarketMakingEnv: the env is closed');
    expect(() => e.reset()).toThrow('MarketMakingEnv: the env is closed');
  });

  it('refuses malformed actions naming the space and what it got, before the core steps', () => {
    const e = env();
    e.reset({ seed: 1 });
    expect(() => e.step(0.5)).toThrow('action must be a vector of 2 numbers for Box([-1, -1], [1, 1]), got the number 0.5');
    expect(() => e.step(null as never)).toThrow(TypeError);
    expect(() => e.step(null as never)).toThrow('action must be an array of 2 numbers for Box([-1, -1], [1, 1]), got null');
    expect(() => e.step({ a: 1 } as never)).toThrow(/^action must be an array of 2 numbers for Box\(\[-1, -1\], \[1, 1\]\), got a Object/);
    expect(() => e.step([0] as never)).toThrow('action must have length 2 for Box([-1, -1], [1, 1]), got length 1');
    expect(() => e.step([0, '0.5'] as never)).toThrow('action[1] must be a number for Box([-1, -1], [1, 1]), got the string "0.5"');
    expect(e.core.stepIndex[0]).toBe(0); // nothing stepped
    // typed arrays and plain arrays are both accepted
    expect(e.step(Float32Array.of(0, 0)).info.step).toBe(1);
    expect(e.step(Float64Array.of(0, 0)).info.step).toBe(2);
  });

  it('takes a plain number (or a one-element array) for a discrete space', () => {
    const e = env({ action: { mode: 'discrete' } });
    e.reset({ seed: 1 });
    const r = e.step(63); // the deepest pair (5, 5)
    expect(r.info.bidPrice).toBeCloseTo(r.info.midBefore - 5, 12);
    expect(r.info.askPrice).toBeCloseTo(r.info.midBefore + 5, 12);
    const r2 = e.step([0]); // (0.25, 0.25)
    expect(r2.info.askPrice).toBeCloseTo(r2.info.midBefore + 0.25, 12);
    expect(() => e.step('3' as never)).toThrow('action must be a number or an array of 1 numbers for Discrete(64), got the string "3"');
  });

  it('reset(): the config\'s inventory by default, options.initialInventory within [-Q, Q] (named, with the range and the value)', () => {
    const e = env({ initialInventory: 4 });
    const r = e.reset({ seed: 2 });
    expect(r.info).toMatchObject({ inventory: 4, cash: 0, mid: 100, wealth: 400, step: 0, fees: 0 });
    expect(r.observation[0]).toBeCloseTo(4 / 25, 7);
    expect(e.reset({ options: { initialInventory: -25 } }).info.inventory).toBe(-25);
    expect(() => e.reset({ options: { initialInventory: 25.5 } })).toThrow('options.initialInventory must be >= -25 and <= 25, got 25.5');
    expect(() => e.reset({ seed: NaN })).toThrow('seed must be a finite number, got NaN');
  });

  it('at a limit equal to the horizon the last step is terminated, not truncated; shorter limits truncate', () => {
    for (const [limit, want] of [[200, [true, false]], [199, [false, true]]] as const) {
      const e = env({}, limit);
      e.reset({ seed: 1 });
      let r;
      let k = 0;
      do {
        r = e.step([0, 0]);
        k++;
      } while (!r.terminated && !r.truncated);
      expect([k, r.terminated, r.truncated]).toEqual([limit, ...want]);
    }
    expect(() => env({}, 0)).toThrow('maxEpisodeSteps must be an integer >= 1, got 0');
    expect(env().maxEpisodeSteps).toBe(Infinity);
    expect(env().episodeSteps).toBe(200);
  });

  it('returns a fresh observation each call and the reward and info of the core\'s env 0', () => {
    const e = env();
    const r0 = e.reset({ seed: 5 });
    const r1 = e.step([-0.8, -0.8]);
    const o1 = Float32Array.from(r1.observation);
    const r2 = e.step([-0.8, -0.8]);
    expect(r1.observation).not.toBe(r2.observation);
    expect(r0.observation).not.toBe(r1.observation);
    expect(Array.from(r1.observation)).toEqual(Array.from(o1)); // not overwritten by the next step
    expect(r2.reward).toBe(e.core.rewards[0]);
    expect(r2.info.cash).toBe(e.core.outCash[0]);
    expect(r2.info.wealth).toBeCloseTo(e.core.outCash[0]! + e.core.outInventory[0]! * e.core.outMid[0]!, 12);
    expect(Array.from(r2.observation)).toEqual([Math.fround(e.core.inventory[0]! / 25), Math.fround(2 / 200)]);
    expect(e.observationSpace.shape).toEqual([2]);
    expect(e.actionSpace.kind).toBe('box');
  });
});

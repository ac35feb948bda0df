/**
 * CoreVectorEnv's own contract (the VectorEnv over a core), on the real simulator: reset with
 * `seeds` (env i gets seeds[i]: equal seeds give common random numbers) and its refusals, the
 * plain-array action check, the owned result arrays, terminated vs truncated at a limit equal to
 * the horizon, loadState rewriting the observations, and the closed state.
 * (seed + i seeding, autoreset, final observations, bad actions by env: vector-env.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from './resolve-config.js';
import { MarketMakingVectorEnv } from './vector-env.js';

const cfg = resolveEnvConfig('as2008');
const vec = (numEnvs: number, maxEpisodeSteps?: number): MarketMakingVectorEnv =>
  new MarketMakingVectorEnv(cfg, maxEpisodeSteps === undefined ? { numEnvs } : { numEnvs, maxEpisodeSteps });

function run(e: MarketMakingVectorEnv, steps: number): number[][] {
  const per: number[][] = Array.from({ length: e.numEnvs }, () => []);
  const a = new Float32Array(e.numEnvs * 2).fill(-0.7);
  for (let k = 0; k < steps; k++) {
    const r = e.step(a);
    for (let i = 0; i < e.numEnvs; i++) per[i]!.push(r.rewards[i]!, r.market.mid[i]!, r.market.bidFill[i]!);
  }
  return per;
}

describe('CoreVectorEnv', () => {
  it('reset({ seeds }) seeds env i with seeds[i]: equal seeds -> identical envs, and env i = env 0 of reset({ seed: seeds[i] })', () => {
    const e = vec(3);
    e.reset({ seeds: [7, 7, 9] });
    const [a, b, c] = run(e, 40);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const single = vec(1);
    single.reset({ seed: 9 });
    expect(run(single, 40)[0]).toEqual(c);
  });

  it('refuses seed and seeds together, a seeds list of the wrong length, and a non-finite seed in it', () => {
    const e = vec(2);
    expect(() => e.reset({ seed: 1, seeds: [1, 2] })).toThrow('MarketMakingVectorEnv: reset takes seed or seeds, not both');
    expect(() => e.reset({ seeds: [1] })).toThrow('MarketMakingVectorEnv: reset seeds must have one seed per env (2), got 1');
    expect(() => e.reset({ seeds: [1, Infinity] })).toThrow('seed must be a finite number, got Infinity');
    expect(() => e.reset({ seed: NaN })).toThrow('seed must be a finite number, got NaN');
  });

  it('checks plain-array actions value by value (no string coerced to a number), naming the index', () => {
    const e = vec(2);
    e.reset({ seed: 1 });
    expect(() => e.step([0, 0, '0', 0] as never)).toThrow('actions[2] must be a number, got the string "0"');
    expect(() => e.step(null as never)).toThrow('actions must be a Float32Array (or an array) of numEnvs * actDim numbers, got null');
    expect(e.step([0, 0, 0, 0] as never).market.stepIndex[1]).toBe(1); // a plain array of numbers is fine
    expect(e.step(new Float64Array(4) as unknown as Float32Array).market.stepIndex[1]).toBe(2); // a Float64Array too (JavaScript callers)
  });

  it('owns its result arrays: the same objects every call, overwritten by the next step; rewards is the core\'s', () => {
    const e = vec(2);
    const { observations } = e.reset({ seed: 1 });
    const r1 = e.step(new Float32Array(4));
    const obs1 = Array.from(r1.observations);
    const r2 = e.step(new Float32Array(4));
    expect(r2).toBe(r1);
    expect(r2.observations).toBe(observations);
    expect(r2.rewards).toBe(e.core.rewards);
    expect(Array.from(r2.observations)).not.toEqual(obs1); // t/T moved on in place
    expect([e.numEnvs, e.obsDim, e.actDim, e.episodeSteps, e.maxEpisodeSteps]).toEqual([2, 2, 2, 200, Infinity]);
  });

  it('at a limit equal to the horizon the step is terminated, not truncated', () => {
    const e = vec(2, 200);
    e.reset({ seed: 1 });
    let r;
    for (let k = 0; k < 200; k++) r = e.step(new Float32Array(4));
    expect(Array.from(r!.terminated)).toEqual([1, 1]);
    expect(Array.from(r!.truncated)).toEqual([0, 0]);
    expect(() => vec(1, 1.5)).toThrow('maxEpisodeSteps must be an integer >= 1, got 1.5');
  });

  it('loadState restores the markets and rewrites the observations (the next step continues as the original)', () => {
    const a = vec(2);
    a.reset({ seed: 3 });
    run(a, 17);
    const snap = a.saveState();
    const b = vec(2);
    const { observations } = b.reset({ seed: 100 });
    b.loadState(snap);
    expect(observations[1]).toBeCloseTo(17 / 200, 6); // t/T of the restored state, without a step
    expect(run(b, 30)).toEqual(run(a, 30));
  });

  it('refuses reset, step, saveState and loadState once closed', () => {
    const e = vec(1);
    e.reset();
    const snap = e.saveState();
    e.close();
    const msg = 'MarketMakingVectorEnv: the env is closed';
    expect(() => e.reset()).toThrow(msg);
    expect(() => e.step(new Float32Array(2))).toThrow(msg);
    expect(() => e.saveState()).toThrow(msg);
    expect(() => e.loadState(snap)).toThrow(msg);
  });
});

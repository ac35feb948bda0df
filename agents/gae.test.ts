import { describe, expect, it } from 'vitest';
import { bootstrapTruncated, computeGae, explainedVariance } from './gae.js';

describe('computeGae', () => {
  it('matches a hand-computed case with a termination and a truncation (1 env, 4 steps)', () => {
    // Steps: t0 normal, t1 terminated, t2 truncated (final obs value 10), t3 normal; last value 3.
    const gamma = 0.9;
    const lambda = 0.8;
    const values = [1, 2, 0.5, 4];
    const rewards = new Float64Array([1, 1, 1, 1]);
    const terminated = [0, 1, 0, 0];
    const truncated = [0, 0, 1, 0];
    // Truncation bootstrap (SB3): r2 += gamma * V(final obs) = 1 + 0.9 * 10 = 10.
    for (let t = 0; t < 4; t++) {
      const r = new Float64Array([rewards[t]!]);
      bootstrapTruncated(r, [terminated[t]!], [truncated[t]!], [10], gamma);
      rewards[t] = r[0]!;
    }
    expect(rewards[2]).toBeCloseTo(10, 12);
    const dones = terminated.map((x, t) => x | truncated[t]!);
    const adv = new Float64Array(4);
    const ret = new Float64Array(4);
    computeGae({ nSteps: 4, nEnvs: 1, rewards, values, dones, lastValues: [3], gamma, gaeLambda: lambda }, adv, ret);
    // By hand, backwards:
    const d3 = 1 + 0.9 * 3 - 4; // -0.3
    const a3 = d3;
    const d2 = 10 - 0.5; // done: no bootstrap from V(s3) (it belongs to the next episode)
    const a2 = d2;
    const d1 = 1 - 2; // terminated: no bootstrap at all
    const a1 = d1;
    const d0 = 1 + 0.9 * 2 - 1;
    const a0 = d0 + 0.9 * 0.8 * a1;
    const expected = [a0, a1, a2, a3];
    console.log('GAE expected', expected, 'got', Array.from(adv), 'tol 1e-12');
    expected.forEach((e, t) => expect(adv[t]).toBeCloseTo(e, 12));
    values.forEach((v, t) => expect(ret[t]).toBeCloseTo(expected[t]! + v, 12));
  });

  it('lambda = 1 gives discounted Monte-Carlo returns bootstrapped at the end; envs are independent', () => {
    const gamma = 0.5;
    // 2 envs x 3 steps, index t * 2 + e; env 1 terminates at t = 1.
    const rewards = [1, 2, 1, 2, 1, 2];
    const values = [0, 0, 0, 0, 0, 0];
    const dones = [0, 0, 0, 1, 0, 0];
    const adv = new Float64Array(6);
    const ret = new Float64Array(6);
    computeGae({ nSteps: 3, nEnvs: 2, rewards, values, dones, lastValues: [8, 8], gamma, gaeLambda: 1 }, adv, ret);
    // env 0: returns 1 + .5(1 + .5(1 + .5*8)) = 1 + .5 * 3.5 = 2.75... computed stepwise:
    const r0t2 = 1 + 0.5 * 8;
    const r0t1 = 1 + 0.5 * r0t2;
    const r0t0 = 1 + 0.5 * r0t1;
    expect([ret[0], ret[2], ret[4]]).toEqual([r0t0, r0t1, r0t2]);
    // env 1: t1 terminal -> return 2; t0 -> 2 + .5 * 2; t2 -> 2 + .5 * 8.
    expect([ret[1], ret[3], ret[5]]).toEqual([3, 2, 6]);
  });
});

describe('explainedVariance', () => {
  it('is 1 for a perfect fit, 0 for a constant prediction at the mean, NaN for constant targets', () => {
    expect(explainedVariance([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(explainedVariance([2, 2, 2], [1, 2, 3])).toBeCloseTo(0, 12);
    expect(explainedVariance([1, 2, 3], [5, 5, 5])).toBeNaN();
  });
});

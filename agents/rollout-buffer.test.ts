/**
 * The rollout storage (rollout-buffer.ts): the t * nEnvs + e layout, the full/reset cycle and its
 * refusal when full, GAE written into advantages/returns (checked against a brute-force sum of
 * discounted TD errors), explained variance against its formula, and minibatch gathering.
 */
import { describe, expect, it } from 'vitest';
import { RolloutBuffer } from './rollout-buffer.js';

/** A buffer of 3 steps x 2 envs, obs dim 2, act dim 1, filled with recognisable values. */
function filled(): RolloutBuffer {
  const b = new RolloutBuffer(3, 2, 2, 1);
  for (let t = 0; t < 3; t++) {
    const obs = Float32Array.from([10 * t, 10 * t + 1, 10 * t + 2, 10 * t + 3, 99, 99]); // extra rows past nEnvs are ignored
    const act = Float32Array.from([t + 0.5, -(t + 0.5), 7]);
    b.add(obs, act, [t, -t], [0, t === 1 ? 5 : 0], [0.1 * t, 0.2 * t], [-t, -2 * t]);
  }
  return b;
}

describe('RolloutBuffer', () => {
  it('stores step t of env e at index t * nEnvs + e; dones as 0/1; full after nSteps; refuses a step more until reset', () => {
    const b = filled();
    expect(b.size).toBe(6);
    expect(b.full).toBe(true);
    expect(b.pos).toBe(3);
    expect(Array.from(b.obs)).toEqual([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23]);
    expect(Array.from(b.actions)).toEqual([0.5, -0.5, 1.5, -1.5, 2.5, -2.5]);
    expect(Array.from(b.rewards)).toEqual([0, -0, 1, -1, 2, -2]);
    expect(Array.from(b.dones)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(Array.from(b.values)).toEqual([0, 0, 0.1, 0.2, 0.2, 0.4].map(Math.fround));
    expect(Array.from(b.logProbs)).toEqual([-0, -0, -1, -2, -2, -4]);
    expect(() => b.add(new Float32Array(4), new Float32Array(2), [0, 0], [0, 0], [0, 0], [0, 0])).toThrow('RolloutBuffer.add: buffer is full; call reset() first');
    b.reset();
    expect(b.full).toBe(false);
    expect(b.pos).toBe(0);
    b.add(Float32Array.from([5, 6, 7, 8]), Float32Array.from([1, 2]), [9, 9], [1, 0], [0, 0], [0, 0]);
    expect(Array.from(b.obs.subarray(0, 4))).toEqual([5, 6, 7, 8]);
    expect(b.rewards[0]).toBe(9);
  });

  it('computeReturnsAndAdvantage: A_t = sum_k (gamma lambda)^k delta_{t+k} up to the end of the episode, R = A + V', () => {
    const b = filled();
    const gamma = 0.9;
    const lambda = 0.7;
    const lastValues = [0.5, -0.25];
    b.computeReturnsAndAdvantage(lastValues, gamma, lambda);
    const n = 2;
    for (let e = 0; e < n; e++) {
      for (let t = 0; t < 3; t++) {
        let adv = 0;
        let w = 1;
        for (let k = t; k < 3; k++) {
          const i = k * n + e;
          const done = b.dones[i] === 1;
          const next = done ? 0 : k === 2 ? lastValues[e]! : b.values[i + n]!;
          adv += w * (b.rewards[i]! + gamma * next - b.values[i]!);
          if (done) break;
          w *= gamma * lambda;
        }
        expect(b.advantages[t * n + e]).toBeCloseTo(adv, 6);
        expect(b.returns[t * n + e]).toBeCloseTo(adv + b.values[t * n + e]!, 6);
      }
    }
    // a hand value: env 1 ends at t = 1, so A_1 = r_1 - V_1 = -1 - 0.2
    expect(b.advantages[3]).toBeCloseTo(-1.2, 6);
  });

  it('explainedVariance is 1 - Var[R - V] / Var[R]', () => {
    const b = filled();
    b.computeReturnsAndAdvantage([0, 0], 0.9, 0.95);
    const R = Array.from(b.returns);
    const V = Array.from(b.values);
    const variance = (x: number[]): number => {
      const m = x.reduce((s, v) => s + v, 0) / x.length;
      return x.reduce((s, v) => s + (v - m) ** 2, 0) / x.length;
    };
    expect(b.explainedVariance()).toBeCloseTo(1 - variance(R.map((r, i) => r - V[i]!)) / variance(R), 6);
  });

  it('allocMinibatch sizes its arrays; gather copies the indexed transitions in order', () => {
    const b = filled();
    b.computeReturnsAndAdvantage([0, 0], 1, 1);
    const mb = b.allocMinibatch(3);
    expect([mb.size, mb.obs.length, mb.actions.length, mb.oldLogProbs.length, mb.advantages.length, mb.returns.length, mb.oldValues.length]).toEqual([3, 6, 3, 3, 3, 3, 3]);
    const idx = Uint32Array.from([9, 9, 5, 0, 3]); // start 2: rows 5, 0, 3
    b.gather(idx, 2, mb);
    expect(Array.from(mb.obs)).toEqual([22, 23, 0, 1, 12, 13]);
    expect(Array.from(mb.actions)).toEqual([-2.5, 0.5, -1.5]);
    expect(Array.from(mb.oldLogProbs)).toEqual([b.logProbs[5], b.logProbs[0], b.logProbs[3]]);
    expect(Array.from(mb.advantages)).toEqual([b.advantages[5], b.advantages[0], b.advantages[3]]);
    expect(Array.from(mb.returns)).toEqual([b.returns[5], b.returns[0], b.returns[3]]);
    expect(Array.from(mb.oldValues)).toEqual([b.values[5], b.values[0], b.values[3]]);
  });
});

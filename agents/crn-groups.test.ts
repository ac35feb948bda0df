/**
 * Common-random-number rollout groups: the leave-one-out baseline's arithmetic, its
 * unbiasedness and variance reduction (Monte Carlo on coupled samples), the coupling of a
 * group's simulated markets, and PPO with groups (refused where it cannot work, deterministic).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVec } from '../env/registry.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { selectBackend } from '../models/backend.js';
import { SeededRandom } from '../models/random.js';
import { applyCrnBaseline, checkCrnGroupSize, crnSeeds } from './crn-groups.js';
import { PPO } from './ppo.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('crn groups', () => {
  it('subtracts the leave-one-out mean of each group at each step', () => {
    // 2 steps x 6 envs, groups of 3
    const a = Float32Array.from([1, 2, 6, 0, 0, 3, 4, 4, 4, -1, 1, 0]);
    applyCrnBaseline(a, new Uint8Array(12), 2, 6, 3);
    expect(Array.from(a)).toEqual([1 - 4, 2 - 3.5, 6 - 1.5, 0 - 1.5, 0 - 1.5, 3 - 0, 0, 0, 0, -1 - 0.5, 1 + 0.5, 0]);
    const b = Float32Array.from([1, 5]);
    applyCrnBaseline(b, new Uint8Array(2), 1, 2, 2);
    expect(Array.from(b)).toEqual([-4, 4]);
    const c = Float32Array.from([1, 5]);
    applyCrnBaseline(c, new Uint8Array(2), 1, 2, 1);
    expect(Array.from(c)).toEqual([1, 5]);
  });

  it('refuses a group whose episodes end at different steps, and sizes that do not divide the envs', () => {
    expect(() => applyCrnBaseline(new Float32Array(4), Uint8Array.from([1, 0, 1, 1]), 1, 4, 2)).toThrow(/envs 0\.\.1 ended episodes at different steps/);
    expect(() => checkCrnGroupSize('ppo.crnGroupSize', 3, 8)).toThrow(/ppo\.crnGroupSize must divide the number of envs \(8\), got 3/);
    expect(() => checkCrnGroupSize('ppo.crnGroupSize', 0, 8)).toThrow(/integer >= 1, got 0/);
    expect(crnSeeds(10, 6, 3)).toEqual([10, 10, 10, 11, 11, 11]);
  });

  it('keeps the policy-gradient estimate unbiased and cuts its variance on coupled samples', () => {
    // A_i = common market noise c_g + beta * eps_i + own noise; the gradient estimate is eps_i * A_i
    const rng = SeededRandom.fromSeed(5);
    const K = 4;
    const groups = 20_000;
    const beta = 0.3;
    const plain: number[] = [];
    const crn: number[] = [];
    for (let g = 0; g < groups; g++) {
      const common = 5 * rng.normal();
      const eps = Array.from({ length: K }, () => rng.normal());
      const adv = Float64Array.from(eps, (e) => common + beta * e + 0.2 * rng.normal());
      eps.forEach((e, i) => plain.push(e * adv[i]!));
      applyCrnBaseline(adv, new Uint8Array(K), 1, K, K);
      eps.forEach((e, i) => crn.push(e * adv[i]!));
    }
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = (xs: number[]): number => {
      const m = mean(xs);
      return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    };
    // the leave-one-out baseline scales the action's own effect by 1 + 1/(K-1) in each sample, but its
    // expectation is beta: E[eps_i * A_j] = 0 for j != i
    expect(Math.abs(mean(crn) - beta)).toBeLessThan((4 * sd(crn)) / Math.sqrt(crn.length));
    expect(Math.abs(mean(plain) - beta)).toBeLessThan((4 * sd(plain)) / Math.sqrt(plain.length));
    expect(sd(crn)).toBeLessThan(sd(plain) / 8);
  });

  it('a group shares its market: the same mid path whatever each env quotes, the same rewards for the same quotes', () => {
    const env = makeVec(resolveEnvConfig('maker-fees'), { numEnvs: 4 });
    env.reset({ seeds: crnSeeds(7, 4, 2) });
    const actions = new Float32Array(8);
    const mids: number[][] = [[], [], [], []];
    const rewards: number[][] = [[], [], [], []];
    for (let t = 0; t < 150; t++) {
      // env 0 and 2 quote tight, env 1 wide; env 3 quotes as env 2
      actions.set([-0.8, -0.8, 0.4, 0.4, -0.8, -0.8, -0.8, -0.8]);
      const res = env.step(actions);
      for (let e = 0; e < 4; e++) {
        mids[e]!.push(res.market.mid[e]!);
        rewards[e]!.push(res.rewards[e]!);
      }
    }
    env.close();
    expect(mids[1]).toEqual(mids[0]);
    expect(mids[3]).toEqual(mids[2]);
    expect(mids[2]).not.toEqual(mids[0]);
    expect(rewards[3]).toEqual(rewards[2]);
    expect(rewards[1]).not.toEqual(rewards[0]);
    expect(() => makeVec(resolveEnvConfig('maker-fees'), { numEnvs: 2 }).reset({ seeds: [1] })).toThrow(/one seed per env \(2\), got 1/);
  });

  it('PPO with groups: refused when the size does not divide the envs, the same run for the same seed', async () => {
    const config = resolveEnvConfig('maker-fees');
    expect(() => new PPO(makeVec(config, { numEnvs: 4 }), { crnGroupSize: 3 })).toThrow(/ppo\.crnGroupSize must divide the number of envs \(4\), got 3/);
    const run = async (): Promise<Float32Array> => {
      const agent = new PPO(makeVec(config, { numEnvs: 4 }), { nSteps: 64, batchSize: 64, nEpochs: 2, seed: 3, crnGroupSize: 2 });
      await agent.learn({ totalTimesteps: 512 });
      const out = Float32Array.from(agent.ac.predict(new Float32Array(agent.env.obsDim), 1));
      agent.env.close();
      return out;
    };
    const a = await run();
    expect(Array.from(await run())).toEqual(Array.from(a));
  });
});

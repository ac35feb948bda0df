import { beforeAll, describe, expect, it } from 'vitest';
import { makeVec } from '../env/registry.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { MarketCore } from '../env/sim/core.js';
import type { VectorEnv } from '../env/types.js';
import { selectBackend } from '../models/backend.js';
import { SeededRandom } from '../models/random.js';
import { FillControlVariate, fillControlVariateReasons } from './fill-control-variate.js';
import { PPO } from './ppo.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Random depths in [0, 2] for n envs (normalized-depths actions of the liquidation preset: depth / maxDepth in [0, 1]). */
function randomActions(rng: SeededRandom, n: number, maxDepth: number): Float32Array {
  return Float32Array.from({ length: 2 * n }, () => (2 * rng.uniform()) / maxDepth);
}

describe('the simulator reports each side\'s fill probability and worth (fill counterfactuals)', () => {
  it('probabilities are the fill model\'s, worths the reward with minus without the fill; the path is unchanged', () => {
    for (const id of ['liquidation', 'maker-fees', 'coarse-ticks']) {
      const cfg = resolveEnvConfig(id);
      const n = 6;
      const a = new MarketCore(cfg, n);
      const b = new MarketCore(cfg, n);
      expect(b.enableFillCounterfactuals()).toBe(true);
      const rng = SeededRandom.fromSeed(1);
      const cf = b.fillCounterfactuals;
      const phiDt = b.rewardRule.phiDt;
      const alpha = b.rewardRule.terminalPenalty;
      const maxDepth = cfg.action.mode === 'normalized-depths' ? cfg.action.maxDepth : 5;
      for (let t = 0; t < 15; t++) {
        const q0 = Float64Array.from(b.inventory);
        const s0 = Float64Array.from(b.mid);
        const acts = cfg.action.mode === 'normalized-depths' ? randomActions(rng, n, maxDepth) : Float32Array.from({ length: n }, () => rng.int(4));
        a.step(acts);
        b.step(acts);
        expect(Array.from(b.rewards)).toEqual(Array.from(a.rewards));
        expect(Array.from(b.mid)).toEqual(Array.from(a.mid));
        for (let i = 0; i < n; i++) {
          const bid = b.outBidPrice[i]!;
          const ask = b.outAskPrice[i]!;
          expect(cf.bidProb[i]).toBe(Number.isNaN(bid) ? 0 : b.arrivals.fillProbability(i, 0, s0[i]! - bid));
          expect(cf.askProb[i]).toBe(Number.isNaN(ask) ? 0 : b.arrivals.fillProbability(i, 1, ask - s0[i]!));
          if (cfg.reward.kind !== 'running-penalty' || Number.isNaN(bid) || Number.isNaN(ask)) continue;
          // running-penalty: r = dW - phi dt q'^2 - [alpha q'^2]; a bid fill adds (S' - bid) - fee to dW and one unit to q'.
          const isLast = b.terminal[i] === 1;
          const pen = (q: number): number => phiDt * q * q + (isLast ? alpha * q * q : 0);
          const s1 = b.outMid[i]!;
          const qa = q0[i]! - b.outAskFill[i]!;
          const qb = q0[i]! + b.outBidFill[i]!;
          expect(cf.bidReward[i]).toBeCloseTo(s1 - bid - b.feeModel.maker(bid, 1) - (pen(qa + 1) - pen(qa)), 9);
          expect(cf.askReward[i]).toBeCloseTo(ask - s1 - b.feeModel.maker(ask, 1) - (pen(qb - 1) - pen(qb)), 9);
        }
        for (let i = 0; i < n; i++) if (a.terminal[i]) (a.resetEnv(i), b.resetEnv(i));
      }
    }
  });

  it('the counterfactuals are no part of the env state (checkpoints of before them resume)', () => {
    const core = new MarketCore(resolveEnvConfig('liquidation'), 2);
    core.enableFillCounterfactuals();
    const s = core.saveState();
    expect(Object.keys(s.arrays).some((k) => k.startsWith('cf'))).toBe(false);
    expect(Object.keys(s.scalars).some((k) => k.startsWith('cf'))).toBe(false);
    // nor are the inventory-level codes' constants (observer.*: the snapshot keys of before them)
    expect(Object.keys(s.scalars).filter((k) => /levels|orderSize/.test(k))).toEqual([]);
  });
});

describe('fill control variate', () => {
  it('refused where a fill\'s worth would read its own uniform or there is no fill model, naming why', () => {
    expect(fillControlVariateReasons(makeVec('liquidation', { numEnvs: 2 }))).toEqual([]);
    expect(fillControlVariateReasons(makeVec('adverse-selection', { numEnvs: 2 })).join()).toMatch(/toxicity.fraction is 0.4: the informed jump/);
    const env = makeVec('default', { numEnvs: 2 });
    const tape = { config: env.config, replay: true, numEnvs: 2, obsDim: env.obsDim } as unknown as VectorEnv;
    expect(() => new FillControlVariate(tape, 'ppo.fillControlVariate')).toThrow(/ppo.fillControlVariate needs a simulated market .*replayed tape/);
    expect(() => new PPO(makeVec('adverse-selection', { numEnvs: 2 }), { nSteps: 8, batchSize: 8, fillControlVariate: true })).toThrow(/ppo.fillControlVariate needs .*toxicity.fraction is 0.4/);
  });

  it('exact and sharper (Monte Carlo, liquidation, random quotes, 4,000 episodes): the term has mean 0 within 4 s.e., and the return\'s variance falls', () => {
    const n = 50;
    const env = makeVec('liquidation', { numEnvs: n });
    const fcv = new FillControlVariate(env, 'f');
    env.reset({ seed: 3 });
    const rng = SeededRandom.fromSeed(9);
    // A fixed critic, the terminal penalty alpha q'^2 still to pay (alpha = 2; any function of the
    // next state keeps the term exact, a better one makes it sharper).
    const Q = env.config.maxInventory;
    const value = (raw: Float32Array, rows: number): Float32Array => Float32Array.from({ length: rows }, (_, r) => -2 * (Q * raw[r * env.obsDim]!) ** 2);
    const ret = new Float64Array(n);
    const retCv = new Float64Array(n);
    const plain: number[] = [];
    const withCv: number[] = [];
    let sum = 0;
    let sumSq = 0;
    let count = 0;
    const learn = new Float64Array(n);
    while (plain.length < 4000) {
      const res = env.step(randomActions(rng, n, 5));
      for (let e = 0; e < n; e++) learn[e] = res.rewards[e]! - res.market.inventory[e]! * (res.market.mid[e]! - res.market.midBefore[e]!);
      const before = Float64Array.from(learn);
      fcv.apply(res, learn, true, 1, 1, value);
      for (let e = 0; e < n; e++) {
        const term = before[e]! - learn[e]!;
        sum += term;
        sumSq += term * term;
        count++;
        ret[e] = ret[e]! + before[e]!;
        retCv[e] = retCv[e]! + learn[e]!;
        if (res.terminated[e]) {
          plain.push(ret[e]!);
          withCv.push(retCv[e]!);
          ret[e] = 0;
          retCv[e] = 0;
        }
      }
    }
    const mean = sum / count;
    const se = Math.sqrt((sumSq / count - mean * mean) / count);
    expect(Math.abs(mean)).toBeLessThan(4 * se);
    const m = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = (xs: number[]): number => Math.sqrt(m(xs.map((x) => (x - m(xs)) ** 2)));
    // Same mean return within 4 s.e. of the difference, smaller spread.
    const diff = plain.map((x, i) => x - withCv[i]!);
    expect(Math.abs(m(diff))).toBeLessThan((4 * sd(diff)) / Math.sqrt(diff.length));
    expect(sd(withCv)).toBeLessThan(0.8 * sd(plain));
  });

  it('PPO with it on liquidation: trains, and the same seed gives the same weights, bit for bit', async () => {
    const run = async (): Promise<Float32Array> => {
      const agent = new PPO(makeVec('liquidation', { numEnvs: 4 }), { nSteps: 40, batchSize: 80, nEpochs: 2, seed: 3, logStdSchedule: -3, crnGroupSize: 2, mtmControlVariate: true, fillControlVariate: true });
      await agent.learn({ totalTimesteps: 320 });
      const p = Float32Array.from(agent.ac.params);
      agent.dispose();
      return p;
    };
    const a = await run();
    expect(a.every(Number.isFinite)).toBe(true);
    expect(Array.from(await run())).toEqual(Array.from(a));
  });
});

/**
 * The baseline episode loop: episode e uses seed + e whatever the number of envs (waves of N),
 * the records match a hand-rolled one-env loop, terminal PnL is W_T - W_0 (= the sum of pnl
 * rewards), and the sample summary is mean / sample sd / sd/sqrt(n).
 */
import { describe, expect, it } from 'vitest';
import { makeVec } from '../env/registry.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { fixedSpreadPolicy } from './fixed-spread.js';
import { inventorySkewPolicy } from './inventory-skew.js';
import { runBaselineEpisodes, summarizeSample } from './run-baseline.js';

const config = resolveEnvConfig('default', { horizon: 0.1, maxInventory: 3, initialInventory: 1, initialCash: 5, reward: { kind: 'pnl' } });

function handRolled(episodes: number, seed: number): { returns: number[]; pnl: number[]; q: number[]; fills: number[]; spread: number[] } {
  const policy = inventorySkewPolicy(config, { halfSpread: 0.4, skewPerUnit: 0.1 });
  const env = makeVec(config, { numEnvs: 1 });
  const out = { returns: [] as number[], pnl: [] as number[], q: [] as number[], fills: [] as number[], spread: [] as number[] };
  for (let e = 0; e < episodes; e++) {
    let obs = env.reset({ seed: seed + e }).observations;
    let ret = 0;
    let fills = 0;
    let ss = 0;
    let sn = 0;
    for (;;) {
      const r = env.step(policy.act(obs, 1));
      ret += r.rewards[0]!;
      fills += r.market.bidFill[0]! + r.market.askFill[0]!;
      const s = r.market.askPrice[0]! - r.market.bidPrice[0]!;
      if (!Number.isNaN(s)) {
        ss += s;
        sn++;
      }
      if (r.terminated[0] === 1 || r.truncated[0] === 1) {
        out.returns.push(ret);
        out.pnl.push(r.market.cash[0]! + r.market.inventory[0]! * r.market.mid[0]! - (5 + 1 * 100));
        out.q.push(r.market.inventory[0]!);
        out.fills.push(fills);
        out.spread.push(sn > 0 ? ss / sn : 0);
        break;
      }
      obs = r.observations;
    }
  }
  env.close();
  return out;
}

describe('runBaselineEpisodes', () => {
  it('equals a one-env loop with seed + e, for any number of envs (partial last wave too)', () => {
    const want = handRolled(7, 40);
    for (const n of [1, 3, 7, 10]) {
      const env = makeVec(config, { numEnvs: n });
      const r = runBaselineEpisodes(env, inventorySkewPolicy(config, { halfSpread: 0.4, skewPerUnit: 0.1 }), { episodes: 7, seed: 40 });
      env.close();
      expect(Array.from(r.returns), `N = ${n}`).toEqual(want.returns);
      expect(Array.from(r.terminalPnl)).toEqual(want.pnl);
      expect(Array.from(r.finalInventory)).toEqual(want.q);
      expect(Array.from(r.fills)).toEqual(want.fills);
      expect(Array.from(r.meanSpread)).toEqual(want.spread);
    }
  });
  it('pnl reward: the return is W_T - W_0; a fixed spread h quotes 2h; |q_T| <= Q; fills >= |q_T - q_0|', () => {
    const env = makeVec(config, { numEnvs: 4 });
    const r = runBaselineEpisodes(env, fixedSpreadPolicy(config, { halfSpread: 0.3 }), { episodes: 12, seed: 1 });
    env.close();
    for (let e = 0; e < 12; e++) {
      expect(r.returns[e]).toBeCloseTo(r.terminalPnl[e]!, 9);
      expect(r.meanSpread[e]).toBeCloseTo(0.6, 6);
      expect(Math.abs(r.finalInventory[e]!)).toBeLessThanOrEqual(3);
      expect(r.fills[e]).toBeGreaterThanOrEqual(Math.abs(r.finalInventory[e]! - 1));
    }
    expect(new Set(Array.from(r.returns)).size).toBeGreaterThan(1); // episodes differ
  });
  it('names bad options', () => {
    const env = makeVec(config, { numEnvs: 1 });
    const p = fixedSpreadPolicy(config);
    expect(() => runBaselineEpisodes(env, p, { episodes: 0, seed: 1 })).toThrow('episodes must be an integer and >= 1, got 0');
    expect(() => runBaselineEpisodes(env, p, { episodes: 1, seed: 0.5 })).toThrow('seed must be an integer, got 0.5');
    env.close();
  });
});

describe('summarizeSample', () => {
  it('mean, sample standard deviation (n - 1) and standard error', () => {
    const s = summarizeSample([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.std).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(s.se).toBeCloseTo(Math.sqrt(32 / 7) / Math.sqrt(8), 14);
    expect(summarizeSample(Float64Array.of(3))).toEqual({ mean: 3, std: 0, se: 0 });
  });
});

import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig, type RewardConfig } from '../config.js';
import { effectivePhi } from '../effective-params.js';
import { makeVec } from '../registry.js';
import type { MarketCore } from './core.js';
import { CaraReward, PnlReward, RealizedPenaltyReward, REWARD_CODES, rewardRuleFor, RunningPenaltyReward } from './reward-rule.js';

/**
 * The reward both cores computed inline before the shared rule (env/sim/core.ts and
 * env/replay/replay-core.ts, issue 13), for one env: [reward, penalty].
 */
function oldReward(c: Readonly<EnvConfig>, phiDt: number, s: number, s1: number, cash: number, q: number, w0: number, wInit: number, isLast: boolean): [number, number] {
  const dW = cash + q * s1 - w0;
  const termPen = isLast ? c.reward.terminalPenalty * q * q : 0;
  let penalty = termPen;
  let reward: number;
  if (c.reward.kind === 'running-penalty') {
    const run = phiDt * q * q;
    penalty += run;
    reward = dW - run - termPen;
  } else if (c.reward.kind === 'pnl') {
    reward = dW - termPen;
  } else if (c.reward.kind === 'realized-penalty') {
    const ds = s1 - s;
    const run = 0.5 * c.gamma * q * q * ds * ds;
    penalty += run;
    reward = dW - run - termPen;
  } else {
    reward = isLast ? -Math.exp(-c.gamma * (cash + q * s1 - wInit - termPen)) : 0;
  }
  return [reward, penalty];
}

function config(reward: RewardConfig, gamma: number): EnvConfig {
  return { ...structuredClone(DEFAULT_ENV_CONFIG as EnvConfig), reward, gamma };
}

describe('the reward rule', () => {
  it('gives the cores\' old inline rewards and penalties bit for bit, every kind, on a grid of steps', () => {
    const rng = seedrandom('reward-rule');
    const n = 4000;
    const rewards: RewardConfig[] = [];
    for (const alpha of [0, 0.01, 0.5]) {
      rewards.push({ kind: 'running-penalty', phi: null, terminalPenalty: alpha }, { kind: 'running-penalty', phi: 0.37, terminalPenalty: alpha });
      rewards.push({ kind: 'pnl', terminalPenalty: alpha }, { kind: 'realized-penalty', terminalPenalty: alpha }, { kind: 'cara', terminalPenalty: alpha });
    }
    let checked = 0;
    const differ: string[] = [];
    for (const reward of rewards) {
      for (const gamma of [0.1, 0.003, 2]) {
        const c = config(reward, gamma);
        const w0s = new Float64Array(n);
        const rule = rewardRuleFor(c, w0s);
        const oldPhiDt = reward.kind === 'running-penalty' ? effectivePhi(c) * c.dt : 0;
        for (let i = 0; i < n; i++) {
          const s0 = 100 + 10 * (rng() - 0.5);
          const s1 = i % 11 === 0 ? s0 : s0 + (rng() - 0.5) * (i % 3 === 0 ? 1e-6 : 2);
          const q = i % 7 === 0 ? 0 : i % 5 === 0 ? Math.round(20 * (rng() - 0.5)) : 10 * (rng() - 0.5);
          const cash = 1000 * (rng() - 0.5);
          const wInit = 1000 * (rng() - 0.5);
          w0s[i] = wInit;
          const w0 = cash + (q + (rng() < 0.5 ? 1 : 0)) * s0;
          const isLast = i % 4 === 0;
          const [r, p] = oldReward(c, oldPhiDt, s0, s1, cash, q, w0, wInit, isLast);
          const got = rule.reward(q, s1 - s0, cash + q * s1, w0, isLast, i);
          const pen = rule.penalty(q, s1 - s0, isLast);
          if (!Object.is(got, r) || !Object.is(pen, p)) differ.push(`${reward.kind} gamma ${gamma} #${i}: ${got} vs ${r}, ${pen} vs ${p}`);
          checked++;
        }
      }
    }
    expect(differ.slice(0, 5)).toEqual([]);
    expect(checked).toBe(15 * 3 * n);
  });

  it('is chosen by the config: kind, phi dt (the default phi = gamma sigma^2 / 2), gamma, alpha; frozen, so no state snapshot records it', () => {
    const base = DEFAULT_ENV_CONFIG as EnvConfig;
    const w0s = new Float64Array(2);
    const running = rewardRuleFor(base, w0s);
    expect(running).toBeInstanceOf(RunningPenaltyReward);
    expect(running.code).toBe(REWARD_CODES['running-penalty']);
    expect(running.phiDt).toBe(effectivePhi(base) * base.dt);
    expect(running.phiDt).toBeGreaterThan(0);
    const phi = rewardRuleFor({ ...base, reward: { kind: 'running-penalty', phi: 0.25, terminalPenalty: 0.1 } }, w0s);
    expect([phi.phiDt, phi.terminalPenalty]).toEqual([0.25 * base.dt, 0.1]);
    for (const [kind, cls] of [['pnl', PnlReward], ['realized-penalty', RealizedPenaltyReward], ['cara', CaraReward]] as const) {
      const r = rewardRuleFor({ ...base, gamma: 0.3, reward: { kind, terminalPenalty: 0.02 } }, w0s);
      expect(r).toBeInstanceOf(cls);
      expect([r.kind, r.code, r.phiDt, r.gamma, r.terminalPenalty]).toEqual([kind, REWARD_CODES[kind], 0, 0.3, 0.02]);
    }
    expect((rewardRuleFor({ ...base, gamma: 0.3, reward: { kind: 'realized-penalty', terminalPenalty: 0 } }, w0s) as RealizedPenaltyReward).halfGamma).toBe(0.15);
    expect((rewardRuleFor({ ...base, reward: { kind: 'cara', terminalPenalty: 0 } }, w0s) as CaraReward).initialWealth).toBe(w0s);
    const core = (makeVec('liquidation', { numEnvs: 2 }) as unknown as { core: MarketCore }).core;
    expect(core.rewardRule).toEqual(rewardRuleFor(core.config, core.initialWealth));
    expect(Object.isFrozen(core.rewardRule)).toBe(true);
    expect(Object.keys(core.saveState().scalars).some((k) => k.startsWith('rewardRule'))).toBe(false);
  });

  it('is what the simulator reports: reward = dW - penalty for the penalised kinds, W_T - W_0 inside CARA', () => {
    for (const reward of [{ kind: 'realized-penalty', terminalPenalty: 0.05 }, { kind: 'cara', terminalPenalty: 0.05 }] as const) {
      const env = makeVec('as2008', { numEnvs: 3, overrides: { reward, horizon: 0.05 } });
      env.reset({ seed: 3 });
      const core = (env as unknown as { core: MarketCore }).core;
      let terminals = 0;
      for (let k = 0; k < 12; k++) {
        const w0 = Array.from(core.cash, (c, i) => c + core.inventory[i]! * core.mid[i]!);
        const wInit = Float64Array.from(core.initialWealth);
        const r = env.step(new Float32Array(3 * env.actDim).fill(0.2));
        for (let i = 0; i < 3; i++) {
          const m = r.market;
          const [want, pen] = oldReward(core.config, 0, m.midBefore[i]!, m.mid[i]!, m.cash[i]!, m.inventory[i]!, w0[i]!, wInit[i]!, core.terminal[i] === 1);
          expect(r.rewards[i]).toBe(want);
          expect(m.inventoryPenalty![i]).toBe(pen);
          terminals += core.terminal[i]!;
        }
      }
      expect(terminals).toBe(3); // each env's last step was among them
    }
  });
});

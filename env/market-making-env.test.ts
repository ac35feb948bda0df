import { describe, expect, it } from 'vitest';
import type { EnvOverrides } from './config.js';
import { PRESETS } from './presets.js';
import { make, makeVec } from './registry.js';
import type { StepInfo } from './env.js';

interface Trace {
  obs: number[][];
  rewards: number[];
  infos: StepInfo[];
}

/** Run one episode with a seeded random policy (the action space's own sampler). */
function runEpisode(id: string, seed: number, overrides?: EnvOverrides, actionSeed = seed): Trace {
  const env = make(id, overrides);
  const r = env.reset({ seed });
  env.actionSpace.seed(actionSeed);
  const trace: Trace = { obs: [Array.from(r.observation)], rewards: [], infos: [] };
  for (;;) {
    const a = env.actionSpace.kind === 'box' ? env.actionSpace.sample() : env.actionSpace.sample();
    const s = env.step(a);
    trace.obs.push(Array.from(s.observation));
    trace.rewards.push(s.reward);
    trace.infos.push(s.info);
    if (s.terminated || s.truncated) return trace;
  }
}

describe('MarketMakingEnv', () => {
  it('gives identical trajectories for the same seed and different ones for different seeds', () => {
    const a = runEpisode('as2008', 5);
    const b = runEpisode('as2008', 5);
    expect(b).toEqual(a);
    const c = runEpisode('as2008', 6, undefined, 5);
    expect(c.infos.map((i) => i.mid)).not.toEqual(a.infos.map((i) => i.mid));
  });

  it('continues the stream on reset() without a seed, and seed 0 is a seed (not falsy)', () => {
    const env = make();
    env.reset({ seed: 0 });
    const first = env.step([0, 0]).info.mid;
    env.reset();
    const second = env.step([0, 0]).info.mid;
    env.reset({ seed: 0 });
    expect(env.step([0, 0]).info.mid).toBe(first);
    expect(second).not.toBe(first);
  });

  it('matches env 0 of a vector env for the same seed (the single env is a view over the core)', () => {
    const env = make('hawkes');
    const vec = makeVec('hawkes', { numEnvs: 3 });
    env.reset({ seed: 17 });
    vec.reset({ seed: 17 });
    const acts = new Float32Array(6);
    for (let k = 0; k < 200; k++) {
      for (let j = 0; j < 6; j++) acts[j] = Math.sin(k * 0.7 + j);
      const s = env.step(acts.subarray(0, 2));
      const v = vec.step(acts);
      expect(s.reward).toBe(v.rewards[0]);
      expect(s.info.mid).toBe(v.market.mid[0]);
      expect(s.info.inventory).toBe(v.market.inventory[0]);
    }
  });

  // Adverse selection proper (toxicity.rule 'fill') moves the mid after the maker's own fills: the
  // one rule under which the mid path depends on the policy (tested below).
  const exogenousMid = Object.keys(PRESETS).filter((id) => PRESETS[id as keyof typeof PRESETS].toxicity.rule !== 'fill');
  it.each(exogenousMid)('keeps the mid path independent of the policy (common random numbers): %s', (id) => {
    const q0 = Math.abs(PRESETS[id as keyof typeof PRESETS].initialInventory);
    const overrides: EnvOverrides = { maxInventory: Math.max(3, q0) }; // hit the bound often, too
    const tight = make(id, overrides);
    const wide = make(id, overrides);
    tight.reset({ seed: 3 });
    wide.reset({ seed: 3 });
    const tightAction = tight.actionSpace.kind === 'box' ? [-1, -0.9] : [0];
    const wideAction = tight.actionSpace.kind === 'box' ? [1, 0.4] : [tight.actionSpace.n - 1];
    let fillsDiffer = false;
    for (let k = 0; k < tight.episodeSteps; k++) {
      const a = tight.step(tightAction);
      const b = wide.step(wideAction);
      expect(b.info.mid).toBe(a.info.mid);
      if (a.info.inventory !== b.info.inventory) fillsDiffer = true;
    }
    expect(fillsDiffer).toBe(true);
  });

  it('adverse selection (rule "fill"): the mid jumps against the maker after an informed fill, by exactly the jump', () => {
    // sigma 0: the mid moves only by informed fills; every fill informed (fraction 1)
    const env = make('adverse-selection', { price: { sigma: 0 }, toxicity: { fraction: 1, jump: 0.5 }, action: { mode: 'depths' } });
    env.reset({ seed: 1 });
    let fills = 0;
    for (let k = 0; k < 200; k++) {
      const s = env.step(k % 2 === 0 ? [0, 5] : [5, 0]); // one side at the mid (fills often), the other far away
      const expected = s.info.midBefore - 0.5 * s.info.bidFill + 0.5 * s.info.askFill;
      expect(s.info.mid).toBeCloseTo(expected, 12);
      fills += s.info.bidFill + s.info.askFill;
    }
    expect(fills).toBeGreaterThan(50);
  });

  it.each(Object.keys(PRESETS))('accounts: W_t - W_0 = sum(reward + penalty), step by step (%s)', (id) => {
    const t = runEpisode(id, 9, { fees: { makerPerUnit: 0.01, makerBps: 0.5 }, reward: { terminalPenalty: 0.05 } });
    let acc = 0;
    const p = PRESETS[id as keyof typeof PRESETS];
    const w0 = p.initialCash + p.initialInventory * p.s0;
    t.rewards.forEach((r, k) => {
      acc += r + t.infos[k]!.penalty;
      const info = t.infos[k]!;
      expect(info.wealth).toBeCloseTo(info.cash + info.inventory * info.mid, 9);
      expect(Math.abs(info.wealth - w0 - acc)).toBeLessThan(1e-8);
    });
    const last = t.infos.at(-1)!;
    expect(last.penalty).toBeGreaterThanOrEqual(0.05 * last.inventory ** 2 - 1e-12);
  });

  it('computes the running penalty phi q^2 dt with phi = gamma sigma^2 / 2', () => {
    const env = make('as2008', { reward: { phi: null } });
    env.reset({ seed: 1 });
    for (let k = 0; k < 50; k++) {
      const s = env.step([-1, 1]); // tight bid, wide ask: accumulate inventory
      const phi = (0.1 * 2 * 2) / 2;
      expect(s.info.penalty).toBeCloseTo(phi * s.info.inventory ** 2 * 0.005, 12);
    }
  });

  it('gives CARA utility -exp(-gamma (W_T - W_0)) at the end and 0 before', () => {
    const t = runEpisode('as2008', 2, { reward: { kind: 'cara' } });
    expect(t.rewards.slice(0, -1).every((r) => r === 0)).toBe(true);
    const last = t.infos.at(-1)!;
    expect(t.rewards.at(-1)).toBeCloseTo(-Math.exp(-0.1 * last.wealth), 12);
  });

  it('trades at the quoted prices, charges fees and respects the inventory bound', () => {
    const env = make('as2008', { maxInventory: 2, arrivals: { A: 1e6 }, fees: { makerPerUnit: 0.01, makerBps: 0 }, action: { mode: 'depths' } });
    env.reset({ seed: 4 });
    let prev = env.reset({ seed: 4 }).info;
    for (let k = 0; k < 6; k++) {
      const s = env.step([0.5, 5]); // the bid always fills at 0.5 (p = 1) until q = Q
      const i = s.info;
      if (k < 2) {
        expect(i.bidPrice).toBeCloseTo(i.midBefore - 0.5, 12);
        expect(i.bidFill).toBe(1);
        expect(i.cash).toBeCloseTo(prev.cash - i.bidPrice - 0.01 - (i.askFill ? -i.askPrice + 0.01 : 0), 9);
      } else if (i.askFill === 0) {
        expect(i.bidPrice).toBeNaN(); // a side that would take |q| past Q is not quoted
        expect(i.bidFill).toBe(0);
      }
      expect(Math.abs(i.inventory)).toBeLessThanOrEqual(2);
      prev = i;
    }
  });

  it('rounds quotes to the tick away from the mid', () => {
    const env = make('as2008', { tickSize: 0.25, action: { mode: 'depths' } });
    env.reset({ seed: 1 });
    for (let k = 0; k < 20; k++) {
      const { info } = env.step([0.3, 0.3]);
      for (const p of [info.bidPrice, info.askPrice]) if (!Number.isNaN(p)) expect(Math.abs(p / 0.25 - Math.round(p / 0.25))).toBeLessThan(1e-9);
      if (!Number.isNaN(info.bidPrice)) expect(info.bidPrice).toBeLessThanOrEqual(info.midBefore - 0.3 + 1e-12);
      if (!Number.isNaN(info.askPrice)) expect(info.askPrice).toBeGreaterThanOrEqual(info.midBefore + 0.3 - 1e-12);
    }
  });

  it('acts on quotes L steps late', () => {
    const env = make('as2008', { latencySteps: 2, action: { mode: 'depths' } });
    env.reset({ seed: 1 });
    const mids: number[] = [];
    for (let k = 0; k < 6; k++) {
      const { info } = env.step([0.1 * (k + 1), 1]);
      mids.push(info.midBefore);
      if (k < 2) expect(info.bidPrice).toBeNaN();
      else expect(info.bidPrice).toBeCloseTo(mids[k - 2]! - Math.fround(0.1 * (k - 1)), 12);
    }
  });

  it('moves the mid against the maker after informed arrivals (toxic flow)', () => {
    // sigma = 0 and every arrival informed with jump 1: the mid moves only by the informed jumps,
    // -1 after a sell on the bid side, +1 after a buy on the ask side (arrivals on both sides are
    // exogenous, with probability A dt = 0.7 each).
    const env = make('as2008', { price: { sigma: 0 }, toxicity: { fraction: 1, jump: 1 }, action: { mode: 'depths' } });
    env.reset({ seed: 8 });
    let n = 0;
    let sum = 0;
    for (let k = 0; k < 200; k++) {
      const { info } = env.step([0.2, 0.2]);
      const dS = info.mid - info.midBefore;
      expect([-1, 0, 1]).toContain(Math.round(dS));
      expect(Math.abs(dS - Math.round(dS))).toBeLessThan(1e-9);
      if (info.bidFill > 0) expect(dS).toBeLessThan(0.5); // never up after our bid was hit
      if (info.askFill > 0) expect(dS).toBeGreaterThan(-0.5);
      if (info.bidFill > 0 && info.askFill === 0) {
        sum += dS;
        n++;
      }
    }
    expect(n).toBeGreaterThan(20);
    expect(sum / n).toBeLessThan(0);
  });

  it('terminates at the horizon T, truncates at maxEpisodeSteps', () => {
    const env = make('as2008');
    env.reset({ seed: 1 });
    let s;
    let k = 0;
    do {
      s = env.step([0, 0]);
      k++;
    } while (!s.terminated && !s.truncated);
    expect([k, s.terminated, s.truncated, s.observation[1]]).toEqual([200, true, false, 1]);
    expect(() => env.step([0, 0])).toThrow(/call reset\(\)/);
    const short = make('as2008', undefined, { maxEpisodeSteps: 10 });
    short.reset({ seed: 1 });
    for (k = 1; k <= 10; k++) s = short.step([0, 0]);
    expect([s!.terminated, s!.truncated]).toEqual([false, true]);
  });

  it('rejects invalid actions without changing state', () => {
    const env = make();
    env.reset({ seed: 1 });
    expect(() => env.step([NaN, 0])).toThrow('action[0] (normalized bid depth) must be in [-1, 1], got NaN');
    expect(() => env.step([0, 0, 0])).toThrow('action must have length 2 for Box([-1, -1], [1, 1]), got length 3');
    expect(() => env.step([0, 1.5])).toThrow('must be in [-1, 1], got 1.5');
    expect(() => make('as2008', { action: { mode: 'depths' } }).reset() && null).not.toThrow();
    const d = make('as2008', { action: { mode: 'depths' } });
    d.reset();
    expect(() => d.step([-0.1, 1])).toThrow('action[0] (bid depth) must be in [0, 5], got -0.1');
    expect(env.step([0, 0]).info.step).toBe(1);
  });

  it('starts from a given inventory via reset options and renders a text line', () => {
    const env = make();
    const r = env.reset({ seed: 1, options: { initialInventory: 5 } });
    expect(r.observation[0]).toBeCloseTo(5 / 25, 7);
    expect(() => env.reset({ options: { initialInventory: 26 } })).toThrow('options.initialInventory must be >= -25 and <= 25, got 26');
    env.reset({ seed: 1 });
    expect(env.render()).toMatch(/^t=0\/200 mid=\d+\.\d{3} bid=   -    ask=   -    q=0 /); // no quote has acted yet
    env.step([0, 0]);
    expect(env.render('ansi')).toMatch(/^t=1\/200 mid=\d+\.\d{3} bid=\d+\.\d{3} ask=\d+\.\d{3} /);
    env.reset({ seed: 2 });
    expect(env.render()).toMatch(/ bid=   -    ask=   -    /); // not the last episode's quotes
  });

  it('writes every observation feature inside the observation space', () => {
    const env = make('regime-switching', {
      observation: { features: ['inventory', 'time', 'time-left', 'mid-returns', 'realized-vol', 'regime', 'last-fills'] },
    });
    let { observation } = env.reset({ seed: 2 });
    expect(env.observationSpace.contains(observation)).toBe(true);
    let sawStressed = false;
    const moves: number[] = [];
    const sigmaRef = Math.sqrt(0.75 * 4 + 0.25 * 100); // stationary mix of calm (2) and stressed (10)
    for (let k = 0; k < 200; k++) {
      const s = env.step([-0.5, -0.5]);
      observation = s.observation;
      moves.push(s.info.mid - s.info.midBefore);
      const window = moves.slice(-20);
      const rv = Math.sqrt(window.reduce((a, x) => a + x * x, 0) / (window.length * 0.005)) / sigmaRef;
      expect(observation[8]).toBeCloseTo(rv, 4);
      expect(env.observationSpace.contains(observation)).toBe(true);
      const midReturn0 = observation[3]!;
      expect(midReturn0).toBeCloseTo(Math.fround((s.info.mid - s.info.midBefore) / (env.core.config.price.kind === 'regime-switching' ? Math.sqrt(0.75 * 4 + 0.25 * 100) * Math.sqrt(0.005) : 1)), 4);
      expect(observation[1]! + observation[2]!).toBeCloseTo(1, 6);
      expect(observation[9]! + observation[10]!).toBe(1); // one-hot regime
      if (observation[10] === 1) sawStressed = true;
      expect(observation[11]).toBe(s.info.bidFill > 0 ? 1 : 0);
    }
    expect(sawStressed).toBe(true);
  });
});

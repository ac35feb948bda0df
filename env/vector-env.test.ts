import { describe, expect, it } from 'vitest';
import { makeVec } from './registry.js';
import { expectClose } from './test-utils/expect-close.js';
import type { VectorStepResult } from './types.js';

function actionsFor(k: number, n: number): Float32Array {
  return Float32Array.from({ length: 2 * n }, (_, j) => Math.sin(0.37 * k + 1.3 * j));
}

function snapshot(r: VectorStepResult): unknown {
  return {
    o: Array.from(r.observations),
    r: Array.from(r.rewards),
    t: Array.from(r.terminated),
    m: Array.from(r.market.mid),
    q: Array.from(r.market.inventory),
  };
}

describe('MarketMakingVectorEnv', () => {
  it('is deterministic for a seed; env i with seed s equals env 0 with seed s + i', () => {
    const run = (seed: number, n: number): unknown[] => {
      const env = makeVec('toxic-fees', { numEnvs: n });
      env.reset({ seed });
      return Array.from({ length: 250 }, (_, k) => snapshot(env.step(actionsFor(k, n))));
    };
    expect(run(4, 3)).toEqual(run(4, 3));
    expect(run(5, 3)).not.toEqual(run(4, 3));
    const vec = makeVec('as2008', { numEnvs: 3 });
    const one = makeVec('as2008', { numEnvs: 1 });
    vec.reset({ seed: 10 });
    one.reset({ seed: 12 });
    for (let k = 0; k < 50; k++) {
      const a = actionsFor(k, 3);
      const v = vec.step(a);
      const o = one.step(a.slice(4, 6));
      expect(v.market.mid[2]).toBe(o.market.mid[0]);
      expect(v.rewards[2]).toBe(o.rewards[0]);
    }
  });

  it('autoresets finished envs in the same step and hands back the final observation', () => {
    const env = makeVec('as2008', { numEnvs: 2 });
    const { observations } = env.reset({ seed: 1 });
    expect(Array.from(observations)).toEqual([0, 0, 0, 0]);
    let r!: VectorStepResult;
    for (let k = 0; k < 200; k++) r = env.step(actionsFor(k, 2));
    expect(Array.from(r.terminated)).toEqual([1, 1]);
    expect(Array.from(r.truncated)).toEqual([0, 0]);
    expect(r.finalObservations[1]).toBe(1); // t/T = 1 in the final observation
    expect(r.finalObservations[0]).toBeCloseTo(r.market.inventory[0]! / 25, 6);
    expect(Array.from(r.observations)).toEqual([0, 0, 0, 0]); // new episodes
    expect(r.market.stepIndex[0]).toBe(200);
    const next = env.step(actionsFor(200, 2));
    expect(next.market.stepIndex[0]).toBe(1);
    expect(next.market.midBefore[0]).toBe(100);
  });

  it('truncates at maxEpisodeSteps (time limit), then continues with fresh episodes', () => {
    const env = makeVec('as2008', { numEnvs: 2, maxEpisodeSteps: 30 });
    env.reset({ seed: 1 });
    for (let k = 1; k <= 60; k++) {
      const r = env.step(actionsFor(k, 2));
      const done = k % 30 === 0 ? 1 : 0;
      expect(Array.from(r.truncated)).toEqual([done, done]);
      expect(Array.from(r.terminated)).toEqual([0, 0]);
      if (done) expect(r.finalObservations[1]).toBeCloseTo(30 / 200, 6);
    }
  });

  it('reset without a seed continues the streams; with one, reseeds', () => {
    const env = makeVec('as2008', { numEnvs: 2 });
    env.reset({ seed: 3 });
    const a = snapshot(env.step(actionsFor(0, 2)));
    env.reset();
    const b = snapshot(env.step(actionsFor(0, 2)));
    env.reset({ seed: 3 });
    expect(snapshot(env.step(actionsFor(0, 2)))).toEqual(a);
    expect(b).not.toEqual(a);
  });

  it('rejects a bad action naming the env, and a wrong-length batch, before any state changes', () => {
    const env = makeVec('as2008', { numEnvs: 3 });
    env.reset({ seed: 1 });
    const a = new Float32Array(6);
    a[3] = NaN;
    expect(() => env.step(a)).toThrow('action of env 1, component 1 (normalized ask depth) must be in [-1, 1], got NaN');
    expect(() => env.step(new Float32Array(5))).toThrow('actions must hold numEnvs * actDim = 3 * 2 = 6 values, got 5');
    const r = env.step(new Float32Array(6));
    expect(Array.from(r.market.stepIndex)).toEqual([1, 1, 1]);
  });

  it('steps a discrete action space with one index per env', () => {
    const env = makeVec('as2008', { numEnvs: 2, overrides: { action: { mode: 'discrete' } } });
    expect(env.actDim).toBe(1);
    expect(env.actionSpace.kind).toBe('discrete');
    env.reset({ seed: 1 });
    const r = env.step(Float32Array.from([0, 63]));
    expect(r.market.bidPrice[0]).toBeCloseTo(100 - 0.25, 12);
    expect(r.market.askPrice[1]).toBeCloseTo(100 + 5, 12);
  });

  it('fills the StepMarketInfo consistently with cash and inventory changes', () => {
    const env = makeVec('toxic-fees', { numEnvs: 4 });
    env.reset({ seed: 2 });
    const cash = new Float64Array(4);
    const inv = new Float64Array(4);
    for (let k = 0; k < 100; k++) {
      const r = env.step(actionsFor(k, 4));
      const m = r.market;
      for (let i = 0; i < 4; i++) {
        const dCash = (m.askFill[i]! > 0 ? m.askPrice[i]! : 0) - (m.bidFill[i]! > 0 ? m.bidPrice[i]! : 0) - m.fees[i]!;
        expect(m.cash[i]! - cash[i]!).toBeCloseTo(dCash, 9);
        expect(m.inventory[i]! - inv[i]!).toBe(m.bidFill[i]! - m.askFill[i]!);
        cash[i] = m.cash[i]!;
        inv[i] = m.inventory[i]!;
      }
    }
  });

  it('fills quotes at depth delta at the rate A exp(-k delta) dt through the whole env', () => {
    const n = 500;
    const env = makeVec('as2008', { numEnvs: n, overrides: { maxInventory: 1e6, action: { mode: 'depths' } } });
    env.reset({ seed: 21 });
    const depth = 1;
    const actions = new Float32Array(2 * n).fill(depth);
    let fills = 0;
    let quotes = 0;
    for (let k = 0; k < 200; k++) {
      const r = env.step(actions);
      for (let i = 0; i < n; i++) fills += r.market.bidFill[i]! + r.market.askFill[i]!;
      quotes += 2 * n;
    }
    const p = 140 * Math.exp(-1.5 * depth) * 0.005;
    expectClose('env fill rate at depth 1', fills / quotes, p, 5 * Math.sqrt((p * (1 - p)) / quotes));
  });
});

describe('makeVec / make options', () => {
  it('an unknown option is refused, naming it (a config field passed as an option landed nowhere before)', async () => {
    const { make, makeVec: mv } = await import('./registry.js');
    expect(() => mv('default', { numEnvs: 2, arrivals: { k: 0 } } as never)).toThrow(/makeVec: unknown option "arrivals"; known: numEnvs, overrides, maxEpisodeSteps \(config fields such as "arrivals" go in overrides/);
    expect(() => make('default', undefined, { numEnvs: 2 } as never)).toThrow(/make: unknown option "numEnvs"; known: maxEpisodeSteps/);
    expect(mv('default', { numEnvs: 2, overrides: { arrivals: { k: 0.5 } } }).config.arrivals).toMatchObject({ k: 0.5 });
  });
});

/**
 * Observer's features recomputed by hand (env/observation.ts layout): q/Q, k/N, 1 - k/N, the last
 * `returnsWindow` mid changes most recent first / (sigma sqrt(dt)) with 0 before enough history,
 * sqrt(sum of the last m = min(k, volWindow) squared changes / (m dt)) / sigma, the regime one-hot
 * the previous step's fills and the final-steps one-hot (element j is 1 when j + 1 decisions are left). Once on a hand-set state (the ring slot of step k is
 * (k - 1) mod histLen), once along a MarketCore episode from its recorded mid changes; the batch
 * writer equals the per-env one on both of its paths; the regime width is checked.
 */
import { describe, expect, it } from 'vitest';
import type { EnvConfig, EnvOverrides } from '../config.js';
import { resolveEnvConfig } from '../resolve-config.js';
import { MarketCore } from './core.js';
import { Observer, type ObservedState } from './observer.js';
import { BrownianPrice } from './price/brownian.js';
import { RegimeSwitchingPrice } from './price/regime-switching.js';
import { StreamRngs } from './rng.js';

const ALL = ['inventory', 'time', 'time-left', 'mid-returns', 'realized-vol', 'last-fills', 'final-steps'] as const;

function config(over: EnvOverrides = {}): EnvConfig {
  return resolveEnvConfig('as2008', { observation: { features: [...ALL], returnsWindow: 3, volWindow: 4 }, ...over });
}

/** The features by hand from the inventory, step, fills and the list of mid changes so far. */
function byHand(cfg: EnvConfig, steps: number, q: number, k: number, ds: readonly number[], fills: [number, number], sigma: number, regime?: [number, number]): number[] {
  const out: number[] = [];
  const ob = cfg.observation;
  for (const f of ob.features) {
    if (f === 'inventory') out.push(q / cfg.maxInventory);
    else if (f === 'time') out.push(k / steps);
    else if (f === 'time-left') out.push(1 - k / steps);
    else if (f === 'mid-returns') for (let j = 0; j < ob.returnsWindow; j++) out.push(j < k ? ds[k - 1 - j]! / (sigma * Math.sqrt(cfg.dt)) : 0);
    else if (f === 'realized-vol') {
      const m = Math.min(k, ob.volWindow);
      let ss = 0;
      for (let j = 0; j < m; j++) ss += ds[k - 1 - j]! ** 2;
      out.push(m > 0 ? Math.sqrt(ss / (m * cfg.dt)) / sigma : 0);
    } else if (f === 'regime') for (let j = 0; j < regime![1]; j++) out.push(j === regime![0] ? 1 : 0);
    else if (f === 'last-fills') out.push(...fills);
    else if (f === 'final-steps') for (let j = 0; j < 3; j++) out.push(steps - k === j + 1 ? 1 : 0);
  }
  return out;
}

function expectVec(got: Float32Array, want: readonly number[], label: string): void {
  expect(got.length, label).toBe(want.length);
  want.forEach((w, j) => expect(Math.abs(got[j]! - w), `${label}[${j}]: got ${got[j]}, expected ${w}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(w))));
}

describe('Observer', () => {
  it('writes each feature from a hand-set state: ring slot (k - 1) mod H for step k, most recent change first', () => {
    const cfg = config();
    const n = 2;
    const state: ObservedState = {
      inventory: Float64Array.of(5, -10),
      stepIndex: Int32Array.of(2, 7),
      lastBidFill: Float64Array.of(1, 0),
      lastAskFill: Float64Array.of(0, 1),
      price: new BrownianPrice({ sigma: 2, mu: 0, binomial: false }, cfg.dt),
    };
    const obs = new Observer(cfg, n, 200, state);
    expect(obs.histLen).toBe(4); // max(returnsWindow, volWindow)
    const ds0 = [0.1, -0.2];
    const ds1 = [0.3, 0.1, -0.1, 0.2, 0.05, -0.3, 0.4];
    ds0.forEach((d, k) => (obs.hist[0 * 4 + (k % 4)] = d));
    ds1.forEach((d, k) => (obs.hist[1 * 4 + (k % 4)] = d)); // wraps: slots hold steps 5, 6, 7, 4
    const out = new Float32Array(2 * 12);
    obs.writeObservations(out);
    expectVec(out.subarray(0, 12), byHand(cfg, 200, 5, 2, ds0, [1, 0], 2), 'env 0');
    expectVec(out.subarray(12), byHand(cfg, 200, -10, 7, ds1, [0, 1], 2), 'env 1');
    // env 0 at k = 2 with returnsWindow 3: the third return is 0 (no history yet)
    expect(out[3 + 2]).toBe(0);
    // a reset clears env 0's ring only
    obs.resetEnv(0);
    expect(Array.from(obs.hist.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(obs.hist[4]).toBe(ds1[4]);
  });

  it('gives 0 for every history feature at k = 0 and scales 0 when sigma is 0', () => {
    const cfg = config({ price: { kind: 'brownian', sigma: 0, mu: 1, binomial: false } });
    const state: ObservedState = { inventory: Float64Array.of(0), stepIndex: Int32Array.of(3), lastBidFill: Float64Array.of(0), lastAskFill: Float64Array.of(0), price: new BrownianPrice({ sigma: 0, mu: 1, binomial: false }, cfg.dt) };
    const obs = new Observer(cfg, 1, 200, state);
    obs.hist.fill(0.005);
    const out = new Float32Array(12);
    obs.writeObservation(0, out, 0);
    expect(Array.from(out.subarray(3, 7))).toEqual([0, 0, 0, 0]);
    state.stepIndex[0] = 0;
    const cfg2 = config();
    const obs2 = new Observer(cfg2, 1, 200, { ...state, price: new BrownianPrice({ sigma: 2, mu: 0, binomial: false }, cfg2.dt) });
    obs2.hist.fill(1);
    obs2.writeObservation(0, out, 0);
    expect(Array.from(out.subarray(3, 7))).toEqual([0, 0, 0, 0]);
  });

  it('along a MarketCore episode: every observation equals the hand features of the recorded mid changes (batch = per env)', () => {
    const cfg = config({ initialInventory: 2 });
    const n = 3;
    const core = new MarketCore(cfg, n);
    const ds: number[][] = [[], [], []];
    const batch = new Float32Array(n * core.obsDim);
    const one = new Float32Array(core.obsDim);
    for (let k = 1; k <= 12; k++) {
      const acts = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) acts.set([0.1 * ((k + i) % 4), 0.1 * ((k * i) % 3)], 2 * i);
      core.step(acts);
      core.writeObservations(batch);
      for (let i = 0; i < n; i++) {
        ds[i]!.push(core.outMid[i]! - core.outMidBefore[i]!);
        const want = byHand(cfg, core.steps, core.inventory[i]!, k, ds[i]!, [core.outBidFill[i]! > 0 ? 1 : 0, core.outAskFill[i]! > 0 ? 1 : 0], 2);
        expectVec(batch.subarray(i * core.obsDim, (i + 1) * core.obsDim), want, `env ${i} step ${k}`);
        core.writeObservation(i, one, 0);
        expect(Array.from(one)).toEqual(Array.from(batch.subarray(i * core.obsDim, (i + 1) * core.obsDim)));
      }
    }
  });

  it('final-steps: one-hot [1, 2, 3 decisions left] over the last three steps of an episode, 0 before and at the end', () => {
    const cfg = config({ horizon: 0.05, observation: { features: ['inventory', 'final-steps'] } }); // dt 0.005: 10 steps
    const core = new MarketCore(cfg, 2);
    expect(core.steps).toBe(10);
    expect(core.obsDim).toBe(4);
    const batch = new Float32Array(2 * 4);
    const seen: number[][] = [];
    for (let k = 0; k <= 10; k++) {
      core.writeObservations(batch);
      seen.push(Array.from(batch.subarray(1, 4)));
      expect(Array.from(batch.subarray(5, 8))).toEqual(seen[k]);
      if (k < 10) core.step(new Float64Array(4).fill(0.5));
    }
    const zero = [0, 0, 0];
    expect(seen.slice(0, 7)).toEqual(Array.from({ length: 7 }, () => zero));
    expect(seen.slice(7)).toEqual([[0, 0, 1], [0, 1, 0], [1, 0, 0], zero]); // steps 7, 8, 9 (the last decision), then the end
  });

  it('inventory-levels: one-hot of q / orderSize over -L..L along an episode, at its offset; the width follows maxInventory / orderSize', () => {
    const cfg = config({ maxInventory: 4, orderSize: 2, initialInventory: 2, observation: { features: ['inventory', 'inventory-levels', 'time'] } }); // L = 2: 5 levels
    const core = new MarketCore(cfg, 3);
    expect(core.obsDim).toBe(7);
    const batch = new Float32Array(3 * 7);
    const seen = new Set<number>();
    for (let k = 0; k < 60; k++) {
      core.writeObservations(batch);
      for (let i = 0; i < 3; i++) {
        const row = batch.subarray(i * 7, (i + 1) * 7);
        const level = core.inventory[i]! / 2 + 2;
        seen.add(level);
        expect(Array.from(row.subarray(1, 6)), `env ${i} step ${k} q ${core.inventory[i]}`).toEqual([0, 1, 2, 3, 4].map((b) => (b === level ? 1 : 0)));
        expect(row[0]).toBeCloseTo(core.inventory[i]! / 4, 6);
        expect(row[6]).toBeCloseTo(core.stepIndex[i]! / core.steps, 6);
      }
      core.step(new Float64Array(6).fill(0.02));
      for (let i = 0; i < 3; i++) if (core.terminal[i]) core.resetEnv(i);
    }
    expect(seen.size).toBeGreaterThan(2); // the walk visited several levels
    expect(new MarketCore(config({ observation: { features: ['inventory-levels'] } }), 1).obsDim).toBe(51); // Q 25, lots of 1
  });

  it('final-steps-levels: one-hot of (decisions left, level) over the last three steps, 0 before and at the end', () => {
    const cfg = config({ horizon: 0.05, maxInventory: 2, initialInventory: 0, observation: { features: ['final-steps-levels', 'inventory'] } }); // 10 steps, 5 levels
    const core = new MarketCore(cfg, 4);
    expect(core.obsDim).toBe(3 * 5 + 1);
    const batch = new Float32Array(4 * 16);
    for (let k = 0; k <= 10; k++) {
      core.writeObservations(batch);
      for (let i = 0; i < 4; i++) {
        const row = Array.from(batch.subarray(i * 16, i * 16 + 15));
        const j = 10 - k - 1;
        const want = row.map((_, b) => (j >= 0 && j < 3 && b === j * 5 + core.inventory[i]! + 2 ? 1 : 0));
        expect(row, `env ${i} step ${k} q ${core.inventory[i]}`).toEqual(want);
      }
      if (k < 10) core.step(new Float64Array(8).fill(0.02));
    }
  });

  it('the scalar-only fast path (inventory, time, time-left) equals the per-env writer, at an offset too', () => {
    const cfg = config({ observation: { features: ['time-left', 'inventory', 'time'] } });
    const core = new MarketCore(cfg, 4);
    for (let k = 0; k < 7; k++) core.step(new Float64Array(8).fill(0));
    const batch = new Float32Array(12);
    core.writeObservations(batch);
    for (let i = 0; i < 4; i++) {
      const one = new Float32Array(5);
      core.writeObservation(i, one, 2);
      expect(Array.from(one.subarray(2))).toEqual(Array.from(batch.subarray(3 * i, 3 * i + 3)));
      expectVec(one.subarray(2), [1 - 7 / 200, core.inventory[i]! / 25, 7 / 200], `env ${i}`);
    }
  });

  it('writes the regime one-hot of the price model, and refuses a one-hot width that does not match it', () => {
    const cfg = resolveEnvConfig('regime-switching');
    const p = cfg.price as Extract<EnvConfig['price'], { kind: 'regime-switching' }>;
    // a chain that flips every step, so one step moves it to regime 1
    const price = new RegimeSwitchingPrice({ regimes: p.regimes, transition: [[0, 1], [1, 0]], initialRegime: 0 }, cfg.dt, 1);
    const state: ObservedState = { inventory: Float64Array.of(0), stepIndex: Int32Array.of(0), lastBidFill: Float64Array.of(0), lastAskFill: Float64Array.of(0), price };
    const obs = new Observer(cfg, 1, 200, state);
    const out = new Float32Array(4);
    obs.writeObservation(0, out, 0);
    expect(Array.from(out)).toEqual([0, 0, 1, 0]);
    const rng = new StreamRngs(1);
    rng.seed(0, 1);
    price.next(0, 100, rng);
    obs.writeObservations(out);
    expect(Array.from(out)).toEqual([0, 0, 0, 1]);
    // a 2-regime one-hot over a 1-regime price model
    expect(() => new Observer(cfg, 1, 200, { ...state, price: new BrownianPrice({ sigma: 2, mu: 0, binomial: false }, cfg.dt) })).toThrow('observation: the regime one-hot width does not match the price model');
  });
});

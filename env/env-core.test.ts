/**
 * env-core.ts's own contract on a real core (MarketCore): the array allocation and its numEnvs
 * check, the finite-step guard and its message (env, step, what, the config's magnitudes), the
 * step records (views for the vector env, copies for the single env, wealth = cash + q S), the
 * reset record, the seed and maxEpisodeSteps checks, and the state exclusions of saveState.
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from './resolve-config.js';
import { MarketCore } from './sim/core.js';
import { BASE_STATE_EXCLUDE, NonFiniteStepError, assertFiniteStep, checkMaxEpisodeSteps, checkSeed, marketInfoOf, resetInfoOf, stepInfoOf } from './env-core.js';
import { EnvError, MmgymError } from '../util/errors.js';

const cfg = resolveEnvConfig('as2008', { fees: { makerPerUnit: 0.01, makerBps: 1 } });

function stepped(n: number, steps: number): MarketCore {
  const core = new MarketCore(cfg, n);
  for (let i = 0; i < n; i++) core.seedEnv(i, 40 + i);
  for (let k = 0; k < steps; k++) core.step(new Float64Array(2 * n).fill(-0.9));
  return core;
}

describe('EnvCore arrays', () => {
  it('allocates every per-env array with length numEnvs, and refuses a numEnvs that is not an integer >= 1, naming it', () => {
    const core = new MarketCore(cfg, 3);
    for (const a of [core.mid, core.cash, core.inventory, core.stepIndex, core.initialWealth, core.rewards, core.terminal, core.outMidBefore, core.outMid, core.outCash, core.outInventory, core.outBidPrice, core.outAskPrice, core.outBidFill, core.outAskFill, core.outFees, core.outPenalty, core.outStepIndex]) {
      expect(a.length).toBe(3);
    }
    expect(core.stepIndex).toBeInstanceOf(Int32Array);
    expect(core.terminal).toBeInstanceOf(Uint8Array);
    for (const bad of [0, -1, 1.5, NaN]) expect(() => new MarketCore(cfg, bad)).toThrow(`numEnvs must be an integer >= 1, got ${bad}`);
  });
});

describe('assertFiniteStep', () => {
  it('passes a finite step and names the env, its step, the reward and the config magnitudes otherwise', () => {
    const core = stepped(3, 4);
    const obs = new Float32Array(3 * core.obsDim);
    core.writeObservations(obs);
    expect(() => assertFiniteStep(core, obs, core.obsDim, 'Test')).not.toThrow();
    core.rewards[1] = NaN;
    let err: unknown;
    try {
      assertFiniteStep(core, obs, core.obsDim, 'Test');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonFiniteStepError);
    expect(err).toBeInstanceOf(EnvError);
    expect(err).toBeInstanceOf(MmgymError);
    expect((err as Error).name).toBe('NonFiniteStepError');
    expect((err as Error).message).toBe(
      'Test: env 1, step 4: the reward is NaN (the fields that scale it: s0=100, price.sigma=2, fees.makerPerUnit=0.01, fees.makerBps=1, initialCash=0, reward.kind=running-penalty, gamma=0.1)',
    );
  });

  it('names the observation component (index within the env) when the rewards are finite', () => {
    const core = stepped(2, 1);
    const obs = new Float32Array(2 * core.obsDim);
    core.writeObservations(obs);
    obs[1 * core.obsDim + 1] = Infinity;
    expect(() => assertFiniteStep(core, obs, core.obsDim, 'V')).toThrow(/^V: env 1, step 1: observation component 1 is Infinity \(the fields that scale it: s0=100, price\.sigma=2,/);
    obs[3] = -Infinity;
    obs[2] = NaN; // the first culprit in env order is reported
    expect(() => assertFiniteStep(core, obs, core.obsDim, 'V')).toThrow(/env 1, step 1: observation component 0 is NaN/);
  });

  it('reports price.sigma=undefined for regime switching (a sigma per regime)', () => {
    const core = new MarketCore(resolveEnvConfig('regime-switching'), 1);
    core.step(Float64Array.of(0, 0));
    core.rewards[0] = Infinity;
    expect(() => assertFiniteStep(core, new Float32Array(core.obsDim), core.obsDim, 'R')).toThrow('R: env 0, step 1: the reward is Infinity (the fields that scale it: s0=100, price.sigma=undefined, fees.makerPerUnit=0, fees.makerBps=0, initialCash=0, reward.kind=realized-penalty, gamma=0.1)');
  });
});

describe('step and reset records', () => {
  it('marketInfoOf gives views of the output arrays (no copy): they follow the next step', () => {
    const core = stepped(2, 3);
    const m = marketInfoOf(core);
    expect(m.mid).toBe(core.outMid);
    expect(m.midBefore).toBe(core.outMidBefore);
    expect(m.cash).toBe(core.outCash);
    expect(m.inventory).toBe(core.outInventory);
    expect(m.bidPrice).toBe(core.outBidPrice);
    expect(m.askPrice).toBe(core.outAskPrice);
    expect(m.bidFill).toBe(core.outBidFill);
    expect(m.askFill).toBe(core.outAskFill);
    expect(m.fees).toBe(core.outFees);
    expect(m.stepIndex).toBe(core.outStepIndex);
    expect(m.inventoryPenalty).toBe(core.outPenalty);
  });

  it('stepInfoOf copies env i\'s outputs, with wealth = cash + q S\' and step = the step number', () => {
    const core = stepped(2, 25);
    for (const i of [0, 1]) {
      const info = stepInfoOf(core, i);
      expect(info).toEqual({
        cash: core.outCash[i],
        inventory: core.outInventory[i],
        mid: core.outMid[i],
        midBefore: core.outMidBefore[i],
        bidPrice: core.outBidPrice[i],
        askPrice: core.outAskPrice[i],
        bidFill: core.outBidFill[i],
        askFill: core.outAskFill[i],
        fees: core.outFees[i],
        penalty: core.outPenalty[i],
        wealth: core.outCash[i]! + core.outInventory[i]! * core.outMid[i]!,
        step: 25,
      });
    }
    const before = stepInfoOf(core, 0);
    core.step(new Float64Array(4).fill(-0.9));
    expect(before.step).toBe(25); // a copy, not a view
  });

  it('resetInfoOf: the state at reset, no quotes (NaN), no fills, no fees, step 0', () => {
    const core = new MarketCore(resolveEnvConfig('as2008', { initialCash: 7, initialInventory: 2, s0: 50 }), 1);
    const info = resetInfoOf(core, 0);
    expect(info.bidPrice).toBeNaN();
    expect(info.askPrice).toBeNaN();
    expect({ ...info, bidPrice: 0, askPrice: 0 }).toEqual({ cash: 7, inventory: 2, mid: 50, midBefore: 50, bidPrice: 0, askPrice: 0, bidFill: 0, askFill: 0, fees: 0, penalty: 0, wealth: 107, step: 0 });
  });
});

describe('option checks', () => {
  it('checkMaxEpisodeSteps: undefined -> Infinity, an integer >= 1 as is, anything else refused with the value', () => {
    expect(checkMaxEpisodeSteps(undefined)).toBe(Infinity);
    expect(checkMaxEpisodeSteps(1)).toBe(1);
    expect(checkMaxEpisodeSteps(500)).toBe(500);
    for (const bad of [0, -3, 2.5, NaN, Infinity]) expect(() => checkMaxEpisodeSteps(bad)).toThrow(`maxEpisodeSteps must be an integer >= 1, got ${bad}`);
  });

  it('checkSeed: any finite number (0 and negatives too) passes through; NaN and infinities are refused with the value', () => {
    for (const s of [0, -7, 1.5, 2 ** 40]) expect(checkSeed(s)).toBe(s);
    for (const bad of [NaN, Infinity, -Infinity]) expect(() => checkSeed(bad)).toThrow(`seed must be a finite number, got ${bad}`);
  });
});

describe('saveState / loadState', () => {
  it('leaves out the config, the ziggurat tables and the quote scratch; a restored core continues bit for bit', () => {
    expect([...BASE_STATE_EXCLUDE].sort()).toEqual(['config', 'fn', 'kn', 'quotes', 'wn']);
    const a = stepped(2, 30);
    const snap = a.saveState();
    const keys = Object.keys(snap.arrays);
    expect(keys).toEqual(expect.arrayContaining(['mid', 'cash', 'inventory', 'rng.s', 'rewards']));
    expect(keys.some((k) => /(^|\.)(config|kn|wn|fn|quotes)(\.|$)/.test(k))).toBe(false);
    const b = new MarketCore(cfg, 2);
    b.loadState(JSON.parse(JSON.stringify(snap)));
    for (let k = 0; k < 20; k++) {
      a.step(new Float64Array(4).fill(-0.5));
      b.step(new Float64Array(4).fill(-0.5));
    }
    expect(Array.from(b.mid)).toEqual(Array.from(a.mid));
    expect(Array.from(b.cash)).toEqual(Array.from(a.cash));
    expect(Array.from(b.rewards)).toEqual(Array.from(a.rewards));
  });
});

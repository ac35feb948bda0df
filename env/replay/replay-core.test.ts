/**
 * ReplayCore's step against its header, recomputed by hand on a hand-made tape: a reset draws one
 * uniform u and starts at windowStart + u (windowEnd - windowStart - T); per step the quotes are
 * the tick-rounded S -+ delta around the recorded mid at the step's start, four uniforms are
 * drawn whatever the model, a recorded market order in the step reaching a quote fills it
 * (trade-cross touch, one unit per side, none past Q), fees are charged, the mid moves to the
 * recorded mid at the step's end and r = dW - phi q'^2 dt (- alpha q_T^2 at T). The replay's own
 * observation writer and its refusals (window, regime, poisson arrivals, hybridWeight) too.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../config.js';
import { StreamRngs } from '../sim/rng.js';
import { validateConfig } from '../validate-config.js';
import { TapeBuilder, type MarketTape } from '../../marketdata/tape/market-tape.js';
import { DEFAULT_FILL_MODEL, type FillModelConfig } from './fill-model.js';
import { ReplayCore } from './replay-core.js';

/** Quotes every 0.5 s on a 0.01 grid; trades at 0.7 j + 0.13 s, alternating sides, reaching 1..6 ticks past the touch. */
const QUOTES: [number, number, number][] = [];
const TRADES: [number, number, 1 | -1][] = [];
for (let j = 0; j <= 200; j++) {
  const t = j * 0.5;
  const mid = 100 + 0.01 * (((j * 37) % 11) - 5);
  QUOTES.push([t, Math.round((mid - 0.01) * 100) / 100, Math.round((mid + 0.01) * 100) / 100]);
}
for (let j = 0; 0.7 * j + 0.13 < 100; j++) {
  const t = 0.7 * j + 0.13;
  const side: 1 | -1 = j % 2 === 0 ? -1 : 1;
  const [, b, a] = QUOTES[Math.floor(t / 0.5)]!;
  const reach = 0.01 * (j % 6);
  TRADES.push([t, Math.round((side === -1 ? b - reach : a + reach) * 100) / 100, side]);
}

function tape(): MarketTape {
  const b = new TapeBuilder();
  let ti = 0;
  for (const [t, bid, ask] of QUOTES) {
    while (ti < TRADES.length && TRADES[ti]![0] <= t) {
      const [tt, p, s] = TRADES[ti]!;
      b.trade(tt, p, 1, s, `o${ti}`);
      ti++;
    }
    b.quote(t, bid, ask);
  }
  return b.build({ name: 'toy', source: 'test', orderSource: 'trades', tickSize: 0.01 });
}

/** The recorded mid at time t (last quote at or before t), from the raw list. */
function midAt(t: number): number {
  let m = (QUOTES[0]![1] + QUOTES[0]![2]) / 2;
  for (const [qt, b, a] of QUOTES) if (qt <= t) m = (b + a) / 2;
  return m;
}

function config(over: Partial<EnvConfig> = {}): EnvConfig {
  return validateConfig({
    ...structuredClone(DEFAULT_ENV_CONFIG as EnvConfig),
    s0: 100,
    horizon: 10,
    dt: 1,
    tickSize: 0.01,
    arrivals: { kind: 'exponential', A: 2, k: 10 },
    action: { mode: 'depths', maxDepth: 1 },
    reward: { kind: 'running-penalty', phi: 0.05, terminalPenalty: 0.5 },
    fees: { makerPerUnit: 0.001, makerBps: 1 },
    ...over,
  });
}

const fill = (over: Partial<FillModelConfig> = {}): FillModelConfig => ({ ...DEFAULT_FILL_MODEL, ...over });

describe('ReplayCore reset', () => {
  it('starts env i at windowStart + u (span - T) with u its stream\'s next uniform, at the recorded mid there; one uniform per reset, four per step', () => {
    const tp = tape();
    const cfg = config();
    const core = new ReplayCore(tp, cfg, fill(), 2);
    expect([core.windowStart, core.windowEnd, core.steps]).toEqual([0, 100, 10]);
    const refs = [new StreamRngs(1), new StreamRngs(1)];
    for (const i of [0, 1]) {
      core.seedEnv(i, 50 + i);
      refs[i]!.seed(0, 50 + i);
    }
    for (let episode = 0; episode < 3; episode++) {
      for (const i of [0, 1]) {
        core.resetEnv(i, i === 1 ? 2 : undefined);
        const t0 = refs[i]!.uniform(0) * 90;
        expect(core.start[i]).toBeCloseTo(t0, 12);
        expect(core.mid[i]).toBeCloseTo(midAt(t0), 12);
        expect(core.episode[i]).toBe(episode);
        expect([core.stepIndex[i], core.cash[i], core.inventory[i]]).toEqual([0, 0, i === 1 ? 2 : 0]);
        expect(core.initialWealth[i]).toBeCloseTo((i === 1 ? 2 : 0) * midAt(t0), 12);
      }
      const k = 1 + episode; // a different number of steps each episode
      for (let s = 0; s < k; s++) {
        core.step(Float64Array.of(0.02, 0.02, 0.02, 0.02));
        for (const r of refs) for (let d = 0; d < 4; d++) r.uniform(0);
      }
    }
  });
});

describe('ReplayCore step (trade-cross touch, by hand)', () => {
  it('a full episode from t0 = 0 (horizon = span): quotes, fills, fees, cash, inventory, mid, reward, penalty', () => {
    const cfg = config({ horizon: 100, maxInventory: 3 });
    const core = new ReplayCore(tape(), cfg, fill(), 1, true);
    core.resetEnv(0);
    expect(core.start[0]).toBe(0);
    const phiDt = 0.05;
    let q = 0;
    let cash = 0;
    let s = midAt(0);
    let o = 0; // next order
    let fills = 0;
    let bounded = 0;
    for (let k = 0; k < 100; k++) {
      const db = 0.01 * (k % 4);
      const da = 0.01 * ((k + 2) % 5);
      core.step(Float64Array.of(db, da));
      const t1 = k + 1;
      const w0 = cash + q * s;
      const bid = Math.floor((s - db) / 0.01 + 1e-9) * 0.01;
      const ask = Math.ceil((s + da) / 0.01 - 1e-9) * 0.01;
      const bidQuoted = q + 1 <= 3;
      const askQuoted = q - 1 >= -3;
      if (!bidQuoted || !askQuoted) bounded++;
      let hitB = false;
      let hitA = false;
      while (o < TRADES.length && TRADES[o]![0] <= t1) {
        const [, p, side] = TRADES[o]!;
        if (side === -1 && bidQuoted && p <= bid + 1e-9 * bid) hitB = true;
        if (side === 1 && askQuoted && p >= ask - 1e-9 * ask) hitA = true;
        o++;
      }
      let fees = 0;
      if (hitB) {
        fees += 0.001 + 1e-4 * bid;
        cash -= bid;
        q += 1;
      }
      if (hitA) {
        fees += 0.001 + 1e-4 * ask;
        cash += ask;
        q -= 1;
      }
      cash -= fees;
      const s1 = midAt(t1);
      const last = k === 99;
      const reward = cash + q * s1 - w0 - phiDt * q * q - (last ? 0.5 * q * q : 0);
      const tag = `step ${k + 1}`;
      const near = (got: number, want: number, what: string): void => expect(Math.abs(got - want), `${tag} ${what}: got ${got}, expected ${want}`).toBeLessThan(1e-9);
      if (bidQuoted) near(core.outBidPrice[0]!, bid, 'bid');
      else expect(core.outBidPrice[0], tag).toBeNaN();
      if (askQuoted) near(core.outAskPrice[0]!, ask, 'ask');
      else expect(core.outAskPrice[0], tag).toBeNaN();
      expect([core.outBidFill[0], core.outAskFill[0], core.inventory[0]], tag).toEqual([hitB ? 1 : 0, hitA ? 1 : 0, q]);
      near(core.outFees[0]!, fees, 'fees');
      near(core.cash[0]!, cash, 'cash');
      near(core.outMidBefore[0]!, s, 'midBefore');
      near(core.mid[0]!, s1, 'mid');
      near(core.rewards[0]!, reward, 'reward');
      near(core.outPenalty[0]!, phiDt * q * q + (last ? 0.5 * q * q : 0), 'penalty');
      expect([core.terminal[0], core.stepIndex[0], core.outStepIndex[0]], tag).toEqual([last ? 1 : 0, k + 1, k + 1]);
      fills += (hitB ? 1 : 0) + (hitA ? 1 : 0);
      s = s1;
    }
    expect(fills).toBeGreaterThan(20);
    expect(bounded).toBeGreaterThan(0); // the inventory bound was reached and respected
    // the fill log has one entry per fill, at the quote, with its fee
    expect(core.fills).toHaveLength(fills);
    const f0 = core.fills![0]!;
    expect(f0.fee).toBeCloseTo(0.001 + 1e-4 * f0.price, 12);
  });

  it('the same seed gives the same windows and steps; different seeds differ', () => {
    const run = (seed: number): number[] => {
      const core = new ReplayCore(tape(), config(), fill(), 1);
      core.seedEnv(0, seed);
      const out: number[] = [];
      for (let e = 0; e < 3; e++) {
        core.resetEnv(0);
        out.push(core.start[0]!);
        for (let k = 0; k < 10; k++) {
          core.step(Float64Array.of(0.01, 0.01));
          out.push(core.rewards[0]!, core.inventory[0]!);
        }
      }
      return out;
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });
});

describe('ReplayCore observations', () => {
  it('writes q/Q, k/N, 1 - k/N, the mid changes / (sigma sqrt(dt)), realised vol / sigma and the last fills from the tape', () => {
    const cfg = config({ horizon: 100, observation: { features: ['inventory', 'time', 'time-left', 'mid-returns', 'realized-vol', 'last-fills'], returnsWindow: 2, volWindow: 3 } });
    const core = new ReplayCore(tape(), cfg, fill(), 1);
    core.resetEnv(0);
    const sigma = 2; // the config's price sigma: referenceSigma
    const ds: number[] = [];
    const out = new Float32Array(core.obsDim);
    expect(core.obsDim).toBe(8);
    for (let k = 1; k <= 6; k++) {
      core.step(Float64Array.of(0, 0));
      ds.push(midAt(k) - midAt(k - 1));
      core.writeObservations(out);
      const m = Math.min(k, 3);
      let ss = 0;
      for (let j = 0; j < m; j++) ss += ds[k - 1 - j]! ** 2;
      const want = [core.inventory[0]! / 25, k / 100, 1 - k / 100, ds[k - 1]! / sigma, k >= 2 ? ds[k - 2]! / sigma : 0, Math.sqrt(ss / m) / sigma, core.outBidFill[0]! > 0 ? 1 : 0, core.outAskFill[0]! > 0 ? 1 : 0];
      want.forEach((w, j) => expect(Math.abs(out[j]! - w), `step ${k} component ${j}: got ${out[j]}, expected ${w}`).toBeLessThan(1e-6));
    }
  });
});

describe('ReplayCore final-steps', () => {
  it('marks the last three decisions of a replay episode one-hot, as the simulator does', () => {
    const cfg = config({ horizon: 5, observation: { features: ['final-steps', 'inventory'], returnsWindow: 5, volWindow: 20 } });
    const core = new ReplayCore(tape(), cfg, fill(), 1);
    core.resetEnv(0);
    const N = core.steps;
    const out = new Float32Array(core.obsDim);
    expect(core.obsDim).toBe(4);
    for (let k = 0; k <= N; k++) {
      core.writeObservations(out);
      const want = [0, 1, 2].map((j) => (N - k === j + 1 ? 1 : 0));
      expect(Array.from(out.subarray(0, 3)), `step ${k} of ${N}`).toEqual(want);
      if (k < N) core.step(Float64Array.of(0, 0));
    }
  });
});

describe('ReplayCore inventory-levels', () => {
  it('writes the one-hot of the inventory level, as the simulator does', () => {
    const cfg = config({ maxInventory: 3, observation: { features: ['inventory', 'inventory-levels'], returnsWindow: 5, volWindow: 20 } });
    const core = new ReplayCore(tape(), cfg, fill(), 1);
    core.resetEnv(0);
    const out = new Float32Array(core.obsDim);
    expect(core.obsDim).toBe(1 + 7);
    for (let k = 0; k < core.steps; k++) {
      core.writeObservations(out);
      const level = Math.round(core.inventory[0]! / cfg.orderSize) + 3;
      expect(Array.from(out.subarray(1)), `step ${k}`).toEqual([0, 1, 2, 3, 4, 5, 6].map((b) => (b === level ? 1 : 0)));
      core.step(Float64Array.of(0, 0));
    }
  });
});

describe('ReplayCore refusals', () => {
  it('names the window and the horizon, the regime feature, the arrivals a poisson model needs and hybridWeight', () => {
    const tp = tape();
    expect(() => new ReplayCore(tp, config({ horizon: 150 }), fill(), 1)).toThrow('replay window is 100.0 s of tape but horizon is 150 s: use a shorter horizon or a wider from/to window');
    const regime = validateConfig({ ...config(), price: { kind: 'regime-switching', regimes: [{ name: 'a', mu: 0, sigma: 1 }, { name: 'b', mu: 0, sigma: 2 }], transition: [[0.9, 0.1], [0.1, 0.9]], initialRegime: 0 }, observation: { features: ['regime'], returnsWindow: 5, volWindow: 20 } });
    expect(() => new ReplayCore(tp, regime, fill(), 1)).toThrow("observation feature 'regime' is not available in a replay (the tape has no regime)");
    const hawkes = config({ arrivals: { kind: 'hawkes', A: 1, k: 1, branching: 0.5, decay: 2 } });
    expect(() => new ReplayCore(tp, hawkes, fill({ model: 'poisson' }), 1)).toThrow("fill model 'poisson' needs arrivals.kind 'exponential' (A, k), got 'hawkes'");
    expect(() => new ReplayCore(tp, hawkes, fill({ model: 'hybrid' }), 1)).toThrow("fill model 'hybrid' needs arrivals.kind 'exponential' (A, k), got 'hawkes'");
    expect(() => new ReplayCore(tp, hawkes, fill(), 1)).not.toThrow(); // trade-cross does not use them
    expect(() => new ReplayCore(tp, config(), fill({ model: 'hybrid', hybridWeight: 1.5 }), 1)).toThrow('hybridWeight must be in [0, 1], got 1.5');
    expect(() => new ReplayCore(tp, config(), fill({ hybridWeight: NaN }), 1)).toThrow('hybridWeight must be in [0, 1], got NaN');
    const core = new ReplayCore(tp, config(), fill(), 2);
    core.resetEnv(0);
    core.resetEnv(1);
    expect(() => core.step(new Float64Array(3))).toThrow('actions must hold numEnvs * actDim = 2 * 2 = 4 values, got 3');
  });
});

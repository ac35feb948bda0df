/**
 * MarketCore's step against its header's formulas, recomputed by hand from a twin random stream
 * (same seed, the draws taken in the header's order: the arrival model's, u_bid, u_ask,
 * [u_informed_bid, u_informed_ask], then the price model's): quotes S -+ delta, a side fills iff
 * u_side < min(1, A e^{-k delta} dt) and |q| stays within Q, fills trade at the quote and pay
 * units (perUnit + bps 1e-4 price), the mid moves S + sigma sqrt(dt) Z, informed flow moves it by
 * the jump against the maker, r = dW - phi q'^2 dt (- alpha q_T^2 at T). Plus seeding, reset,
 * the horizon and the refusal of a wrong-length batch before any state changes.
 */
import { describe, expect, it } from 'vitest';
import type { EnvConfig, EnvOverrides } from '../config.js';
import { resolveEnvConfig } from '../resolve-config.js';
import { MarketCore } from './core.js';
import { StreamRngs } from './rng.js';

const A = 140;
const K = 1.5;
const SIGMA = 2;
const DT = 0.005;

function config(over: EnvOverrides = {}): EnvConfig {
  return resolveEnvConfig('as2008', { action: { mode: 'depths', maxDepth: 5 }, ...over });
}

/** One env's state in the hand model. */
interface Ref {
  s: number;
  q: number;
  cash: number;
}

interface RefOut {
  bid: number;
  ask: number;
  bidFill: number;
  askFill: number;
  fees: number;
  reward: number;
  penalty: number;
  /** -1, 0 or +1: the informed moves of the step. */
  informed: number;
}

/**
 * One step of the header's rule, exponential arrivals, Brownian mid, tick 0, no latency.
 * `tox`: fraction, jump, rule.
 */
function refStep(
  st: Ref,
  db: number,
  da: number,
  rng: StreamRngs,
  c: { maxQ: number; perUnit: number; bps: number; phiDt: number; alpha: number; isLast: boolean; tox?: { fraction: number; jump: number; rule: 'fill' | 'arrival' } },
): RefOut {
  const { s } = st;
  const w0 = st.cash + st.q * s;
  const bid = s - db;
  const ask = s + da;
  const uB = rng.uniform(0);
  const uA = rng.uniform(0);
  const p = (d: number): number => Math.min(1, A * Math.exp(-K * d) * DT);
  const bidQuoted = st.q + 1 <= c.maxQ;
  const askQuoted = st.q - 1 >= -c.maxQ;
  const bidFill = bidQuoted && uB < p(db) ? 1 : 0;
  const askFill = askQuoted && uA < p(da) ? 1 : 0;
  let fees = 0;
  if (bidFill) {
    fees += c.perUnit + c.bps * 1e-4 * bid;
    st.cash -= bid;
    st.q += 1;
  }
  if (askFill) {
    fees += c.perUnit + c.bps * 1e-4 * ask;
    st.cash += ask;
    st.q -= 1;
  }
  st.cash -= fees;
  let informed = 0;
  if (c.tox !== undefined) {
    const iB = rng.uniform(0);
    const iA = rng.uniform(0);
    if (c.tox.rule === 'fill') {
      if (bidFill && iB < c.tox.fraction) informed -= 1;
      if (askFill && iA < c.tox.fraction) informed += 1;
    } else {
      if (uB < p(0) && iB < c.tox.fraction) informed -= 1;
      if (uA < p(0) && iA < c.tox.fraction) informed += 1;
    }
  }
  const s1 = s + SIGMA * Math.sqrt(DT) * rng.normal(0) + informed * (c.tox?.jump ?? 0);
  st.s = s1;
  const q = st.q;
  const terminal = c.isLast ? c.alpha * q * q : 0;
  const reward = st.cash + q * s1 - w0 - c.phiDt * q * q - terminal;
  return { bid: bidQuoted ? bid : NaN, ask: askQuoted ? ask : NaN, bidFill, askFill, fees, reward, penalty: c.phiDt * q * q + terminal, informed };
}

/** Deterministic varied depths for step k of env i, in [0, 1.5]. */
const depthsAt = (k: number, i: number): [number, number] => [((k * 7 + i * 3) % 10) * 0.15, ((k * 3 + i * 5 + 4) % 10) * 0.15];

function expectSame(label: string, got: number, want: number): void {
  if (Number.isNaN(want)) expect(Number.isNaN(got), `${label}: expected NaN, got ${got}`).toBe(true);
  else expect(Math.abs(got - want), `${label}: got ${got}, expected ${want}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(want)));
}

describe('MarketCore step (the header formulas by hand)', () => {
  it('two envs, 40 steps with fees: quotes, fills, cash, inventory, fees, mid, reward and penalty all match', () => {
    const cfg = config({ fees: { makerPerUnit: 0.01, makerBps: 2 } });
    const n = 2;
    const core = new MarketCore(cfg, n);
    const refs = [new StreamRngs(1), new StreamRngs(1)];
    for (let i = 0; i < n; i++) {
      core.seedEnv(i, 100 + i);
      refs[i]!.seed(0, 100 + i);
      core.resetEnv(i);
    }
    const st: Ref[] = [0, 1].map(() => ({ s: 100, q: 0, cash: 0 }));
    const phiDt = ((0.1 * SIGMA * SIGMA) / 2) * DT;
    let fills = 0;
    for (let k = 0; k < 40; k++) {
      const acts = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) [acts[2 * i], acts[2 * i + 1]] = depthsAt(k, i);
      core.step(acts);
      for (let i = 0; i < n; i++) {
        const before = st[i]!.s;
        const r = refStep(st[i]!, acts[2 * i]!, acts[2 * i + 1]!, refs[i]!, { maxQ: 25, perUnit: 0.01, bps: 2, phiDt, alpha: 0, isLast: false });
        const tag = `env ${i} step ${k + 1}`;
        expectSame(`${tag} midBefore`, core.outMidBefore[i]!, before);
        expectSame(`${tag} bid`, core.outBidPrice[i]!, r.bid);
        expectSame(`${tag} ask`, core.outAskPrice[i]!, r.ask);
        expect([core.outBidFill[i], core.outAskFill[i]], tag).toEqual([r.bidFill, r.askFill]);
        expect([core.lastBidFill[i], core.lastAskFill[i]], tag).toEqual([r.bidFill, r.askFill]);
        expectSame(`${tag} fees`, core.outFees[i]!, r.fees);
        expectSame(`${tag} cash`, core.cash[i]!, st[i]!.cash);
        expectSame(`${tag} outCash`, core.outCash[i]!, st[i]!.cash);
        expect(core.inventory[i], tag).toBe(st[i]!.q);
        expect(core.outInventory[i], tag).toBe(st[i]!.q);
        expectSame(`${tag} mid`, core.mid[i]!, st[i]!.s);
        expectSame(`${tag} outMid`, core.outMid[i]!, st[i]!.s);
        expectSame(`${tag} reward`, core.rewards[i]!, r.reward);
        expectSame(`${tag} penalty`, core.outPenalty[i]!, r.penalty);
        expect([core.stepIndex[i], core.outStepIndex[i], core.terminal[i]], tag).toEqual([k + 1, k + 1, 0]);
        fills += r.bidFill + r.askFill;
      }
    }
    expect(fills).toBeGreaterThan(10); // the fill branch was exercised
  });

  it('stops quoting a side at the inventory bound (NaN price, no fill) and still draws its uniform', () => {
    const cfg = config({ maxInventory: 2, initialInventory: 2 });
    const core = new MarketCore(cfg, 1);
    const ref = new StreamRngs(1);
    core.seedEnv(0, 9);
    ref.seed(0, 9);
    core.resetEnv(0);
    const st: Ref = { s: 100, q: 2, cash: 0 };
    const phiDt = 0.2 * DT;
    let sawBound = 0;
    for (let k = 0; k < 60; k++) {
      core.step(Float64Array.of(0, 0)); // at the mid: fills with probability 0.7 per side
      const r = refStep(st, 0, 0, ref, { maxQ: 2, perUnit: 0, bps: 0, phiDt, alpha: 0, isLast: false });
      if (Number.isNaN(r.bid) || Number.isNaN(r.ask)) sawBound++;
      expectSame(`bid ${k}`, core.outBidPrice[0]!, r.bid);
      expectSame(`ask ${k}`, core.outAskPrice[0]!, r.ask);
      expect([core.outBidFill[0], core.outAskFill[0], core.inventory[0]]).toEqual([r.bidFill, r.askFill, st.q]);
      expect(Math.abs(core.inventory[0]!)).toBeLessThanOrEqual(2);
      expectSame(`reward ${k}`, core.rewards[0]!, r.reward);
    }
    expect(sawBound).toBeGreaterThan(0);
  });

  for (const rule of ['arrival', 'fill'] as const) {
    it(`toxicity rule '${rule}': two more uniforms per step after u_bid, u_ask; the mid jumps against the maker as the rule says`, () => {
      const tox = { fraction: 0.5, jump: 0.3, rule };
      const cfg = config({ toxicity: tox });
      const core = new MarketCore(cfg, 1);
      const ref = new StreamRngs(1);
      core.seedEnv(0, 4);
      ref.seed(0, 4);
      core.resetEnv(0);
      const st: Ref = { s: 100, q: 0, cash: 0 };
      let jumped = 0;
      for (let k = 0; k < 80; k++) {
        const [db, da] = depthsAt(k, 0);
        core.step(Float64Array.of(db, da));
        const r = refStep(st, db, da, ref, { maxQ: 25, perUnit: 0, bps: 0, phiDt: 0.2 * DT, alpha: 0, isLast: false, tox });
        expectSame(`mid ${k}`, core.mid[0]!, st.s);
        expectSame(`reward ${k}`, core.rewards[0]!, r.reward);
        expect(core.inventory[0]).toBe(st.q);
        if (r.informed !== 0) jumped++;
      }
      expect(jumped).toBeGreaterThan(3); // informed moves happened (and matched)
    });
  }

  it('hawkes arrivals draw their two Poisson counts first, then u_bid, u_ask, then the normal', () => {
    const cfg = config({ arrivals: { kind: 'hawkes', A: 70, k: 1.5, branching: 0.5, decay: 20 } });
    const core = new MarketCore(cfg, 1);
    const ref = new StreamRngs(1);
    core.seedEnv(0, 12);
    ref.seed(0, 12);
    core.resetEnv(0);
    core.step(Float64Array.of(0.2, 0.4));
    // first step: no excitation yet, intensity A
    const nB = ref.poisson(0, 70 * DT);
    const nA = ref.poisson(0, 70 * DT);
    const uB = ref.uniform(0);
    const uA = ref.uniform(0);
    const pB = nB === 0 ? 0 : 1 - (1 - Math.exp(-1.5 * 0.2)) ** nB;
    const pA = nA === 0 ? 0 : 1 - (1 - Math.exp(-1.5 * 0.4)) ** nA;
    expect([core.outBidFill[0], core.outAskFill[0]]).toEqual([uB < pB ? 1 : 0, uA < pA ? 1 : 0]);
    expectSame('mid', core.mid[0]!, 100 + SIGMA * Math.sqrt(DT) * ref.normal(0));
  });

  it('terminates at step round(T/dt) = 200 and subtracts the terminal penalty alpha q_T^2 there only', () => {
    const alpha = 0.7;
    const cfg = config({ initialInventory: 3, reward: { kind: 'running-penalty', phi: 0.5, terminalPenalty: alpha } });
    const core = new MarketCore(cfg, 1);
    expect(core.steps).toBe(200);
    const ref = new StreamRngs(1);
    core.seedEnv(0, 1);
    ref.seed(0, 1);
    core.resetEnv(0);
    const st: Ref = { s: 100, q: 3, cash: 0 };
    for (let k = 1; k <= 200; k++) {
      core.step(Float64Array.of(5, 5)); // far: p = 0.7 e^{-7.5} per side, fills rare
      const r = refStep(st, 5, 5, ref, { maxQ: 25, perUnit: 0, bps: 0, phiDt: 0.5 * DT, alpha, isLast: k === 200 });
      expect(core.terminal[0]).toBe(k === 200 ? 1 : 0);
      expectSame(`reward ${k}`, core.rewards[0]!, r.reward);
      expectSame(`penalty ${k}`, core.outPenalty[0]!, r.penalty);
    }
    expect(core.outPenalty[0]).toBeGreaterThan(alpha * st.q * st.q);
  });
});

describe('MarketCore seeding and reset', () => {
  function trajectory(seed: number, steps = 30): number[] {
    const core = new MarketCore(config(), 1);
    core.seedEnv(0, seed);
    core.resetEnv(0);
    const out: number[] = [];
    for (let k = 0; k < steps; k++) {
      core.step(Float64Array.of(0.3, 0.6));
      out.push(core.mid[0]!, core.cash[0]!, core.inventory[0]!, core.rewards[0]!);
    }
    return out;
  }

  it('same seed -> the same trajectory; different seeds differ; env i starts seeded with i', () => {
    expect(trajectory(5)).toEqual(trajectory(5));
    expect(trajectory(5)).not.toEqual(trajectory(6));
    const two = new MarketCore(config(), 2);
    two.step(Float64Array.of(0.3, 0.6, 0.3, 0.6));
    const ref = new StreamRngs(1);
    ref.seed(0, 1);
    ref.uniform(0);
    ref.uniform(0);
    expectSame('env 1 mid, seeded with 1', two.mid[1]!, 100 + SIGMA * Math.sqrt(DT) * ref.normal(0));
  });

  it('resetEnv puts the env at t = 0 with the given inventory and W_0 = cash_0 + q_0 S_0, and the stream continues', () => {
    const cfg = config({ initialCash: 50, s0: 80 });
    const core = new MarketCore(cfg, 2);
    for (let k = 0; k < 5; k++) core.step(Float64Array.of(0, 0, 0, 0));
    const mid1 = core.mid[1];
    core.resetEnv(0, -4);
    expect([core.mid[0], core.cash[0], core.inventory[0], core.stepIndex[0], core.initialWealth[0]]).toEqual([80, 50, -4, 0, 50 - 4 * 80]);
    expect([core.lastBidFill[0], core.lastAskFill[0]]).toEqual([0, 0]);
    expect(core.mid[1]).toBe(mid1); // env 1 untouched
    // the stream continued: the next step differs from a fresh seed-0 start
    const fresh = new MarketCore(cfg, 1);
    fresh.resetEnv(0, -4);
    core.step(Float64Array.of(0, 0, 0, 0));
    fresh.step(Float64Array.of(0, 0));
    expect(core.mid[0]).not.toBe(fresh.mid[0]);
  });

  it('refuses a batch of the wrong length, naming numEnvs * actDim and the length, before changing any state', () => {
    const core = new MarketCore(config(), 3);
    const before = [Array.from(core.mid), Array.from(core.stepIndex)];
    expect(() => core.step(new Float64Array(5))).toThrow('actions must hold numEnvs * actDim = 3 * 2 = 6 values, got 5');
    expect(() => core.step(Float64Array.of(0, 0, 0, 0, -1, 0))).toThrow(/env 2/);
    expect([Array.from(core.mid), Array.from(core.stepIndex)]).toEqual(before);
    expect([core.obsDim, core.actDim]).toEqual([2, 2]);
  });
});

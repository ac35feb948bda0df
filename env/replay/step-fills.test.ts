import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../config.js';
import { validateConfig } from '../validate-config.js';
import { TapeBuilder, type MarketTape } from '../../marketdata/tape/market-tape.js';
import { crossesAsk, crossesBid, DEFAULT_FILL_MODEL, poissonFillProbability, type FillModelConfig } from './fill-model.js';
import { ReplayEvents } from './replay-events.js';
import type { ReplayFill, ReplayStepIO } from './replay-fill.js';
import { ReplayVectorEnv } from './replay-vector-env.js';
import { HybridFills, PoissonFills, replayFillModelFor, TradeCrossFills } from './step-fills.js';

/** A random toy tape with sizes: quotes around 100 and market orders, over [0, 200] s. */
function toyTape(seed: string): MarketTape {
  const rng = seedrandom(seed);
  const b = new TapeBuilder();
  let t = 0;
  let mid = 100;
  b.quote(0, 99.99, 100.01, 5, 5);
  while (t < 199) {
    t += 0.05 + rng() * 0.5;
    if (rng() < 0.5) {
      mid += Math.round((rng() - 0.5) * 4) * 0.01;
      b.quote(t, Math.round((mid - 0.01) * 100) / 100, Math.round((mid + 0.01) * 100) / 100, 1 + Math.floor(rng() * 9), 1 + Math.floor(rng() * 9));
    } else {
      const side = rng() < 0.5 ? 1 : -1;
      b.trade(t, Math.round((mid + side * rng() * 0.08) * 100) / 100, 1 + Math.floor(rng() * 3), side, `o${t}`);
    }
  }
  b.quote(200, 99.97, 100.03, 5, 5);
  return b.build({ name: 'toy', source: 'test', orderSource: 'trades', tickSize: 0.01 });
}

function toyConfig(over: Partial<EnvConfig> = {}): EnvConfig {
  return validateConfig({
    ...structuredClone(DEFAULT_ENV_CONFIG as EnvConfig),
    s0: 100,
    horizon: 21,
    dt: 0.7,
    tickSize: 0.01,
    maxInventory: 4,
    orderSize: 1.5,
    fees: { makerPerUnit: 0.0013, makerBps: -0.7 },
    arrivals: { kind: 'exponential', A: 3, k: 15 },
    action: { mode: 'depths', maxDepth: 1 },
    ...over,
  });
}

interface OldStep {
  cash: number;
  q: number;
  bidFill: number;
  askFill: number;
  fees: number;
  bidOut: number;
  askOut: number;
}

/** The per-step fills the replay core computed inline before the ReplayFillModel interface (issue 13). */
function oldStepFills(tape: MarketTape, c: EnvConfig, fill: FillModelConfig, oi: Int32Array, i: number, t1: number, s: number, q0: number, cash0: number, bid: number, ask: number, uB: number, uA: number, mB: number, mA: number, log: ReplayFill[], episode: number, stepNo: number): OldStep {
  const OT = tape.orderTime;
  const no = OT.length;
  const size = c.orderSize;
  const maxQ = c.maxInventory + 1e-9;
  const strict = fill.cross === 'strict';
  const model = fill.model;
  const w = fill.hybridWeight;
  const A = c.arrivals.kind === 'exponential' ? c.arrivals.A : NaN;
  const k = c.arrivals.kind === 'exponential' ? c.arrivals.k : NaN;
  let q = q0;
  let cash = cash0;
  let fees = 0;
  const bidQuoted = bid === bid && q + size <= maxQ;
  const askQuoted = ask === ask && q - size >= -maxQ;
  let crossB = false;
  let crossA = false;
  let o = oi[i] as number;
  while (o < no && (OT[o] as number) <= t1) {
    const p = tape.orderPrice[o] as number;
    if (tape.orderSide[o] === -1) {
      if (bidQuoted && crossesBid(p, bid, strict)) crossB = true;
    } else if (askQuoted && crossesAsk(p, ask, strict)) crossA = true;
    o++;
  }
  oi[i] = o;
  let fillB = crossB;
  let fillA = crossA;
  if (model !== 'trade-cross') {
    const pB = bidQuoted && uB < poissonFillProbability(A, k, s - bid, c.dt);
    const pA = askQuoted && uA < poissonFillProbability(A, k, ask - s, c.dt);
    fillB = model === 'poisson' || mB < w ? pB : crossB;
    fillA = model === 'poisson' || mA < w ? pA : crossA;
  }
  const bidFill = fillB ? size : 0;
  const askFill = fillA ? size : 0;
  if (bidFill > 0) {
    const fee = bidFill * (c.fees.makerPerUnit + c.fees.makerBps * 1e-4 * bid);
    fees += fee;
    cash -= bid * bidFill;
    q += bidFill;
    log.push({ env: i, episode, step: stepNo, time: t1, side: 1, price: bid, size: bidFill, fee });
  }
  if (askFill > 0) {
    const fee = askFill * (c.fees.makerPerUnit + c.fees.makerBps * 1e-4 * ask);
    fees += fee;
    cash += ask * askFill;
    q -= askFill;
    log.push({ env: i, episode, step: stepNo, time: t1, side: -1, price: ask, size: askFill, fee });
  }
  return { cash, q, bidFill, askFill, fees, bidOut: bidQuoted ? bid : NaN, askOut: askQuoted ? ask : NaN };
}

describe('per-step replay fill models', () => {
  const tape = toyTape('step-fills');
  const fills: FillModelConfig[] = [
    { ...DEFAULT_FILL_MODEL },
    { ...DEFAULT_FILL_MODEL, cross: 'strict' },
    { ...DEFAULT_FILL_MODEL, model: 'poisson' },
    { ...DEFAULT_FILL_MODEL, model: 'hybrid', hybridWeight: 0.3 },
    { ...DEFAULT_FILL_MODEL, model: 'hybrid', hybridWeight: 0.8, cross: 'strict' },
  ];

  it('give the old inline fills bit for bit: cash, inventory, quantities, fees, resting quotes, order cursor, fill log', () => {
    const c = toyConfig();
    const n = 3;
    const dt = c.dt;
    for (const fill of fills) {
      const rng = seedrandom(`${fill.model}-${fill.cross}-${fill.hybridWeight}`);
      const oiNew = new Int32Array(n);
      const oiOld = new Int32Array(n);
      const model = replayFillModelFor(tape, c, fill, n, oiNew);
      const f64 = (k = 1): Float64Array => new Float64Array(k * n);
      const io: ReplayStepIO = { n, dt, start: f64(), stepIndex: new Int32Array(n), episode: new Int32Array(n), mid: f64(), quotes: f64(2), draws: f64(4), cash: f64().fill(50), inventory: f64(), bidFill: f64(), askFill: f64(), fees: f64(), bidPrice: f64(), askPrice: f64() };
      const oldCash = Float64Array.from(io.cash);
      const oldInv = Float64Array.from(io.inventory);
      const logNew: ReplayFill[] = [];
      const logOld: ReplayFill[] = [];
      let fillsSeen = 0;
      for (let k = 0; k < 280; k++) {
        const want: OldStep[] = [];
        for (let i = 0; i < n; i++) {
          const s = 100 + (rng() - 0.5) * 0.1;
          // quotes near and through the mid, sometimes none (NaN: latency's empty slots)
          const bid = rng() < 0.1 ? NaN : Math.round((s - rng() * 0.06 + 0.005) * 100) / 100;
          const ask = rng() < 0.1 ? NaN : Math.round((s + rng() * 0.06 - 0.005) * 100) / 100;
          const u = [rng(), rng(), rng(), rng()] as const;
          io.stepIndex[i] = k;
          io.mid[i] = s;
          io.quotes.set([bid, ask], 2 * i);
          io.draws.set(u, 4 * i);
          const w = oldStepFills(tape, c, fill, oiOld, i, (k + 1) * dt, s, oldInv[i]!, oldCash[i]!, bid, ask, ...u, logOld, 0, k + 1);
          oldCash[i] = w.cash;
          oldInv[i] = w.q;
          want.push(w);
          fillsSeen += w.bidFill + w.askFill;
        }
        model.step(io, logNew);
        for (let i = 0; i < n; i++) {
          const w = want[i]!;
          expect([io.cash[i], io.inventory[i], io.bidFill[i], io.askFill[i], io.fees[i], io.bidPrice[i], io.askPrice[i]]).toEqual([w.cash, w.q, w.bidFill, w.askFill, w.fees, w.bidOut, w.askOut]);
          expect(Object.is(io.cash[i], w.cash) && Object.is(io.fees[i], w.fees)).toBe(true);
        }
      }
      expect(oiNew).toEqual(oiOld);
      expect(oiNew[0]).toBe(tape.orderTime.filter((t) => t <= 280 * dt).length);
      expect(JSON.stringify(logNew)).toBe(JSON.stringify(logOld));
      expect(fillsSeen).toBeGreaterThan(0);
    }
  });

  it('are chosen by the fill config; the queue models and latencyMs go event by event', () => {
    const c = toyConfig({ orderSize: 1 });
    const oi = new Int32Array(2);
    const pick = (f: Partial<FillModelConfig>): unknown => replayFillModelFor(tape, c, { ...DEFAULT_FILL_MODEL, ...f }, 2, oi);
    expect(pick({})).toBeInstanceOf(TradeCrossFills);
    expect(pick({ model: 'poisson' })).toBeInstanceOf(PoissonFills);
    expect(pick({ model: 'hybrid' })).toBeInstanceOf(HybridFills);
    expect(pick({ model: 'risk-averse-queue' })).toBeInstanceOf(ReplayEvents);
    expect(pick({ model: 'prob-queue' })).toBeInstanceOf(ReplayEvents);
    expect(pick({ latencyMs: 50 })).toBeInstanceOf(ReplayEvents);
    for (const model of ['trade-cross', 'poisson', 'hybrid', 'prob-queue'] as const) expect((pick({ model }) as { name: string }).name).toBe(model);
  });

  it('leave the fill model out of the env state: the event model is recorded as `events`, the others not at all', () => {
    const c = toyConfig({ orderSize: 1 });
    for (const [fill, events] of [[{ ...DEFAULT_FILL_MODEL }, false], [{ ...DEFAULT_FILL_MODEL, model: 'prob-queue' }, true]] as const) {
      const env = new ReplayVectorEnv(tape, c, fill, { numEnvs: 2 });
      env.reset({ seed: 1 });
      const snap = env.saveState();
      const keys = [...Object.keys(snap.arrays), ...Object.keys(snap.scalars)];
      expect(keys.some((k) => k.startsWith('fillModel') || k.startsWith('tickRule') || k.startsWith('feeModel') || k.startsWith('rewardRule'))).toBe(false);
      expect(keys.some((k) => k.startsWith('events.'))).toBe(events);
    }
  });
});

import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../config.js';
import { depthsToAction } from '../action-map.js';
import { make, makeVec } from '../registry.js';
import { checkEnv } from '../check-env.js';
import { resolveEnvConfig } from '../resolve-config.js';
import { validateConfig } from '../validate-config.js';
import { TapeBuilder, type MarketTape } from '../../marketdata/tape/market-tape.js';
import { DEFAULT_FILL_MODEL } from './fill-model.js';
import { resolveReplay, type ResolvedReplay } from './replay-id.js';
import { ReplayMarketMakingEnv } from './replay-env.js';
import { ReplayVectorEnv } from './replay-vector-env.js';

const AMZN = 'replay:data/lobster-amzn-2012-06-21-l1?from=0.6&to=0.8&dt=1&horizon=120';

/** A hand-made tape: mid 100 (bid 99.99, ask 100.01) for 100 s; orders at chosen times. */
function toyTape(orders: [number, number, 1 | -1][]): MarketTape {
  const b = new TapeBuilder();
  b.quote(0, 99.99, 100.01);
  orders.sort((x, y) => x[0] - y[0]);
  for (const [t, p, s] of orders) b.trade(t, p, 1, s, String(t));
  b.quote(100, 99.99, 100.01);
  b.quote(100.5, 99.98, 100.0);
  return b.build({ name: 'toy', source: 'test', orderSource: 'trades', tickSize: 0.01 });
}

function toyConfig(over: Partial<EnvConfig> = {}): EnvConfig {
  return validateConfig({
    ...structuredClone(DEFAULT_ENV_CONFIG as EnvConfig),
    s0: 100,
    horizon: 10,
    dt: 1,
    tickSize: 0.01,
    arrivals: { kind: 'exponential', A: 2, k: 10 },
    action: { mode: 'depths', maxDepth: 1 },
    ...over,
  });
}

describe('ReplayVectorEnv on a hand-made tape', () => {
  it('trade-cross: touch fills at our price, strict needs a trade through it; fees and latency apply', () => {
    // window [0, 100.5]; the episode start is random, so pin it: horizon = span
    const tape = toyTape([
      [0.5, 99.95, -1], // sell reaching 99.95
      [1.5, 100.05, 1], // buy reaching 100.05
      [2.5, 99.9, -1],
    ]);
    const cfg = toyConfig({ horizon: 100, fees: { makerPerUnit: 0.001, makerBps: 0 } });
    for (const [cross, expectFirst] of [['touch', 1], ['strict', 0]] as const) {
      const env = new ReplayVectorEnv({ ...tape, endTime: 100.0 }, cfg, { ...DEFAULT_FILL_MODEL, cross }, { numEnvs: 1, recordFills: true });
      env.reset({ seed: 1 });
      expect(env.episodeStart[0]).toBe(0);
      // depths 0.045 round away from the mid to the tick: bid 99.95, ask 100.05
      const r1 = env.step(Float32Array.of(0.045, 0.045)); // during (0, 1]
      expect(r1.market.bidPrice[0]).toBeCloseTo(99.95, 10);
      expect(r1.market.bidFill[0]).toBe(expectFirst);
      const r2 = env.step(Float32Array.of(0.045, 0.045)); // (1, 2]: the buy at 100.05
      expect(r2.market.askFill[0]).toBe(expectFirst);
      const r3 = env.step(Float32Array.of(0.045, 0.045)); // (2, 3]: sell through at 99.90 fills both rules
      expect(r3.market.bidFill[0]).toBe(1);
      expect(r3.market.fees[0]).toBeCloseTo(0.001, 12);
    }
    // latency 1: the first step has no resting quote
    const lat = new ReplayVectorEnv({ ...tape, endTime: 100.0 }, toyConfig({ horizon: 100, latencySteps: 1 }), DEFAULT_FILL_MODEL, { numEnvs: 1 });
    lat.reset({ seed: 1 });
    const l1 = lat.step(Float32Array.of(0.045, 0.045));
    expect(Number.isNaN(l1.market.bidPrice[0] as number)).toBe(true);
    expect(l1.market.bidFill[0]).toBe(0);
    const l2 = lat.step(Float32Array.of(0.5, 0.5)); // quotes of step 1 (depth 0.05) act now
    expect(l2.market.askPrice[0]).toBeCloseTo(100.05, 10);
    expect(l2.market.askFill[0]).toBe(1);
  });

  it('poisson fill model: fill frequency matches min(1, A exp(-k delta) dt)', () => {
    const tape = toyTape([]);
    const cfg = toyConfig({ horizon: 50, maxInventory: 1e9 });
    const env = new ReplayVectorEnv(tape, cfg, { ...DEFAULT_FILL_MODEL, model: 'poisson' }, { numEnvs: 200 });
    env.reset({ seed: 7 });
    const acts = new Float32Array(400).fill(0.095); // bid 99.905 -> 99.90 on the tick: delta = 0.1
    const delta = 0.1;
    let fills = 0;
    const steps = 50;
    for (let s = 0; s < steps; s++) {
      const r = env.step(acts);
      for (let i = 0; i < 200; i++) fills += (r.market.bidFill[i] as number) + (r.market.askFill[i] as number);
    }
    const n = 2 * 200 * steps;
    const p = 2 * Math.exp(-10 * delta) * 1; // A e^{-k delta} dt
    const se = Math.sqrt((p * (1 - p)) / n);
    console.log(`poisson fills: rate ${(fills / n).toFixed(4)} vs ${p.toFixed(4)} (+- ${se.toFixed(4)})`);
    expect(Math.abs(fills / n - p)).toBeLessThan(4 * se);
  });

  it('hybrid: mix = 0 is trade-cross and mix = 1 is poisson, step for step on the same seed', () => {
    const tape = toyTape([[0.5, 99.95, -1], [3.2, 100.2, 1], [7.7, 99.8, -1]]);
    const cfg = toyConfig({ horizon: 40, maxInventory: 1e9 });
    const run = (fill: typeof DEFAULT_FILL_MODEL): number[] => {
      const env = new ReplayVectorEnv(tape, cfg, fill, { numEnvs: 16 });
      env.reset({ seed: 3 });
      const out: number[] = [];
      const acts = new Float32Array(32).fill(0.045);
      for (let s = 0; s < 40; s++) {
        const r = env.step(acts);
        out.push(...r.market.bidFill, ...r.market.askFill);
      }
      return out;
    };
    expect(run({ ...DEFAULT_FILL_MODEL, model: 'hybrid', hybridWeight: 0 })).toEqual(run({ ...DEFAULT_FILL_MODEL, model: 'trade-cross' }));
    expect(run({ ...DEFAULT_FILL_MODEL, model: 'hybrid', hybridWeight: 1 })).toEqual(run({ ...DEFAULT_FILL_MODEL, model: 'poisson' }));
  });

  it('rejects a window shorter than the horizon and unknown id options, naming them', () => {
    expect(() => new ReplayVectorEnv(toyTape([]), toyConfig({ horizon: 500 }), DEFAULT_FILL_MODEL, { numEnvs: 1 })).toThrow(/replay window is 100.5 s of tape but horizon is 500 s/);
    expect(() => makeVec('replay:data/lobster-amzn-2012-06-21-l1?speed=2', { numEnvs: 1 })).toThrow(/unknown option "speed"; known: from, to/);
    expect(() => makeVec('replay:data/lobster-amzn-2012-06-21-l1?fill=magic', { numEnvs: 1 })).toThrow(/fill must be one of trade-cross, poisson, hybrid, risk-averse-queue, prob-queue, got "magic"/);
    expect(() => makeVec('replay:data/nope', { numEnvs: 1 })).toThrow(/data path data\/nope does not exist/);
  });
});

describe('ReplayVectorEnv on the AMZN tape (held-out 60-80% window)', () => {
  let r: ResolvedReplay;
  beforeAll(() => {
    r = resolveReplay(AMZN);
  });

  function randomRun(env: ReplayVectorEnv, seed: number, steps: number): { rewards: number[]; obs: number[] } {
    const rng = seedrandom(`actions-${seed}`);
    const acts = new Float32Array(env.numEnvs * env.actDim);
    const rewards: number[] = [];
    const obs: number[] = [...env.reset({ seed }).observations];
    for (let s = 0; s < steps; s++) {
      for (let j = 0; j < acts.length; j++) acts[j] = 2 * rng() - 1;
      const res = env.step(acts);
      rewards.push(...res.rewards);
      obs.push(...res.observations);
    }
    return { rewards, obs };
  }

  it('cash and inventory reconcile with the fill log; rewards + penalties sum to the wealth change', () => {
    const N = 8;
    const env = new ReplayVectorEnv(r.tape, r.config, r.fill, { numEnvs: N, recordFills: true });
    const steps = env.episodeSteps;
    const rng = seedrandom('reconcile');
    const acts = new Float32Array(N * env.actDim);
    env.reset({ seed: 11 });
    const episode = [...env.core.episode];
    const start = [...env.core.mid];
    const sumR = new Float64Array(N);
    const sumPen = new Float64Array(N);
    let last: { cash: number[]; q: number[]; mid: number[] } = { cash: [], q: [], mid: [] };
    for (let s = 0; s < steps; s++) {
      for (let j = 0; j < acts.length; j++) acts[j] = 0.5 * rng() - 1; // depths in [0, maxDepth / 4]
      const res = env.step(acts);
      for (let i = 0; i < N; i++) {
        sumR[i]! += res.rewards[i] as number;
        sumPen[i]! += (res.market.inventoryPenalty?.[i] ?? 0) as number;
      }
      last = { cash: [...res.market.cash], q: [...res.market.inventory], mid: [...res.market.mid] };
      if (s === steps - 1) expect([...res.terminated]).toEqual(new Array(N).fill(1));
    }
    const fills = env.fills.filter((f) => f.episode === episode[f.env]);
    expect(fills.length).toBeGreaterThan(0);
    for (let i = 0; i < N; i++) {
      const mine = fills.filter((f) => f.env === i);
      const cash = mine.reduce((c, f) => c - f.side * f.price * f.size - f.fee, r.config.initialCash);
      const q = mine.reduce((c, f) => c + f.side * f.size, r.config.initialInventory);
      expect(last.cash[i]).toBeCloseTo(cash, 9);
      expect(last.q[i]).toBe(q);
      const dW = (last.cash[i] as number) + (last.q[i] as number) * (last.mid[i] as number) - (r.config.initialCash + r.config.initialInventory * (start[i] as number));
      expect(sumR[i]! + sumPen[i]!).toBeCloseTo(dW, 8);
    }
    console.log(`reconciled ${fills.length} fills over ${N} episodes of ${steps} steps`);
  });

  it('same seed => same episode (windows, rewards, observations); other seeds differ; single env = env 0', () => {
    const a = new ReplayVectorEnv(r.tape, r.config, r.fill, { numEnvs: 4 });
    const b = new ReplayVectorEnv(r.tape, r.config, r.fill, { numEnvs: 4 });
    const ra = randomRun(a, 5, 150); // crosses an autoreset (120-step episodes)
    const startsA = [...a.episodeStart];
    const rb = randomRun(b, 5, 150);
    expect(rb.rewards).toEqual(ra.rewards);
    expect(rb.obs).toEqual(ra.obs);
    expect([...b.episodeStart]).toEqual(startsA);
    const rc = randomRun(a, 6, 150);
    expect(rc.rewards).not.toEqual(ra.rewards);

    const single = new ReplayMarketMakingEnv(r.tape, r.config, r.fill);
    const vec = new ReplayVectorEnv(r.tape, r.config, r.fill, { numEnvs: 1 });
    single.reset({ seed: 9 });
    vec.reset({ seed: 9 });
    const act = new Float32Array(2);
    depthsToAction(r.config.action, 0.05, 0.08, act, 0);
    for (let s = 0; s < 50; s++) {
      const x = single.step(act);
      const y = vec.step(act);
      expect(x.reward).toBe(y.rewards[0]);
      expect([...x.observation]).toEqual([...y.observations]);
    }
  });

  it('resolves through the registry: makeVec / make / resolveEnvConfig accept replay ids', () => {
    const id = 'replay:data/lobster-aapl-2012-06-21-l10-head?dt=0.1&horizon=10&fill=hybrid';
    const env = makeVec(id, { numEnvs: 2 });
    expect(env).toBeInstanceOf(ReplayVectorEnv);
    expect((env as ReplayVectorEnv).loadReports.map((x) => x.rowsOk)).toEqual([999, 999]);
    expect(make(id)).toBeInstanceOf(ReplayMarketMakingEnv);
    expect(resolveEnvConfig(id)).toEqual(env.config);
    expect(env.config.dt).toBe(0.1);
  });

  it('passes the Gymnasium-style env checker', () => {
    const env = make('replay:data/lobster-aapl-2012-06-21-l10-head?dt=0.1&horizon=10');
    const report = checkEnv(env);
    console.log('checkEnv on a replay env:', report);
    expect(report.passed).toContain('seed-determinism');
    expect(report.passed).toContain('episode-ends');
  });
});

/** The queue fill models on the real AMZN tape (held-out 60-80% window): fewer fills than trade-cross for a quote at the touch. */
import { beforeAll, describe, expect, it } from 'vitest';
import { depthsToAction } from '../action-map.js';
import { gueantPolicy } from '../../baselines/gueant.js';
import { runBaselineEpisodes } from '../../baselines/run-baseline.js';
import { quoteIndexAt } from '../../marketdata/tape/market-tape.js';
import { DEFAULT_FILL_MODEL, type FillModelConfig } from './fill-model.js';
import { resolveReplay, type ResolvedReplay } from './replay-id.js';
import { ReplayVectorEnv } from './replay-vector-env.js';

const AMZN = 'replay:data/lobster-amzn-2012-06-21-l1?from=0.6&to=0.8&dt=1&horizon=120';

const MODELS: Record<string, Partial<FillModelConfig>> = {
  'trade-cross': {},
  'risk-averse-queue': { model: 'risk-averse-queue' },
  'prob-queue (power 2)': { model: 'prob-queue' },
  'prob-queue (log)': { model: 'prob-queue', queueFunc: 'log' },
};

describe('queue fill models on the AMZN tape', () => {
  let r: ResolvedReplay;
  beforeAll(() => {
    r = resolveReplay(AMZN);
  });

  const envFor = (fill: Partial<FillModelConfig>, n: number, recordFills = false): ReplayVectorEnv => new ReplayVectorEnv(r.tape, r.config, { ...DEFAULT_FILL_MODEL, ...fill }, { numEnvs: n, recordFills });

  /** Units filled over `episodes` episodes of N envs by a quote joining the best bid and ask at each step's start. */
  function touchFills(env: ReplayVectorEnv, episodes: number): number {
    const N = env.numEnvs;
    const core = env.core;
    const acts = new Float32Array(N * env.actDim);
    env.reset({ seed: 0 });
    let fills = 0;
    for (let s = 0; s < episodes * env.episodeSteps; s++) {
      for (let i = 0; i < N; i++) {
        const t0 = (core.start[i] as number) + (core.stepIndex[i] as number) * r.config.dt;
        const q = Math.max(0, quoteIndexAt(r.tape, t0));
        const mid = core.mid[i] as number;
        depthsToAction(r.config.action, mid - (r.tape.bid[q] as number), (r.tape.ask[q] as number) - mid, acts, i * env.actDim);
      }
      const res = env.step(acts);
      for (let i = 0; i < N; i++) fills += (res.market.bidFill[i] as number) + (res.market.askFill[i] as number);
    }
    return fills;
  }

  it('a quote at the touch fills less under risk-averse-queue than trade-cross, prob-queue in between; so does the HJB policy', () => {
    const touch: Record<string, number> = {};
    const hjb: Record<string, number> = {};
    const policy = gueantPolicy(r.config);
    for (const [name, fill] of Object.entries(MODELS)) {
      touch[name] = touchFills(envFor(fill, 32), 2);
      hjb[name] = runBaselineEpisodes(envFor(fill, 32), policy, { episodes: 64, seed: 0 }).fills.reduce((a, b) => a + b, 0);
    }
    console.log('AMZN 60-80%, 64 episodes of 120 s, units filled: at the touch', touch, '; HJB', hjb);
    const tc = touch['trade-cross']!;
    const ra = touch['risk-averse-queue']!;
    expect(ra).toBeLessThan(0.8 * tc);
    expect(touch['prob-queue (power 2)']!).toBeGreaterThanOrEqual(ra);
    expect(touch['prob-queue (power 2)']!).toBeLessThanOrEqual(tc);
    expect(touch['prob-queue (log)']!).toBeGreaterThanOrEqual(ra);
    expect(hjb['risk-averse-queue']!).toBeLessThanOrEqual(hjb['trade-cross']!);
    expect(hjb['prob-queue (power 2)']!).toBeGreaterThanOrEqual(hjb['risk-averse-queue']!);
  });

  it('trade-cross through the event path (latencyMs = 1 ns) fills exactly as the per-step path', () => {
    const a = envFor({}, 16);
    const b = envFor({ latencyMs: 1e-6 }, 16);
    const policy = gueantPolicy(r.config);
    let obsA = a.reset({ seed: 4 }).observations;
    let obsB = b.reset({ seed: 4 }).observations;
    let fills = 0;
    for (let s = 0; s < 300; s++) {
      const x = a.step(policy.act(obsA, 16, { deterministic: true }));
      const y = b.step(policy.act(obsB, 16, { deterministic: true }));
      expect([...y.market.bidFill, ...y.market.askFill]).toEqual([...x.market.bidFill, ...x.market.askFill]);
      expect([...y.market.bidPrice]).toEqual([...x.market.bidPrice]);
      for (let i = 0; i < 16; i++) expect(y.rewards[i]).toBeCloseTo(x.rewards[i] as number, 8);
      for (let i = 0; i < 16; i++) fills += (x.market.bidFill[i] as number) + (x.market.askFill[i] as number);
      obsA = x.observations;
      obsB = y.observations;
    }
    expect(fills).toBeGreaterThan(0);
    expect([...b.episodeStart]).toEqual([...a.episodeStart]); // the same uniforms per step whatever the path
  });

  it('orders of 5 with partial fills: cash and inventory reconcile with the fill log, |q| within maxInventory, same windows as trade-cross', () => {
    const config = { ...r.config, orderSize: 5, maxInventory: 12 };
    const N = 16;
    const env = new ReplayVectorEnv(r.tape, config, { ...DEFAULT_FILL_MODEL, model: 'prob-queue', latencyMs: 50 }, { numEnvs: N, recordFills: true });
    const ref = new ReplayVectorEnv(r.tape, config, DEFAULT_FILL_MODEL, { numEnvs: N });
    env.reset({ seed: 2 });
    ref.reset({ seed: 2 });
    const acts = new Float32Array(N * env.actDim);
    for (let i = 0; i < N; i++) depthsToAction(config.action, 0.01, 0.01, acts, i * env.actDim);
    let maxQ = 0;
    let last = { cash: [] as number[], q: [] as number[] };
    for (let s = 0; s < env.episodeSteps; s++) {
      const res = env.step(acts);
      ref.step(acts);
      for (let i = 0; i < N; i++) maxQ = Math.max(maxQ, Math.abs(res.market.inventory[i] as number));
      last = { cash: [...res.market.cash], q: [...res.market.inventory] };
    }
    const fills = env.fills;
    const partial = fills.filter((f) => f.size < 5).length;
    console.log(`prob-queue, orders of 5, latency 50 ms: ${fills.length} fills (${partial} partial), max |q| = ${maxQ}`);
    expect(partial).toBeGreaterThan(0);
    expect(maxQ).toBeLessThanOrEqual(12);
    for (const f of fills) expect(Number.isInteger(f.size)).toBe(true);
    for (let i = 0; i < N; i++) {
      const mine = fills.filter((f) => f.env === i);
      expect(last.cash[i]).toBeCloseTo(mine.reduce((c, f) => c - f.side * f.price * f.size - f.fee, config.initialCash), 8);
      expect(last.q[i]).toBe(mine.reduce((c, f) => c + f.side * f.size, config.initialInventory));
    }
    expect([...env.episodeStart]).toEqual([...ref.episodeStart]);
  });
});

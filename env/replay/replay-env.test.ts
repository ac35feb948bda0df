/**
 * ReplayMarketMakingEnv's own part over CoreEnv: for a seed, the trajectory of env 0 of a
 * ReplayVectorEnv (rewards, observations, fills); its fill log; its text render (tape time,
 * step, mid, quotes, inventory, cash, wealth) and the refused render mode.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../config.js';
import { validateConfig } from '../validate-config.js';
import { TapeBuilder, type MarketTape } from '../../marketdata/tape/market-tape.js';
import { DEFAULT_FILL_MODEL } from './fill-model.js';
import { ReplayMarketMakingEnv } from './replay-env.js';
import { ReplayVectorEnv } from './replay-vector-env.js';

/** Mid stepping 0.01 up and down every second for 60 s; trades reaching 1..3 ticks past the touch. */
function tape(): MarketTape {
  const b = new TapeBuilder();
  for (let j = 0; j <= 60; j++) {
    const mid = 100 + 0.01 * ((j * 7) % 3);
    if (j > 0) b.trade(j - 0.5, j % 2 === 0 ? mid - 0.01 * (1 + (j % 3)) : mid + 0.01 * (1 + (j % 3)), 1, j % 2 === 0 ? -1 : 1, `o${j}`);
    b.quote(j, Math.round((mid - 0.01) * 100) / 100, Math.round((mid + 0.01) * 100) / 100);
  }
  return b.build({ name: 'toy', source: 'test', orderSource: 'trades', tickSize: 0.01 });
}

const cfg: EnvConfig = validateConfig({
  ...structuredClone(DEFAULT_ENV_CONFIG as EnvConfig),
  horizon: 20,
  dt: 1,
  tickSize: 0.01,
  arrivals: { kind: 'exponential', A: 2, k: 10 },
  action: { mode: 'depths', maxDepth: 1 },
  fees: { makerPerUnit: 0.001, makerBps: 0 },
  observation: { features: ['inventory', 'time', 'mid-returns', 'last-fills'], returnsWindow: 2, volWindow: 20 },
});

describe('ReplayMarketMakingEnv', () => {
  it('gives, for a seed, exactly the trajectory of env 0 of a ReplayVectorEnv', () => {
    const single = new ReplayMarketMakingEnv(tape(), cfg, DEFAULT_FILL_MODEL);
    const vec = new ReplayVectorEnv(tape(), cfg, DEFAULT_FILL_MODEL, { numEnvs: 2 });
    const o1 = single.reset({ seed: 8 }).observation;
    const o2 = vec.reset({ seed: 8 }).observations;
    expect(Array.from(o1)).toEqual(Array.from(o2.subarray(0, single.core.obsDim)));
    expect(single.core.start[0]).toBe(vec.episodeStart[0]);
    let fills = 0;
    for (let k = 0; k < 45; k++) {
      const a = [0.01 * (k % 3), 0.01 * ((k + 1) % 3)];
      const r = single.step(a);
      const v = vec.step(Float32Array.of(a[0]!, a[1]!, 0, 0));
      expect(r.reward).toBe(v.rewards[0]);
      expect(Array.from(r.observation)).toEqual(Array.from((r.terminated ? v.finalObservations : v.observations).subarray(0, single.core.obsDim)));
      expect([r.info.bidFill, r.info.askFill, r.info.cash]).toEqual([v.market.bidFill[0], v.market.askFill[0], v.market.cash[0]]);
      fills += r.info.bidFill + r.info.askFill;
      if (r.terminated) single.reset();
    }
    expect(fills).toBeGreaterThan(5);
  });

  it('keeps the fill log when asked, and none otherwise', () => {
    const logged = new ReplayMarketMakingEnv(tape(), cfg, DEFAULT_FILL_MODEL, { recordFills: true });
    logged.reset({ seed: 1 });
    let n = 0;
    for (let k = 0; k < 10; k++) {
      const r = logged.step([0, 0]);
      n += r.info.bidFill + r.info.askFill;
    }
    expect(n).toBeGreaterThan(0);
    expect(logged.fills).toHaveLength(n);
    expect(logged.fills.every((f) => f.env === 0 && f.episode === 0 && f.fee === 0.001)).toBe(true);
    const quiet = new ReplayMarketMakingEnv(tape(), cfg, DEFAULT_FILL_MODEL);
    quiet.reset({ seed: 1 });
    quiet.step([0, 0]);
    expect(quiet.fills).toEqual([]);
  });

  it('renders tape time, step, mid, quotes, inventory, cash and wealth; refuses other modes', () => {
    const env = new ReplayMarketMakingEnv(tape(), cfg, DEFAULT_FILL_MODEL, { maxEpisodeSteps: 5 });
    env.reset({ seed: 3 });
    const t0 = env.core.start[0]!;
    expect(env.render()).toMatch(new RegExp(`^tape t=${t0.toFixed(3).replace('.', '\\.')} step=0/20 mid=\\d+\\.\\d{4} bid=   -    ask=   -    `));
    env.step([0.02, 0.02]);
    const c = env.core;
    const q = c.inventory[0]!;
    const mid = c.mid[0]!;
    expect(env.render('ansi')).toBe(
      `tape t=${(t0 + 1).toFixed(3)} step=1/20 mid=${mid.toFixed(4)} bid=${c.outBidPrice[0]!.toFixed(4)} ask=${c.outAskPrice[0]!.toFixed(4)} q=${q} cash=${c.cash[0]!.toFixed(4)} W=${(c.cash[0]! + q * mid).toFixed(4)}`,
    );
    // a side not quoted (NaN) renders as a dash; so do both right after a reset (no quote has acted
    // yet: not the last episode's)
    env.reset({ seed: 3, options: { initialInventory: 25 } });
    expect(env.render()).toMatch(/ step=0\/20 .* bid=   -    ask=   -    q=25 /);
    env.step([0.02, 0.02]);
    expect(env.render()).toMatch(/ bid=   -    ask=\d+\.\d{4} q=25 /);
    expect(() => env.render('human' as never)).toThrow('render mode must be "ansi", got "human"');
    expect(env.maxEpisodeSteps).toBe(5);
  });
});

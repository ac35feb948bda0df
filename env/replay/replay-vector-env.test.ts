/**
 * ReplayVectorEnv's own part over CoreVectorEnv: it resets every env when built (episode 0, a
 * start drawn from env i's stream seeded with i), reseeds env i with seed + i on reset({ seed })
 * (the start is windowStart + u (span - T) of that stream), exposes the core's start times and
 * fill log, keeps the load reports, and autoresets into a new random window. (Fill rules on hand
 * tapes and the AMZN tape: replay.test.ts, queue-model.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../config.js';
import { StreamRngs } from '../sim/rng.js';
import { validateConfig } from '../validate-config.js';
import { TapeBuilder, type MarketTape } from '../../marketdata/tape/market-tape.js';
import { DEFAULT_FILL_MODEL } from './fill-model.js';
import { ReplayVectorEnv } from './replay-vector-env.js';

/** Mid 100 for 60 s with a sell through 99.9 and a buy through 100.1 every 0.5 s. */
function tape(): MarketTape {
  const b = new TapeBuilder();
  b.quote(0, 99.99, 100.01);
  for (let j = 1; j < 120; j++) b.trade(j * 0.5, j % 2 === 0 ? 99.9 : 100.1, 1, j % 2 === 0 ? -1 : 1, `o${j}`);
  b.quote(60, 99.98, 100.02);
  return b.build({ name: 'toy', source: 'test', orderSource: 'trades', tickSize: 0.01 });
}

const cfg: EnvConfig = validateConfig({
  ...structuredClone(DEFAULT_ENV_CONFIG as EnvConfig),
  horizon: 10,
  dt: 1,
  tickSize: 0.01,
  arrivals: { kind: 'exponential', A: 2, k: 10 },
  action: { mode: 'depths', maxDepth: 1 },
});

/** Start of the next episode of a stream seeded with `seed` after `skip` uniforms: u * (60 - 10). */
function startOf(seed: number, skip = 0): number {
  const r = new StreamRngs(1);
  r.seed(0, seed);
  for (let j = 0; j < skip; j++) r.uniform(0);
  return r.uniform(0) * 50;
}

describe('ReplayVectorEnv', () => {
  it('is reset when built: env i in episode 0 from a start drawn from its stream seeded with i', () => {
    const env = new ReplayVectorEnv(tape(), cfg, DEFAULT_FILL_MODEL, { numEnvs: 3 });
    expect(env.replay).toBe(true);
    expect(Array.from(env.core.episode)).toEqual([0, 0, 0]);
    [0, 1, 2].forEach((i) => expect(env.episodeStart[i]).toBeCloseTo(startOf(i), 12));
    expect(env.episodeStart).toBe(env.core.start);
    expect(env.loadReports).toEqual([]);
    expect(env.fills).toEqual([]); // no log unless asked
  });

  it('reset({ seed }) reseeds env i with seed + i; an env that finishes starts a new window from its continued stream', () => {
    const env = new ReplayVectorEnv(tape(), cfg, DEFAULT_FILL_MODEL, { numEnvs: 2 });
    env.reset({ seed: 20 });
    expect(env.episodeStart[0]).toBeCloseTo(startOf(20), 12);
    expect(env.episodeStart[1]).toBeCloseTo(startOf(21), 12);
    expect(Array.from(env.core.episode)).toEqual([1, 1]);
    let r;
    for (let k = 0; k < 10; k++) r = env.step(Float32Array.of(0.02, 0.02, 0.02, 0.02));
    expect(Array.from(r!.terminated)).toEqual([1, 1]);
    // 1 uniform at the reset, 4 per step: the autoreset's start is the 42nd
    expect(env.episodeStart[0]).toBeCloseTo(startOf(20, 41), 12);
    expect(env.episodeStart[1]).toBeCloseTo(startOf(21, 41), 12);
    expect(Array.from(env.core.episode)).toEqual([2, 2]);
    expect(Array.from(r!.observations)).toEqual([0, 0, 0, 0]); // q/Q, t/T of the new episodes
  });

  it('records every fill when asked (env, episode, step, time, side, price, size), and keeps the load reports', () => {
    const reports = [{ file: 'x.csv', rows: 10, skipped: {} }] as never;
    const env = new ReplayVectorEnv(tape(), cfg, DEFAULT_FILL_MODEL, { numEnvs: 1, recordFills: true, loadReports: reports });
    expect(env.loadReports).toBe(reports);
    env.reset({ seed: 1 });
    const t0 = env.episodeStart[0]!;
    const r = env.step(Float32Array.of(0.045, 0.045)); // rounded away from the mid to 99.95 / 100.05: both sides cross within a second
    expect([r.market.bidFill[0], r.market.askFill[0]]).toEqual([1, 1]);
    expect(env.fills.map((f) => ({ ...f }))).toEqual([
      { env: 0, episode: 1, step: 1, time: t0 + 1, side: 1, price: expect.closeTo(99.95, 10), size: 1, fee: 0 },
      { env: 0, episode: 1, step: 1, time: t0 + 1, side: -1, price: expect.closeTo(100.05, 10), size: 1, fee: 0 },
    ]);
    expect(r.market.cash[0]).toBeCloseTo(0.1, 10);
  });
});

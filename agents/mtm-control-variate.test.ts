/**
 * The mark-to-market control variate: exact (its term has mean zero, by Monte Carlo) where the
 * mid is a driftless martingale the fills do not move, large variance reduction there, refused
 * where it would bias; the agent learns from r' while its episode returns stay the env's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { makeVec } from '../env/registry.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import type { VectorEnv } from '../env/types.js';
import { selectBackend } from '../models/backend.js';
import { assertMtmControlVariate, mtmControlVariateReasons } from './mtm-control-variate.js';
import { PPO } from './ppo.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Per-episode sums of r and of q_{t+1} dS_t under the HJB policy. */
function episodeSums(market: string, episodes: number, seed: number): { r: Float64Array; c: Float64Array } {
  const config = resolveEnvConfig(market);
  const env = makeVec(config, { numEnvs: episodes });
  const policy = makeBaselinePolicy('hjb', config);
  let obs = env.reset({ seed }).observations;
  const r = new Float64Array(episodes);
  const c = new Float64Array(episodes);
  const done = new Uint8Array(episodes);
  while (!done.every((d) => d === 1)) {
    const res = env.step(policy.act(obs, episodes, { deterministic: true }));
    for (let e = 0; e < episodes; e++) {
      if (done[e]) continue;
      r[e] = r[e]! + res.rewards[e]!;
      c[e] = c[e]! + res.market.inventory[e]! * (res.market.mid[e]! - res.market.midBefore[e]!);
      if (res.terminated[e] || res.truncated[e]) done[e] = 1;
    }
    obs = res.observations;
  }
  env.close();
  return { r, c };
}

const mean = (x: ArrayLike<number>): number => Array.from(x).reduce((s, v) => s + v, 0) / x.length;
const sd = (x: ArrayLike<number>): number => {
  const m = mean(x);
  return Math.sqrt(Array.from(x).reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
};

describe('mark-to-market control variate', () => {
  for (const market of ['liquidation', 'coarse-ticks', 'regime-risk', 'default']) {
    it(`${market}: the term has mean zero (4,000 episodes, |z| <= 3) and the return's variance falls`, () => {
      const { r, c } = episodeSums(market, 4000, 31_000);
      const z = mean(c) / (sd(c) / Math.sqrt(c.length));
      const reduced = sd(Array.from(r, (x, i) => x - c[i]!));
      console.log(`${market}: mean of sum q' dS ${mean(c).toFixed(4)} (z = ${z.toFixed(2)}); sd of the return ${sd(r).toFixed(3)} -> ${reduced.toFixed(3)}`);
      expect(Math.abs(z)).toBeLessThanOrEqual(3);
      expect(reduced).toBeLessThan(0.85 * sd(r));
    });
  }

  it('is refused where it would bias the objective, naming why', () => {
    expect(mtmControlVariateReasons(resolveEnvConfig('default'))).toEqual([]);
    expect(mtmControlVariateReasons(resolveEnvConfig('hawkes-fills'))).toEqual([]);
    expect(mtmControlVariateReasons(resolveEnvConfig('trend')).join()).toMatch(/price.mu is 2: the mid drifts/);
    expect(mtmControlVariateReasons(resolveEnvConfig('adverse-selection')).join()).toMatch(/toxicity.fraction is 0.4: informed flow moves the mid/);
    expect(mtmControlVariateReasons(resolveEnvConfig('default', { price: { kind: 'ou' } })).join()).toMatch(/price.kind is "ou"/);
    expect(mtmControlVariateReasons(resolveEnvConfig('default'), { replay: true }).join()).toMatch(/replayed tape/);
    const env = makeVec('trend', { numEnvs: 2 });
    expect(() => new PPO(env, { mtmControlVariate: true, nSteps: 8, batchSize: 8 })).toThrow(/ppo.mtmControlVariate needs a mid that is a martingale .*price.mu is 2/);
    expect(() => assertMtmControlVariate({ config: env.config, replay: true } as unknown as VectorEnv, 'x')).toThrow(/x needs .*replayed tape/);
    env.close();
  });

  it('the agent learns from r - q\' dS while its episode returns are the env\'s', () => {
    const make = (cv: boolean): PPO =>
      new PPO(makeVec('liquidation', { numEnvs: 4 }), { seed: 5, nSteps: 40, batchSize: 40, normalize: { reward: false }, mtmControlVariate: cv });
    const plain = make(false);
    const cv = make(true);
    plain.collectRollouts();
    cv.collectRollouts();
    // same seed: the same actions and markets, so the learning rewards differ by exactly q' dS
    expect(Array.from(cv.buffer.actions)).toEqual(Array.from(plain.buffer.actions));
    const replay = makeVec('liquidation', { numEnvs: 4 });
    replay.reset({ seed: 5 });
    const a = new Float32Array(8);
    let maxErr = 0;
    for (let t = 0; t < 40; t++) {
      for (let i = 0; i < 8; i++) a[i] = Math.min(1, Math.max(-1, plain.buffer.actions[t * 8 + i]!));
      const res = replay.step(a);
      for (let e = 0; e < 4; e++) {
        const term = res.market.inventory[e]! * (res.market.mid[e]! - res.market.midBefore[e]!);
        maxErr = Math.max(maxErr, Math.abs(plain.buffer.rewards[t * 4 + e]! - cv.buffer.rewards[t * 4 + e]! - term));
      }
    }
    expect(maxErr).toBeLessThan(1e-9);
    expect(cv.episodeInfos.map((i) => i.r)).toEqual(plain.episodeInfos.map((i) => i.r));
    expect(cv.episodeInfos.length).toBe(8);
    for (const agent of [plain, cv]) {
      agent.env.close();
      agent.dispose();
    }
    replay.close();
  });
});

import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { makeVec } from '../env/registry.js';
import { meanOf, runEpisodes } from './run-episodes.js';
import { constantDepthPolicy, skewPolicy } from './test-utils/simple-policies.js';

const config = resolveEnvConfig('default', { horizon: 0.2 }); // 40 steps: fast
const steps = 40;

describe('runEpisodes', () => {
  it('is deterministic: same seed => bit-identical batches', () => {
    const p = skewPolicy(config, 0.7, 1.5);
    const a = runEpisodes(p, config, { episodes: 20, seed: 7, record: 'full' });
    const b = runEpisodes(p, config, { episodes: 20, seed: 7, record: 'full' });
    expect(a.returns).toEqual(b.returns);
    expect(a.trajectories?.mid).toEqual(b.trajectories?.mid);
    const c = runEpisodes(p, config, { episodes: 20, seed: 8 });
    expect(c.returns).not.toEqual(a.returns);
  });

  it('common random numbers: two different policies see the identical mid path', () => {
    const a = runEpisodes(constantDepthPolicy(config, 0.3), config, { episodes: 10, seed: 3, record: 'full' });
    const b = runEpisodes(skewPolicy(config, 1.2, 2), config, { episodes: 10, seed: 3, record: 'full' });
    expect(a.trajectories?.mid).toEqual(b.trajectories?.mid);
    // ... while their fills and returns differ.
    expect(a.returns).not.toEqual(b.returns);
    expect(a.trajectories?.mid.length).toBe(10 * (steps + 1));
  });

  it('episode j uses seed + j, whatever the chunk size', () => {
    const p = skewPolicy(config, 0.7, 1.5);
    const all = runEpisodes(p, config, { episodes: 9, seed: 100, batchSize: 4, record: 'full' });
    const big = runEpisodes(p, config, { episodes: 9, seed: 100 });
    expect(all.returns).toEqual(big.returns);
    const single = runEpisodes(p, config, { episodes: 1, seed: 105, record: 'full' });
    expect(single.returns[0]).toBe(all.returns[5]);
    expect(single.pnl[0]).toBe(all.pnl[5]);
    expect(Array.from(single.trajectories?.mid ?? [])).toEqual(Array.from(all.trajectories?.mid.subarray(5 * (steps + 1), 6 * (steps + 1)) ?? []));
  });

  it('summaries agree with the recorded trajectories and with the raw vector env', () => {
    const p = skewPolicy(config, 0.8, 1);
    const r = runEpisodes(p, config, { episodes: 6, seed: 11, record: 'full' });
    const tr = r.trajectories;
    if (tr === undefined) throw new Error('expected trajectories');
    for (let j = 0; j < 6; j++) {
      expect(r.lengths[j]).toBe(steps);
      let sum = 0;
      let bids = 0;
      for (let t = 0; t < steps; t++) {
        sum += tr.reward[j * steps + t] as number;
        bids += tr.bidFill[j * steps + t] as number;
      }
      expect(r.returns[j]).toBeCloseTo(sum, 9);
      expect(r.bidFills[j]).toBe(bids);
      const s = j * (steps + 1) + steps;
      const q = tr.inventory[s] as number;
      expect(r.terminalInventory[j]).toBe(q);
      expect(r.pnl[j]).toBeCloseTo((tr.cash[s] as number) + q * (tr.mid[s] as number) - 100 * 0, 9);
    }
    // Independent replay with the vector env directly: env i reset with seed 11 + i.
    const env = makeVec(config, { numEnvs: 6 });
    let obs = env.reset({ seed: 11 }).observations;
    const ret = new Float64Array(6);
    for (let t = 0; t < steps; t++) {
      const res = env.step(p.act(obs, 6));
      for (let i = 0; i < 6; i++) ret[i] = (ret[i] as number) + (res.rewards[i] as number);
      obs = res.observations;
    }
    expect(ret).toEqual(r.returns);
    expect(meanOf(r.returns)).toBeCloseTo(meanOf(ret), 12);
  });

  it('limits recorded trajectories to trajectoryEpisodes', () => {
    const r = runEpisodes(constantDepthPolicy(config, 1), config, { episodes: 5, seed: 1, record: 'full', trajectoryEpisodes: 2 });
    expect(r.trajectories?.episodes).toBe(2);
    expect(r.trajectories?.mid.length).toBe(2 * (steps + 1));
  });

  it('rejects bad options naming them', () => {
    const p = constantDepthPolicy(config, 1);
    expect(() => runEpisodes(p, config, { episodes: 0, seed: 1 })).toThrow(/episodes must be an integer >= 1, got 0/);
    expect(() => runEpisodes(p, config, { episodes: 2, seed: 1.5 })).toThrow(/seed must be a safe integer, got 1.5/);
    const bad = { name: 'bad', act: () => new Float32Array(1) };
    expect(() => runEpisodes(bad, config, { episodes: 2, seed: 1 })).toThrow(/returned 1 action values for a batch of 2 \(expected 4\)/);
  });
});

import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '../env/types.js';
import { selectBackend } from '../models/backend.js';
import { loadPolicy, readPolicyFile } from '../models/save-load.js';
import { PPO } from './ppo.js';
import { targetError } from './test-utils/eval-target.js';
import { TargetEnv } from './test-utils/target-env.js';
import { warmStart } from './warm-start.js';

/** The optimal policy of the target task: a = u (slightly shrunk so it lies inside the box). */
const oracle: Policy = {
  name: 'oracle',
  act(obs: Float32Array, batch: number): Float32Array {
    const a = new Float32Array(batch);
    for (let i = 0; i < batch; i++) a[i] = 0.9 * obs[2 * i]!;
    return a;
  },
};

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('warmStart', () => {
  it('clones the base policy into the actor and pretrains the critic; leaks no tensors', async () => {
    const agent = new PPO(new TargetEnv({ numEnvs: 4 }), { seed: 2, nSteps: 64 });
    const before = targetError(agent.policy());
    const t0 = tf.memory().numTensors;
    const res = warmStart(agent, oracle, { steps: 200, epochs: 40, batchSize: 128, learningRate: 3e-3 });
    const after = targetError(agent.policy());
    // The oracle itself scores 0.01 * E[u^2] = 0.0033 on the grid.
    console.log(`warm start: error ${before.toFixed(4)} -> ${after.toFixed(4)} (oracle 0.0034, threshold 0.01); bc mse ${res.bcLoss.toExponential(2)}, value mse ${res.valueLoss.toFixed(4)}, value explained variance ${res.valueExplainedVariance.toFixed(3)} (threshold 0.4)`);
    expect(res.samples).toBe(800);
    expect(after).toBeLessThan(0.01);
    expect(res.bcLoss).toBeLessThan(1e-3);
    expect(Math.exp(agent.ac.view('log_std')[0]!)).toBeCloseTo(Math.exp(-3.5), 6);
    // The Monte-Carlo value targets depend on the time left (observed) plus noise: most of their variance is explained.
    expect(res.valueExplainedVariance).toBeGreaterThan(0.4);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(t0 + 26);
    // PPO continues from the clone without forgetting it.
    await agent.learn({ totalTimesteps: 512 });
    expect(targetError(agent.policy())).toBeLessThan(0.02);
    agent.dispose();
  });

  it('clones a discrete base policy by cross-entropy (the argmax is the base class)', () => {
    // class 1 where the target u > 0, else 0 (obs row = [u, time left])
    const sign: Policy = {
      name: 'sign',
      act(obs: Float32Array, batch: number): Float32Array {
        const a = new Float32Array(batch);
        for (let i = 0; i < batch; i++) a[i] = obs[2 * i]! > 0 ? 1 : 0;
        return a;
      },
    };
    const agent = new PPO(new TargetEnv({ numEnvs: 4, discrete: true }), { seed: 3, nSteps: 8, batchSize: 8 });
    const res = warmStart(agent, sign, { steps: 200, epochs: 40, batchSize: 128, learningRate: 3e-3, explorationStd: 0.2 });
    const obs = new Float32Array(2 * 41);
    for (let i = 0; i <= 40; i++) {
      obs[2 * i] = -1 + i / 20 + (i === 20 ? 0.01 : 0);
      obs[2 * i + 1] = 0.5;
    }
    const want = Array.from(sign.act(obs, 41));
    const got = Array.from(agent.policy().act(obs, 41, { deterministic: true }));
    const agree = got.filter((a, i) => a === want[i]).length;
    console.log(`discrete warm start: cross-entropy ${res.bcLoss.toExponential(2)}, argmax = base class on ${agree}/41 grid states`);
    expect(agree).toBeGreaterThanOrEqual(39);
    expect(res.bcLoss).toBeLessThan(0.3);
    expect(() => warmStart(agent, sign, { explorationStd: 1.5 })).toThrow(/explorationStd must be in \[0, 1\].*got 1\.5/);
    agent.dispose();
  });
});

describe('warm start of a factored (multi-categorical) policy', () => {
  it('clones a joint class by the sum of the per-side cross-entropies (the argmax is the base pair)', async () => {
    const { makeVec } = await import('../env/registry.js');
    // coarse-ticks' Discrete(100): long -> (bid 4 ticks, ask 1 tick) = 3 * 10 + 0; else (1, 3) = 0 * 10 + 2
    const skew: Policy = {
      name: 'skew',
      act(obs: Float32Array, batch: number): Float32Array {
        const a = new Float32Array(batch);
        for (let i = 0; i < batch; i++) a[i] = obs[2 * i]! > 0 ? 30 : 2;
        return a;
      },
    };
    const env = makeVec('coarse-ticks', { numEnvs: 4 });
    const agent = new PPO(env, { seed: 3, nSteps: 8, batchSize: 8, factoredActions: true });
    const res = warmStart(agent, skew, { steps: 256, epochs: 30, batchSize: 256, learningRate: 3e-3, explorationStd: 0.3 });
    const obs = new Float32Array(2 * 51);
    for (let j = 0; j < 51; j++) obs.set([(j - 25) / 25 + (j === 25 ? -0.02 : 0), 0.5], 2 * j);
    const want = Array.from(skew.act(obs, 51));
    const got = Array.from(agent.policy().act(obs, 51, { deterministic: true }));
    const agree = got.filter((a, i) => a === want[i]).length;
    console.log(`factored warm start: cross-entropy ${res.bcLoss.toExponential(2)}, argmax = base pair on ${agree}/51 inventories`);
    expect(agree).toBeGreaterThanOrEqual(48);
    expect(res.bcLoss).toBeLessThan(0.5);
    agent.dispose();
    env.close();
  });
});

describe('residual mode', () => {
  it('starts exactly at the base policy (zero correction) and trains on top of it', async () => {
    const env = new TargetEnv({ numEnvs: 2 });
    const agent = new PPO(env, { seed: 4, nSteps: 64, batchSize: 64, net: { logStdInit: -2 } }, { residual: { name: 'oracle', policy: oracle } });
    const obs = new Float32Array([0.5, 0, -0.25, 0.5, 0.8, 0.1]);
    expect(Array.from(agent.policy().act(obs, 3))).toEqual(Array.from(oracle.act(obs, 3)));
    await agent.learn({ totalTimesteps: 256 });
    const err = targetError(agent.policy());
    console.log(`residual on oracle after 256 steps: error ${err.toFixed(4)} (oracle 0.0034)`);
    expect(err).toBeLessThan(0.01);
    // Saved and loaded, the residual policy adds its base again (given here; 'hjb' is rebuilt from the spec).
    const dir = await mkdtemp(join(tmpdir(), 'mmgym-residual-'));
    try {
      await agent.save(dir);
      expect((await readPolicyFile(dir)).action.residual).toBe('oracle');
      await expect(loadPolicy(dir)).rejects.toThrow(/residual base 'oracle' cannot be rebuilt/);
      const loaded = await loadPolicy(dir, { residualBase: oracle });
      expect(Array.from(loaded.act(obs, 3))).toEqual(Array.from(agent.policy().act(obs, 3)));
      loaded.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    agent.dispose();
  });
});

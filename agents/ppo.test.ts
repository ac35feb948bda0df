import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../models/backend.js';
import { DiagGaussian } from '../models/distributions.js';
import { loadPolicy } from '../models/save-load.js';
import { PPO } from './ppo.js';
import { linearSchedule } from './schedule.js';
import { targetError } from './test-utils/eval-target.js';
import { TargetEnv } from './test-utils/target-env.js';

let root: string;
beforeAll(async () => {
  await selectBackend('wasm');
  root = await mkdtemp(join(tmpdir(), 'mmgym-ppo-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('PPO', () => {
  it('learns the 1-D target task in 4096 steps (squared error 0.33 at the start -> < 0.05)', async () => {
    const agent = new PPO(new TargetEnv({ numEnvs: 4 }), { nSteps: 256, batchSize: 64, seed: 3 });
    const start = targetError(agent.policy());
    await agent.learn({ totalTimesteps: 4096 });
    const end = targetError(agent.policy());
    console.log(`target squared error: start ${start.toFixed(4)}, after 4096 steps ${end.toFixed(4)} (threshold 0.05)`);
    expect(start).toBeGreaterThan(0.25);
    expect(end).toBeLessThan(0.05);
    agent.dispose();
  });

  it('learns the discrete variant (categorical head) in 2048 steps', async () => {
    const agent = new PPO(new TargetEnv({ numEnvs: 4, discrete: true }), { nSteps: 128, batchSize: 64, learningRate: 1e-3, seed: 3 });
    await agent.learn({ totalTimesteps: 2048 });
    const err = targetError(agent.policy(), true);
    console.log(`discrete error rate after 2048 steps: ${err} (threshold 0.05)`);
    expect(err).toBeLessThan(0.05);
    agent.dispose();
  });

  it('same seed => bit-identical run; tensors do not grow across updates; metrics carry SB3 keys; a callback can stop', async () => {
    const run = async (seed: number): Promise<{ params: Float32Array; metrics: Record<string, number>[]; tensors: number[] }> => {
      const agent = new PPO(new TargetEnv({ numEnvs: 2, terminateAtEnd: seed === 99 }), { nSteps: 64, batchSize: 32, nEpochs: 3, seed, learningRate: linearSchedule(1e-3), targetKl: 0.5 });
      const metrics: Record<string, number>[] = [];
      const tensors: number[] = [];
      await agent.learn({
        totalTimesteps: 640,
        callbacks: {
          onUpdate: (m) => {
            metrics.push(m);
            tensors.push(tf.memory().numTensors);
          },
        },
      });
      const params = Float32Array.from(agent.ac.params);
      agent.dispose();
      return { params, metrics, tensors };
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
    expect(Array.from(c.params)).not.toEqual(Array.from(a.params));
    console.log('numTensors after each update', a.tensors);
    expect(new Set(a.tensors.slice(1)).size).toBe(1);
    expect(a.metrics.length).toBe(5);
    for (const key of ['train/approx_kl', 'train/clip_fraction', 'train/entropy_loss', 'train/policy_gradient_loss', 'train/value_loss', 'train/explained_variance', 'rollout/ep_rew_mean', 'time/fps']) {
      expect(Number.isFinite(a.metrics[4]![key]), key).toBe(true);
    }
    expect(a.metrics[4]!['train/learning_rate']).toBeCloseTo(1e-3 * (1 - 640 / 640), 12);
    expect(a.metrics[0]!['train/learning_rate']).toBeCloseTo(1e-3 * (1 - 128 / 640), 12);
    await run(99); // termination instead of truncation runs too

    const agent = new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 32, batchSize: 32, nEpochs: 1 });
    let calls = 0;
    await agent.learn({ totalTimesteps: 10_000, callbacks: { onUpdate: () => ++calls < 2 } });
    expect(calls).toBe(2);
    expect(agent.numTimesteps).toBe(128);
    agent.dispose();
  });

  it('logStdSchedule: the log-std follows the schedule (set before each rollout, never trained)', async () => {
    const agent = new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 64, batchSize: 64, seed: 4, logStdSchedule: linearSchedule(-1, -2) });
    const stds: number[] = [];
    await agent.learn({ totalTimesteps: 512, callbacks: { onUpdate: (m) => void stds.push(m['train/std']!) } });
    // 4 rollouts of 128 steps: progressRemaining before rollout k is 1, 0.75, 0.5, 0.25 (the previous update's).
    const expected = [1, 0.75, 0.5, 0.25].map((p) => Math.exp(-2 + p));
    stds.forEach((s, k) => expect(s).toBeCloseTo(expected[k]!, 6));
    expect(Array.from(agent.ac.view('log_std'))).toEqual([Math.fround(-2 + 0.25)]);
    expect(() => new PPO(new TargetEnv({ numEnvs: 2 }), { logStdSchedule: Number.NaN })).toThrow(/logStdSchedule must be a finite number, got NaN/);
    agent.dispose();
  });

  it('checkpoints: save, PPO.load resumes weights, optimizer and counters; the checkpoint is a loadable policy', async () => {
    const env = new TargetEnv({ numEnvs: 2 });
    const agent = new PPO(env, { nSteps: 64, batchSize: 64, nEpochs: 2, seed: 5 });
    await agent.learn({ totalTimesteps: 256 });
    const dir = join(root, 'ck');
    await agent.save(dir, { training: { note: 'test' } });
    const resumed = await PPO.load(dir, new TargetEnv({ numEnvs: 2 }));
    expect(resumed.numTimesteps).toBe(256);
    expect(agent.nUpdates).toBe(4); // 2 rollouts x 2 epochs
    expect(resumed.nUpdates).toBe(agent.nUpdates);
    expect(Array.from(resumed.ac.params)).toEqual(Array.from(agent.ac.params));
    expect(resumed.stateForSave().optimizer).toEqual(agent.stateForSave().optimizer);
    expect(resumed.vecNormalize.state()).toEqual(agent.vecNormalize.state());
    const obs = new Float32Array([0.3, 0.1, -0.8, 0.5]);
    const pol = await loadPolicy(dir);
    expect(Array.from(pol.act(obs, 2))).toEqual(Array.from(agent.policy().act(obs, 2)));
    await resumed.learn({ totalTimesteps: 384, resetNumTimesteps: false });
    expect(resumed.numTimesteps).toBe(384);
    await expect(PPO.load(dir, new TargetEnv({ numEnvs: 2, discrete: true }))).rejects.toThrow(/does not fit|spec/);
    pol.dispose();
    agent.dispose();
    resumed.dispose();
  });

  it('clips actions for the env but stores the unclipped sample and its own log-prob', () => {
    const env = new TargetEnv({ numEnvs: 4 });
    const seen: number[] = [];
    const step = env.step.bind(env);
    env.step = (a: Float32Array) => {
      seen.push(...a);
      return step(a);
    };
    const agent = new PPO(env, { nSteps: 32, batchSize: 32, seed: 1, net: { logStdInit: 1 } });
    agent.collectRollouts();
    const buf = agent.buffer;
    expect(seen.every((a) => a >= -1 && a <= 1)).toBe(true);
    const outside = Array.from(buf.actions).filter((a) => Math.abs(a) > 1).length;
    expect(outside).toBeGreaterThan(20);
    const out = agent.ac.predict(buf.obs, buf.size);
    const logStd = agent.ac.view('log_std');
    for (const i of [0, 17, 101]) {
      expect(buf.logProbs[i]).toBeCloseTo(DiagGaussian.logProbJs([out[i * 2]!], logStd, [buf.actions[i]!]), 4);
    }
    agent.dispose();
  });

  it('rejects bad hyperparameters by name', () => {
    const env = new TargetEnv({ numEnvs: 2 });
    expect(() => new PPO(env, { batchSize: 0 })).toThrow(/ppo.batchSize must be an integer in \[1, 4096\], got 0/);
    expect(() => new PPO(env, { gamma: 1.5 })).toThrow(/ppo.gamma must be a number in \[0, 1\], got 1.5/);
    expect(() => new PPO(env, { learningRate: NaN })).toThrow(/learningRate/);
  });
});

describe('PPO with factored discrete actions (factoredActions: one softmax per side)', () => {
  it('trains on coarse-ticks, saves and loads as a multi-categorical policy with the same deterministic actions; refused on Box actions', async () => {
    const { makeVec } = await import('../env/registry.js');
    const { expectedReturnByRecursion } = await import('../baselines/discrete-evaluation.js');
    const { resolveEnvConfig } = await import('../env/resolve-config.js');
    const env = makeVec('coarse-ticks', { numEnvs: 4 });
    const agent = new PPO(env, { nSteps: 256, batchSize: 256, nEpochs: 2, seed: 5, gamma: 1, gaeLambda: 1, factoredActions: true });
    expect(agent.ac.spec.distribution).toBe('multi-categorical');
    expect(agent.ac.spec.nvec).toEqual([10, 10]);
    expect(agent.ac.spec.outDim).toBe(20);
    await agent.learn({ totalTimesteps: 2048 });
    const dir = join(root, 'factored');
    await agent.save(dir);
    const loaded = await loadPolicy(dir);
    expect(loaded.ac.spec.distribution).toBe('multi-categorical');
    const obs = new Float32Array(2 * 51);
    for (let j = 0; j < 51; j++) obs.set([(j - 25) / 25, j / 51], 2 * j);
    const mine = agent.policy().act(obs, 51, { deterministic: true });
    expect(Array.from(loaded.act(obs, 51, { deterministic: true }))).toEqual(Array.from(mine));
    expect(mine.every((a) => Number.isInteger(a) && a >= 0 && a < 100)).toBe(true);
    // the exact evaluation reads the joint index the same way as the env
    const v = expectedReturnByRecursion(resolveEnvConfig('coarse-ticks'), loaded).value;
    expect(Number.isFinite(v)).toBe(true);
    loaded.dispose();
    agent.dispose();
    env.close();
    expect(() => new PPO(new TargetEnv({ numEnvs: 2 }), { factoredActions: true })).toThrow(/ppo\.factoredActions: true needs the env's discrete depth-grid actions/);
  });
});

/**
 * The bridge from TrainOptions to an agent (agent-factory.ts): the algorithm, the run's seed in
 * the config, a residual agent's base and its small initial log-std (unless the config sets one),
 * --init and --warm-start reported to the logger, and loadAgent restoring a checkpoint.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A2C } from '../agents/a2c.js';
import { PPO } from '../agents/ppo.js';
import { makeVec } from '../env/registry.js';
import type { EnvConfig } from '../env/config.js';
import { selectBackend } from '../models/backend.js';
import { createAgent, loadAgent, RESIDUAL_LOG_STD_INIT } from './agent-factory.js';
import type { TrainLogger } from './logger.js';
import { defaultTrainOptions, type TrainOptions } from './train-options.js';

let root: string;
beforeAll(async () => {
  await selectBackend('wasm');
  root = await mkdtemp(join(tmpdir(), 'mmgym-factory-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const recorder = (): TrainLogger & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, info: (m) => void lines.push(m), warn: (m) => void lines.push(`warn: ${m}`) };
};
const opts = (agent: 'ppo' | 'a2c', patch: Partial<TrainOptions> = {}): TrainOptions => ({
  ...defaultTrainOptions(agent, 'as2008'),
  nEnvs: 2,
  seed: 13,
  agentConfig: agent === 'ppo' ? { nSteps: 8, batchSize: 16, nEpochs: 1 } : { nSteps: 8 },
  ...patch,
});

describe('createAgent', () => {
  it('builds the algorithm asked for, with the run seed and the given hyperparameters; nothing logged', async () => {
    const env = makeVec('as2008', { numEnvs: 2 });
    const log = recorder();
    const ppo = await createAgent(opts('ppo'), env, env.config as EnvConfig, log);
    expect(ppo).toBeInstanceOf(PPO);
    expect(ppo.config.seed).toBe(13);
    expect(ppo.config.nSteps).toBe(8);
    expect(ppo.residual).toBeNull();
    expect(ppo.workers).toBe(1);
    const a2c = await createAgent(opts('a2c'), env, env.config as EnvConfig, log);
    expect(a2c).toBeInstanceOf(A2C);
    expect(a2c.config.seed).toBe(13);
    expect(log.lines).toEqual([]);
    // the same options give the same initial network
    const again = await createAgent(opts('ppo'), env, env.config as EnvConfig, log);
    expect(Array.from(again.ac.params)).toEqual(Array.from(ppo.ac.params));
    for (const a of [ppo, a2c, again]) a.dispose();
  });

  it(`residual: the base named, log-std ${RESIDUAL_LOG_STD_INIT} unless the config gives one`, async () => {
    const env = makeVec('as2008', { numEnvs: 2 });
    const r = await createAgent(opts('ppo', { residual: 'hjb' }), env, env.config as EnvConfig, recorder());
    expect(r.residual?.name).toBe('hjb');
    expect(r.config.net.logStdInit).toBe(RESIDUAL_LOG_STD_INIT);
    expect(Array.from(r.ac.view('log_std'))).toEqual([RESIDUAL_LOG_STD_INIT, RESIDUAL_LOG_STD_INIT]);
    const own = await createAgent(opts('ppo', { residual: 'hjb', agentConfig: { nSteps: 8, batchSize: 16, net: { logStdInit: -1 } } }), env, env.config as EnvConfig, recorder());
    expect(own.config.net.logStdInit).toBe(-1);
    const plain = await createAgent(opts('ppo'), env, env.config as EnvConfig, recorder());
    expect(plain.config.net.logStdInit).toBe(0);
    for (const a of [r, own, plain]) a.dispose();
  });

  it('--init takes a saved policy (logged); --warm-start clones the baseline (logged with its losses)', async () => {
    const env = makeVec('as2008', { numEnvs: 2 });
    const src = await createAgent(opts('ppo', { seed: 99 }), env, env.config as EnvConfig, recorder());
    await src.save(join(root, 'src'));
    const log = recorder();
    const a = await createAgent(opts('ppo', { init: join(root, 'src') }), env, env.config as EnvConfig, log);
    expect(Array.from(a.ac.params)).toEqual(Array.from(src.ac.params));
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(/^init from .*src: its network and observation statistics/);
    const wlog = recorder();
    const w = await createAgent(opts('ppo', { warmStart: 'hjb' }), env, env.config as EnvConfig, wlog);
    expect(wlog.lines).toHaveLength(1);
    expect(wlog.lines[0]).toMatch(/^warm start from hjb: behaviour cloning on \d+ states \(actor MSE \d\.\d\de[+-]\d+\), value pretraining \(critic MSE \d\.\d\de[+-]\d+\) in \d+\.\d s$/);
    const fresh = await createAgent(opts('ppo'), env, env.config as EnvConfig, recorder());
    expect(Array.from(w.ac.params)).not.toEqual(Array.from(fresh.ac.params));
    for (const x of [src, a, w, fresh]) x.dispose();
  });
});

describe('loadAgent', () => {
  it('restores the checkpoint of the algorithm in the options (weights and counters)', async () => {
    const env = makeVec('as2008', { numEnvs: 2 });
    const a = await createAgent(opts('a2c'), env, env.config as EnvConfig, recorder());
    await a.learn(32);
    await a.save(join(root, 'ckpt'));
    const b = await loadAgent(opts('a2c'), join(root, 'ckpt'), makeVec('as2008', { numEnvs: 2 }));
    expect(b).toBeInstanceOf(A2C);
    expect(b.numTimesteps).toBe(32);
    expect(Array.from(b.ac.params)).toEqual(Array.from(a.ac.params));
    await expect(loadAgent(opts('ppo'), join(root, 'ckpt'), makeVec('as2008', { numEnvs: 2 }))).rejects.toThrow(/holds a a2c agent, not ppo/);
    a.dispose();
    b.dispose();
  });
});

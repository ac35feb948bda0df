/**
 * CheckpointCallback: every saveFreq env steps a checkpoint (agent state + trainer.json), the
 * newest `keep` kept, latest.json naming the newest; with a run context shared with an
 * EvalCallback the checkpoints carry the evaluations' state. A tiny PPO agent on the 1-D target env.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackList } from '../../agents/callback-list.js';
import { PPO } from '../../agents/ppo.js';
import { TargetEnv } from '../../agents/test-utils/target-env.js';
import { selectBackend } from '../../models/backend.js';
import { checkpointsDir, loadLatestCheckpoint } from '../checkpoint.js';
import type { EvalSummary } from '../evaluator.js';
import { CheckpointCallback } from './checkpoint-callback.js';
import { EvalCallback } from './eval-callback.js';
import { createRunContext } from './run-context.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-ck-cb-'));
beforeAll(async () => {
  await selectBackend('wasm');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ROLLOUT = 16;
const tinyAgent = (): PPO => new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 8, batchSize: 16, nEpochs: 1, seed: 5 });
const steps = (dir: string): string[] => readdirSync(checkpointsDir(dir)).filter((d) => d.startsWith('step-')).sort();

describe('CheckpointCallback', () => {
  it('checkpoints every saveFreq steps and keeps the newest K', async () => {
    const dir = join(root, 'keep');
    const cb = new CheckpointCallback({ saveFreq: ROLLOUT, savePath: dir, keep: 2 });
    const agent = tinyAgent();
    await agent.learn(5 * ROLLOUT, cb);
    expect(steps(dir)).toEqual(['step-0000000064', 'step-0000000080']);
    const ck = loadLatestCheckpoint(dir);
    expect(ck.dir).toBe(cb.lastCheckpointDir);
    expect(ck.state).toMatchObject({ timesteps: 80, nextCheckpointAt: 96 });
    expect(await cb.save()).toBeNull(); // already saved at this step
    // the checkpoint restores the agent where it stopped
    const back = await PPO.load(ck.dir, new TargetEnv({ numEnvs: 2 }));
    expect(back.numTimesteps).toBe(80);
    expect(Array.from(back.ac.params)).toEqual(Array.from(agent.ac.params));
    back.dispose();
    agent.dispose();
  });

  it('with the run context of an EvalCallback, each checkpoint records the evaluations (as mmgym train\'s)', async () => {
    const dir = join(root, 'shared');
    const run = createRunContext({ evalEvery: 2 * ROLLOUT, checkpointEvery: 2 * ROLLOUT });
    const evaluator = { evaluate: (): EvalSummary => ({ episodes: 1, seed: 0, meanReturn: 1, seReturn: 0, hjbMeanReturn: 2, hjbSeReturn: 0, pctOptimal: 0.5, exactOptimum: null, exactReturn: null, pctExactOptimum: null }) };
    const agent = tinyAgent();
    await agent.learn(4 * ROLLOUT, new CallbackList([new EvalCallback({ evaluator, evalFreq: 2 * ROLLOUT, run }), new CheckpointCallback({ saveFreq: 2 * ROLLOUT, savePath: dir, keep: 5, run })]));
    expect(steps(dir)).toEqual(['step-0000000032', 'step-0000000064']);
    expect(loadLatestCheckpoint(dir).state).toMatchObject({ timesteps: 64, evals: 2, bestAt: 32, lastPctOptimal: 0.5, nextEvalAt: 96, nextCheckpointAt: 96 });
    agent.dispose();
  });

  it('refuses bad options, naming the field', () => {
    expect(() => new CheckpointCallback({ saveFreq: 10, savePath: root, keep: 0 })).toThrow(/CheckpointCallback\.keep must be an integer in \[1, .*\], got 0/);
    expect(() => new CheckpointCallback({ saveFreq: 1.5, savePath: root })).toThrow(/CheckpointCallback\.saveFreq must be an integer .* got 1\.5/);
    expect(() => new CheckpointCallback({ saveFreq: 10, savePath: '' })).toThrow(/CheckpointCallback\.savePath must be a directory path/);
  });
});

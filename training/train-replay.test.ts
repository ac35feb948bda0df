/**
 * Training on a recorded tape: episodes are random windows of the training span, evaluations and
 * the closing table are played on the held-out span with the training span's env config, and
 * the recorded figures reproduce there (and not on the training span).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReplayWindow, makeReplayVecWith, replayConfig } from '../env/replay/replay-id.js';
import { makeVec } from '../env/registry.js';
import { TAPE_CONFIG_FILE } from './run-dir.js';
import { runEpisodes } from '../evals/run-episodes.js';
import { loadPolicy, readPolicyFile } from '../models/save-load.js';
import { openRunLogs } from './run-log.js';
import { train } from './train.js';
import { defaultTrainOptions } from './train-options.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-train-replay-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TAPE = 'replay:data/lobster-amzn-2012-06-21-l1';

describe('mmgym train on a tape', () => {
  it('trains on the training span, evaluates and keeps best/ on the held-out span, reproducibly', async () => {
    const out = join(root, 'run');
    const r = await train({
      ...defaultTrainOptions('ppo', `${TAPE}?to=0.6`),
      nEnvs: 4,
      timesteps: 4 * 1024,
      agentConfig: { nSteps: 256, batchSize: 256, nEpochs: 1 },
      evalEvery: 2048,
      evalEpisodes: 40,
      finalEpisodes: 40,
      checkpointEvery: 0,
      progress: 'none',
      seed: 3,
      out,
    });
    expect(r.interrupted).toBe(false);
    const evals = openRunLogs(out).evals.read();
    expect(evals.map((e) => e.timesteps)).toEqual([0, 2048, 4096]);
    // No exact optimum on a tape; the HJB mean here is negative, so no % of optimal either.
    expect(evals.every((e) => e.exact_optimum === null || e.exact_optimum === '')).toBe(true);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { options: { env: string } };
    expect(run.options.env).toBe(`${TAPE}?to=0.6`);

    // The closing table's figures for best/ are those of the held-out span with the training config.
    const best = await loadPolicy(join(out, 'best'));
    const recorded = (await readPolicyFile(join(out, 'best'))).training as { evaluation: { meanReturn: number; seed: number; episodes: number } };
    const play = (id: string): number => {
      const w = loadReplayWindow(id);
      const batch = runEpisodes(best, r.envConfig, { episodes: 40, seed: recorded.evaluation.seed, makeEnv: (n) => makeReplayVecWith(w, r.envConfig, n) });
      return batch.returns.reduce((a, b) => a + b, 0) / batch.returns.length;
    };
    expect(recorded.evaluation.episodes).toBe(40);
    expect(play(`${TAPE}?from=0.6&to=1`)).toBeCloseTo(recorded.evaluation.meanReturn, 10);
    expect(Math.abs(play(`${TAPE}?to=0.6`) - recorded.evaluation.meanReturn)).toBeGreaterThan(1e-6);
    // What `mmgym eval --policy RUN --env 'replay:...?from=0.6&params=RUN/env-config.json'` plays: the same.
    const viaId = `${TAPE}?from=0.6&params=${join(out, TAPE_CONFIG_FILE)}`;
    expect(replayConfig(viaId)).toEqual(r.envConfig);
    const batch = runEpisodes(best, r.envConfig, { episodes: 40, seed: recorded.evaluation.seed, makeEnv: (n) => makeVec(viaId, { numEnvs: n }) });
    expect(batch.returns.reduce((a, b) => a + b, 0) / 40).toBeCloseTo(recorded.evaluation.meanReturn, 10);
    best.dispose();
  });
});

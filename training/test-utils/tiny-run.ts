import { join } from 'node:path';
import { defaultTrainOptions, type TrainOptions } from '../train-options.js';

/** A CI-sized run in `root/name`: 2 envs x 256 steps per rollout (512 env steps per iteration), 1 epoch of 2 minibatches. */
export function tinyRun(root: string, name: string, patch: Partial<TrainOptions> = {}): TrainOptions {
  return {
    ...defaultTrainOptions('ppo'),
    nEnvs: 2,
    timesteps: 3 * 512,
    agentConfig: { nSteps: 256, batchSize: 256, nEpochs: 1 },
    evalEvery: 512,
    evalEpisodes: 4,
    finalEpisodes: 0,
    checkpointEvery: 512,
    progress: 'none',
    seed: 7,
    out: join(root, name),
    ...patch,
  };
}

import { describe, expect, it } from 'vitest';
import { defaultTrainOptions, mergeAgentConfig, RUN_HYPERPARAMETERS, validateTrainOptions, type TrainOptions } from './train-options.js';

describe('train options', () => {
  it('defaults validate', () => {
    expect(validateTrainOptions(defaultTrainOptions('ppo')).agent).toBe('ppo');
    expect(defaultTrainOptions('a2c', 'glft2013').out).toBe('runs/a2c-glft2013');
  });

  const bad: [Partial<TrainOptions>, RegExp][] = [
    [{ timesteps: 0 }, /timesteps must be an integer >= 1, got 0/],
    [{ nEnvs: 1.5 }, /nEnvs must be an integer >= 1, got 1.5/],
    [{ stopAt: 3 }, /stopAt must be a fraction of the HJB optimum in \(0, 2\], got 3/],
    [{ stopAt: 0.99, evalEvery: 0 }, /evalEvery must be > 0 when stopAt is set/],
    [{ backend: 'gpu' as never }, /backend must be one of node, wasm, cpu, got "gpu"/],
    [{ agent: 'dqn' as never }, /agent must be one of ppo, a2c, got "dqn"/],
    [{ evalEpisodes: -1 }, /evalEpisodes must be an integer >= 1, got -1/],
  ];
  it.each(bad)('rejects %o with a named-field error', (patch, re) => {
    expect(() => validateTrainOptions({ ...defaultTrainOptions(), ...patch })).toThrow(re);
  });

  it('merges --config over the run defaults (nested net/normalize one level deep, schedules replaced whole)', () => {
    expect(defaultTrainOptions('ppo').agentConfig).toEqual(RUN_HYPERPARAMETERS.ppo);
    const base = { nSteps: 256, learningRate: { kind: 'linear', start: 1, end: 0 }, net: { logStdInit: -1 } };
    expect(mergeAgentConfig(base, { learningRate: 0.5, net: { hidden: [32] }, normalize: { reward: false } })).toEqual({
      nSteps: 256,
      learningRate: 0.5,
      net: { logStdInit: -1, hidden: [32] },
      normalize: { reward: false },
    });
    expect(mergeAgentConfig({ learningRate: 0.5 }, { learningRate: { kind: 'linear', start: 1, end: 0 } })).toEqual({
      learningRate: { kind: 'linear', start: 1, end: 0 },
    });
  });
});

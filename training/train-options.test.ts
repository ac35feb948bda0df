import { describe, expect, it } from 'vitest';
import { PPO_PRESETS } from '../agents/presets.js';
import { applyPreset, defaultTrainOptions, evalEnvOf, mergeAgentConfig, validateTrainOptions, type TrainOptions } from './train-options.js';

describe('train options', () => {
  it('defaults validate', () => {
    expect(validateTrainOptions(defaultTrainOptions('ppo')).agent).toBe('ppo');
    expect(defaultTrainOptions('a2c', 'glft2013').out).toBe('runs/a2c-glft2013');
  });

  const bad: [Partial<TrainOptions>, RegExp | string][] = [
    [{ timesteps: 0 }, /timesteps must be an integer >= 1, got 0/],
    [{ nEnvs: 1.5 }, /nEnvs must be an integer >= 1, got 1.5/],
    [{ stopAt: 3 }, /stopAt must be a fraction of the HJB optimum in \(0, 2\], got 3/],
    [{ stopAt: 0.99, evalEvery: 0 }, /evalEvery must be > 0 when stopAt is set/],
    [{ backend: 'gpu' as never }, /backend must be one of node, wasm, cpu, got "gpu"/],
    [{ agent: 'dqn' as never }, /agent must be one of ppo, a2c, got "dqn"/],
    [{ evalEpisodes: -1 }, /evalEpisodes must be an integer >= 1, got -1/],
    [{ preset: 'fast' }, `preset must be one of ${Object.keys(PPO_PRESETS).join(', ')} for ppo, got "fast"`],
    [{ residual: 'as' as never }, /residual must be one of hjb, hjb-drift, hjb-regime, hjb-toxic, hjb-fees \(or unset\), got "as"/],
    [{ warmStart: 'dp-optimal' as never }, /warmStart must be one of hjb, hjb-drift, hjb-regime, hjb-toxic, hjb-fees \(or unset\), got "dp-optimal"/],
    [{ env: 'replay:data/lobster-amzn-2012-06-21-l1' }, /evalEnv must be a held-out span of the tape, got "replay:data\/lobster-amzn-2012-06-21-l1" \(training on the whole tape leaves nothing/],
    [{ env: 'replay:data/lobster-amzn-2012-06-21-l1?to=0.6', evalEnv: 'replay:data/lobster-amzn-2012-06-21-l1?from=0.5' }, /evalEnv .* overlaps the training span \[0, 0.6\)/],
    [{ env: 'replay:data/lobster-amzn-2012-06-21-l1?to=0.6', evalEnv: 'replay:data/other?from=0.6' }, /evalEnv .* must be on the training tape \(data\/lobster-amzn-2012-06-21-l1\)/],
    [{ env: 'replay:data/lobster-amzn-2012-06-21-l1?to=0.6', evalEnv: 'default' }, /must be a replay id on the same tape, got "default"/],
    [{ env: 'replay:data/x?bogus=1' }, /env must be a valid replay id, got .*unknown option "bogus"/],
    [{ evalEnv: 'replay:data/lobster-amzn-2012-06-21-l1?from=0.6' }, /evalEnv must be null unless env is a replay id/],
  ];
  it.each(bad)('rejects %o with a named-field error', (patch, re) => {
    expect(() => validateTrainOptions({ ...defaultTrainOptions(), ...patch })).toThrow(re);
  });

  it('on a tape, evaluates on the held-out rest of it unless told otherwise', () => {
    const o = (env: string, evalEnv?: string): TrainOptions => ({ ...defaultTrainOptions('ppo', env), ...(evalEnv === undefined ? {} : { evalEnv }) });
    expect(evalEnvOf(validateTrainOptions(o('replay:data/t?to=0.6&fill=poisson')))).toBe('replay:data/t?to=1&fill=poisson&from=0.6');
    expect(evalEnvOf(validateTrainOptions(o('replay:data/t?from=0.3')))).toBe('replay:data/t?from=0&to=0.3');
    expect(evalEnvOf(validateTrainOptions(o('replay:data/t?to=0.5', 'replay:data/t?from=0.8')))).toBe('replay:data/t?from=0.8');
    expect(evalEnvOf(defaultTrainOptions())).toBeNull();
  });

  it('accepts every analytic prior for --residual and --warm-start', () => {
    for (const p of ['hjb', 'hjb-drift', 'hjb-regime'] as const) {
      expect(validateTrainOptions({ ...defaultTrainOptions('ppo', 'regime-risk', true), residual: p }).residual).toBe(p);
      expect(validateTrainOptions({ ...defaultTrainOptions('ppo', 'regime-risk', true), warmStart: p }).warmStart).toBe(p);
    }
  });

  it('merges --config over the run defaults (nested net/normalize one level deep, schedules replaced whole)', () => {
    expect(defaultTrainOptions('ppo').agentConfig).toEqual(PPO_PRESETS['as-default'].config);
    expect(defaultTrainOptions('ppo').nEnvs).toBe(PPO_PRESETS['as-default'].numEnvs);
    expect(defaultTrainOptions('ppo', 'default', true).preset).toBe('warm-start');
    expect(() => applyPreset(defaultTrainOptions('a2c'), 'throughput')).toThrow(/preset must be one of as-default for a2c, got "throughput"/);
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

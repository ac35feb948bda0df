/** Issue #11 item 3: hyperparameters that were accepted without a range check. */
import { describe, expect, it } from 'vitest';
import { A2C } from './a2c.js';
import { PPO } from './ppo.js';
import { linearSchedule } from './schedule.js';
import { TargetEnv } from './test-utils/target-env.js';
import { parseAgentConfig } from '../training/agent-config.js';

const env = (): TargetEnv => new TargetEnv({ numEnvs: 2 });

describe('hyperparameter ranges', () => {
  it('clip ranges, learning rates, log-std schedules and normalisation clips are checked, naming the field and value', () => {
    expect(() => new PPO(env(), { nSteps: 8, batchSize: 8, clipRange: -1 })).toThrow(/ppo\.clipRange must be > 0 and <= 10, got -1/);
    expect(() => new PPO(env(), { nSteps: 8, batchSize: 8, clipRangeVf: -1 })).toThrow(/ppo\.clipRangeVf must be > 0 and <= Infinity, got -1/);
    expect(() => new PPO(env(), { nSteps: 8, batchSize: 8, learningRate: -0.001 })).toThrow(/ppo\.learningRate must be >= 0 and <= 10, got -0\.001/);
    expect(() => new PPO(env(), { nSteps: 8, batchSize: 8, learningRate: linearSchedule(1e-3, -1e-3) })).toThrow(/ppo\.learningRate must be >= 0 and <= 10 \(at progressRemaining 0\), got -0\.001/);
    expect(() => new A2C(env(), { nSteps: 8, normalize: { clipObs: -1 } } as never)).toThrow(/a2c\.normalize\.clipObs must be a number > 0, got -1/);
    expect(() => new PPO(env(), { nSteps: 8, batchSize: 8, logStdSchedule: 40 })).toThrow(/ppo\.logStdSchedule must be >= -20 and <= 5, got 40/);
    expect(() => new PPO(env(), { nSteps: 8, batchSize: 8, clipRange: linearSchedule(0.2, 0.05) })).not.toThrow();
  });

  it('a number JSON cannot hold is reported as what it parsed to (1e400 -> Infinity), not as null', () => {
    expect(() => parseAgentConfig(JSON.parse('{"nSteps": 1e400}'), 'ppo', 'config.json')).toThrow(/nSteps must be a finite number.*got Infinity/);
  });
});

import { describe, expect, it } from 'vitest';
import { EnvCheckError, checkEnv } from './check-env.js';
import type { Action, StepResult } from './env.js';
import { PRESETS } from './presets.js';
import { make } from './registry.js';
import { NormalizeObservation, RecordEpisodeStatistics, RescaleAction, TimeLimit } from './wrappers/index.js';
import { Wrapper } from './wrappers/wrapper.js';

describe('checkEnv', () => {
  it.each(Object.keys(PRESETS))('passes on preset %s', (id) => {
    const report = checkEnv(make(id));
    expect(report.passed).toContain('seed-determinism');
    expect(report.passed).toContain('episode-ends');
  });

  it.each(['depths', 'spread-skew', 'discrete'] as const)('passes in action mode %s', (mode) => {
    const report = checkEnv(make('as2008', { action: { mode } }));
    expect(report.passed).toContain('close');
    if (mode === 'depths') expect(report.warnings[0]).toMatch(/not the symmetric/);
  });

  it('passes on wrapped envs', () => {
    const norm = new NormalizeObservation(new TimeLimit(make('calm'), 50));
    norm.updateRunningMean = false; // frozen statistics: a seeded episode must replay exactly
    const env = new RecordEpisodeStatistics(norm);
    expect(checkEnv(env).passed).toContain('episode-ends');
    expect(checkEnv(new RescaleAction(make('as2008', { action: { mode: 'depths' } }), -1, 1)).warnings).toEqual([]);
  });

  it('catches a broken env: non-finite reward, aliased observations', () => {
    class NanReward extends Wrapper {
      override step(a: Action): StepResult {
        return { ...this.env.step(a), reward: NaN };
      }
    }
    expect(() => checkEnv(new NanReward(make()))).toThrow(EnvCheckError);
    expect(() => checkEnv(new NanReward(make()))).toThrow(/step-reward/);
    class Aliasing extends Wrapper {
      private readonly buf = new Float32Array(2);
      override step(a: Action): StepResult {
        const r = this.env.step(a);
        this.buf.set(r.observation);
        return { ...r, observation: this.buf };
      }
    }
    expect(() => checkEnv(new Aliasing(make()))).toThrow(/observation-aliasing/);
  });
});

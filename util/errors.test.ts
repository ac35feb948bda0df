/**
 * The error hierarchy: every named error the project raises on purpose is an MmgymError of its
 * kind, keeps its own name and message, and is exported from the package entry.
 */
import { describe, expect, it } from 'vitest';
import * as mmgym from '../index.js';
import { AgentConfigError } from '../training/agent-config.js';
import { EnvCheckError } from '../env/check-env.js';
import { InvalidActionError } from '../env/action-map.js';
import { NonFiniteStepError } from '../env/env-core.js';
import { DataSchemaError } from '../marketdata/loaders/load-report.js';
import { CorruptGzipError } from '../marketdata/loaders/csv-rows.js';
import { SpecMismatchError } from '../baselines/policy-support.js';
import { PolicyLoadError } from '../models/save-load.js';
import { BackendUnavailableError } from '../models/backend.js';
import { SweepConfigError } from '../evals/sweep/sweep-config.js';
import { EnvConfigError } from '../env/validate-config.js';
import { BaselineParameterError } from '../baselines/errors.js';
import { UnsupportedMarketError } from '../baselines/finite-mdp.js';
import { ActionError, BackendError, ConfigError, DataError, EnvError, MmgymError, PolicyError } from './errors.js';

describe('error hierarchy', () => {
  it('every named error is an MmgymError of its kind, with its own name', () => {
    const cases: [Error, abstract new (...args: never[]) => MmgymError, string][] = [
      [new AgentConfigError('x'), ConfigError, 'AgentConfigError'],
      [new SweepConfigError('x'), ConfigError, 'SweepConfigError'],
      [new EnvConfigError('price.sigma', 'x'), ConfigError, 'EnvConfigError'],
      [new BaselineParameterError('k', 'x'), ConfigError, 'BaselineParameterError'],
      [new UnsupportedMarketError('exact optimum', ['latencySteps 2'], 'latencySteps'), ConfigError, 'UnsupportedMarketError'],
      [new InvalidActionError('x'), ActionError, 'InvalidActionError'],
      [new EnvCheckError('reset', 'x'), EnvError, 'EnvCheckError'],
      [new NonFiniteStepError('x'), EnvError, 'NonFiniteStepError'],
      [new DataSchemaError('f.csv', 'LOBSTER', 'x'), DataError, 'DataSchemaError'],
      [new CorruptGzipError('f.gz', new Error('bad')), DataError, 'CorruptGzipError'],
      [new SpecMismatchError('hjb', ['a']), PolicyError, 'SpecMismatchError'],
      [new PolicyLoadError('d', 'policy.json', 'x'), PolicyError, 'PolicyLoadError'],
      [new BackendUnavailableError('node', 'x'), BackendError, 'BackendUnavailableError'],
    ];
    for (const [e, kind, name] of cases) {
      expect(e, name).toBeInstanceOf(MmgymError);
      expect(e, name).toBeInstanceOf(kind);
      expect(e.name).toBe(name);
      expect(e.message.length).toBeGreaterThan(0);
    }
    expect(new ConfigError('m').name).toBe('ConfigError');
  });

  it('is exported from the package entry', () => {
    for (const k of ['MmgymError', 'ConfigError', 'ActionError', 'EnvError', 'PolicyError', 'DataError', 'BackendError', 'QueueError']) expect(typeof (mmgym as Record<string, unknown>)[k], k).toBe('function');
  });
});

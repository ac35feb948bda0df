import { describe, expect, it } from 'vitest';
import type { EnvConfig } from './config.js';
import { DEFAULT_ENV_CONFIG } from './config.js';
import { EnvConfigError, validateConfig } from './validate-config.js';
import { ConfigError } from '../util/errors.js';

const withField = (patch: Record<string, unknown>): EnvConfig => ({ ...structuredClone(DEFAULT_ENV_CONFIG), ...patch }) as EnvConfig;

function errorOf(c: unknown): EnvConfigError {
  try {
    validateConfig(c as EnvConfig);
  } catch (e) {
    if (e instanceof EnvConfigError) return e;
    throw e;
  }
  throw new Error('expected an EnvConfigError');
}

describe('validateConfig', () => {
  it('accepts the default config and returns a frozen copy', () => {
    const c = validateConfig(DEFAULT_ENV_CONFIG);
    expect(c).toEqual(DEFAULT_ENV_CONFIG);
    expect(Object.isFrozen(c.price)).toBe(true);
  });

  it.each([
    ['negative sigma', { price: { kind: 'brownian', sigma: -1, mu: 0, binomial: false } }, 'price.sigma', 'price.sigma must be >= 0 and <= 1000000000, got -1'],
    ['dt >= T', { dt: 1 }, 'dt', 'dt must be > 0 and < 1, got 1'],
    ['Q <= 0', { maxInventory: 0 }, 'maxInventory', 'maxInventory must be > 0 and <= 1000000000, got 0'],
    ['Q below the order size', { maxInventory: 0.5 }, 'orderSize', 'orderSize must be > 0 and <= 0.5, got 1'],
    ['NaN gamma', { gamma: NaN }, 'gamma', 'gamma must be > 0, got NaN'],
    ['unknown price model', { price: { kind: 'heston', sigma: 1 } }, 'price.kind', 'price.kind must be one of "brownian", "gbm", "ou", "jump", "regime-switching", got "heston"'],
    ['unknown arrival model', { arrivals: { kind: 'linear', A: 1 } }, 'arrivals.kind', 'arrivals.kind must be one of'],
    ['non-integer latency', { latencySteps: 1.5 }, 'latencySteps', 'latencySteps must be an integer and >= 0'],
    ['toxic fraction > 1', { toxicity: { fraction: 2, jump: 0 } }, 'toxicity.fraction', 'toxicity.fraction must be >= 0 and <= 1, got 2'],
    ['hawkes branching >= 1', { arrivals: { kind: 'hawkes', A: 1, k: 1, branching: 1, decay: 1 } }, 'arrivals.branching', 'arrivals.branching must be >= 0 and < 1, got 1'],
    ['dt not dividing T', { dt: 0.003 }, 'dt', 'whole number of steps'],
    ['inventory past Q', { initialInventory: 30 }, 'initialInventory', 'initialInventory must be >= -25 and <= 25, got 30'],
    ['unknown top-level field', { sigma: 3 }, 'sigma', 'unknown field sigma'],
    ['time unit without a count', { timeUnit: { name: 'second', perYear: 0 } }, 'timeUnit.perYear', 'timeUnit.perYear must be > 0 and <= 1000000000000, got 0'],
    ['time unit without a name', { timeUnit: { name: '', perYear: 252 } }, 'timeUnit.name', 'timeUnit.name must be a non-empty string, got ""'],
    ['unknown time-unit field', { timeUnit: { name: 'second', perYear: 1, days: 2 } }, 'timeUnit.days', 'unknown field timeUnit.days'],
    ['unknown part field', { arrivals: { kind: 'exponential', A: 140, k: 1.5, kappa: 2 } }, 'arrivals.kappa', 'unknown field arrivals.kappa'],
    ['unknown observation feature', { observation: { features: ['inventory', 'spread'], returnsWindow: 5, volWindow: 20 } }, 'observation.features[1]', 'observation.features[1] must be one of'],
    ['regime feature without regimes', { observation: { features: ['regime'], returnsWindow: 5, volWindow: 20 } }, 'observation.features', 'needs price.kind "regime-switching"'],
    ['inventory levels past 100 a side', { maxInventory: 500, orderSize: 2, observation: { features: ['inventory-levels'], returnsWindow: 5, volWindow: 20 } }, 'observation.features', 'observation feature "inventory-levels" needs maxInventory / orderSize <= 100 (one input per level, 2L + 1 in all), got 500 / 2 = 250'],
    ['transition row not summing to 1', {
      price: { kind: 'regime-switching', regimes: [{ name: 'a', mu: 0, sigma: 1 }, { name: 'b', mu: 0, sigma: 2 }], transition: [[0.5, 0.4], [0, 1]], initialRegime: 0 },
    }, 'price.transition[0]', 'must sum to 1'],
    ['negative grid depth', { action: { mode: 'discrete', grid: [0, -1] } }, 'action.grid[1]', 'action.grid[1] must be >= 0, got -1'],
    ['zero maxDepth', { action: { mode: 'depths', maxDepth: 0 } }, 'action.maxDepth', 'action.maxDepth must be > 0, got 0'],
  ])('names the field for %s', (_label, patch, field, message) => {
    const e = errorOf(withField(patch));
    expect(e.field).toBe(field);
    expect(e.message).toContain(message);
    expect(e).toBeInstanceOf(ConfigError);
  });
});

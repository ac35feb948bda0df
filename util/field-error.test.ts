import { describe, expect, it } from 'vitest';
import { EnvConfigError } from '../env/validate-config.js';
import { BaselineParameterError } from '../baselines/errors.js';
import { FieldError } from './field-error.js';
import { ConfigError, MmgymError } from './errors.js';

describe('FieldError', () => {
  it('is a ConfigError (an MmgymError) carrying the field; subclasses keep their own name', () => {
    const e = new EnvConfigError('price.sigma', 'price.sigma must be >= 0, got -1');
    expect(e).toBeInstanceOf(ConfigError);
    expect(e).toBeInstanceOf(MmgymError);
    expect(e).toBeInstanceOf(FieldError);
    expect([e.name, e.field, e.message]).toEqual(['EnvConfigError', 'price.sigma', 'price.sigma must be >= 0, got -1']);
    const b = new BaselineParameterError('k', 'k must be > 0, got -1');
    expect([b.name, b.field, b instanceof EnvConfigError]).toEqual(['BaselineParameterError', 'k', false]);
  });
});

import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import { parseSets } from './env-info.js';
import { parseSetOverrides } from '../../baselines/env-overrides.js';

describe('env-info --set', () => {
  it('turns path=value strings into nested overrides (JSON values when they parse)', () => {
    const o = parseSets(['price.sigma=3', 'arrivals.k=0.5', 'observation.features=["time"]', 'price.binomial=true']);
    expect(o).toEqual({ price: { sigma: 3, binomial: true }, arrivals: { k: 0.5 }, observation: { features: ['time'] } });
    const c = resolveEnvConfig('as2008', o);
    expect(c.price).toEqual({ kind: 'brownian', sigma: 3, mu: 0, binomial: true });
    expect(() => parseSets(['sigma'])).toThrow('--set expects path=value');
  });

  it('refuses prototype keys (mmgym baseline/quotes/env-info --set __proto__.maxEpisodeSteps=3 cut every episode to 3 steps)', () => {
    expect(() => parseSets(['__proto__.maxEpisodeSteps=3'])).toThrow(/--set __proto__\.maxEpisodeSteps: key "__proto__" is not allowed/);
    expect(() => parseSetOverrides(['__proto__.maxEpisodeSteps=3'])).toThrow(/key "__proto__" is not allowed/);
    expect(() => parseSetOverrides(['constructor.prototype.maxEpisodeSteps=3'])).toThrow(/key "constructor" is not allowed/);
    expect(({} as Record<string, unknown>).maxEpisodeSteps).toBeUndefined();
  });
});

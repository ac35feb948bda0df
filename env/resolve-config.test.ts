import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG } from './config.js';
import { DEFAULT_ENV_ID, ENV_IDS, PRESETS } from './presets.js';
import { resolveEnvConfig } from './resolve-config.js';

describe('resolveEnvConfig', () => {
  it('resolves ids, short names and the alias to the same preset', () => {
    expect(resolveEnvConfig(DEFAULT_ENV_ID)).toEqual(DEFAULT_ENV_CONFIG);
    expect(resolveEnvConfig('as2008')).toEqual(DEFAULT_ENV_CONFIG);
    expect(resolveEnvConfig('default')).toEqual(DEFAULT_ENV_CONFIG);
    for (const [id, name] of Object.entries(ENV_IDS)) expect(resolveEnvConfig(id)).toEqual(PRESETS[name]);
  });

  it('has the published parameters', () => {
    const g = resolveEnvConfig('mmgym/GLFT2013-v0');
    expect([g.price.kind === 'brownian' && g.price.sigma, g.arrivals.kind === 'exponential' && g.arrivals.A, g.gamma, g.horizon, g.maxInventory]).toEqual([0.3, 0.9, 0.01, 600, 30]);
    const regimes = ['calm', 'turbulent', 'uptrend', 'downtrend'].map((n) => resolveEnvConfig(n).price);
    expect(regimes.map((p) => (p.kind === 'brownian' ? [p.mu, p.sigma] : null))).toEqual([[0, 2], [0, 10], [10, 2], [-10, 2]]);
  });

  it('deep-merges overrides field by field', () => {
    const c = resolveEnvConfig('as2008', { arrivals: { k: 2 }, fees: { makerBps: 1 } });
    expect(c.arrivals).toEqual({ kind: 'exponential', A: 140, k: 2 });
    expect(c.fees).toEqual({ makerPerUnit: 0, makerBps: 1 });
    expect(c.price).toEqual(DEFAULT_ENV_CONFIG.price);
  });

  it('replaces a union part when the override changes its kind', () => {
    const c = resolveEnvConfig('as2008', { price: { kind: 'gbm', sigma: 0.03 } });
    expect(c.price).toEqual({ kind: 'gbm', sigma: 0.03, mu: 0 });
    const d = resolveEnvConfig('as2008', { action: { mode: 'discrete' } });
    expect(d.action.mode).toBe('discrete');
    expect('maxDepth' in d.action).toBe(false);
  });

  it('replaces arrays instead of merging them', () => {
    const c = resolveEnvConfig('as2008', { observation: { features: ['time'] } });
    expect(c.observation.features).toEqual(['time']);
  });

  it('rejects unknown presets listing the known ones, and bad overrides by field', () => {
    expect(() => resolveEnvConfig('mmgym/Nope-v0')).toThrow(/unknown environment id or preset "mmgym\/Nope-v0"; known: mmgym\/AvellanedaStoikov-v0/);
    expect(() => resolveEnvConfig('as2008', { price: { kind: 'heston' as 'gbm' } })).toThrow(/price.kind must be one of/);
    expect(() => resolveEnvConfig('as2008', { dt: 2 })).toThrow(/^dt must be > 0 and < 1, got 2/);
  });
});

describe('overrides cannot reach the object prototype', () => {
  it('a JSON "__proto__" key (an own property after JSON.parse) is refused, as is a replaced prototype', () => {
    const fromJson = JSON.parse('{"__proto__": {"maxEpisodeSteps": 3}}') as Record<string, unknown>;
    expect(() => resolveEnvConfig('default', fromJson)).toThrow(/override __proto__: key "__proto__" is not allowed/);
    const nested = JSON.parse('{"price": {"constructor": {"prototype": {"x": 1}}}}') as Record<string, unknown>;
    expect(() => resolveEnvConfig('default', nested)).toThrow(/override price\.constructor: key "constructor" is not allowed/);
    const polluted: Record<string, unknown> = {};
    Object.setPrototypeOf(polluted, { maxEpisodeSteps: 3 });
    expect(() => resolveEnvConfig('default', polluted)).toThrow(/must be a plain object \(its prototype was replaced/);
  });
});

/**
 * part-defaults.ts: one complete default per variant of each union part, keyed by its own tag,
 * frozen, each valid in the default market (so switching a part's kind alone gives a valid env),
 * with the documented values (the default brownian and exponential are AS-2008's; the hawkes
 * default has mean intensity A / (1 - eta) = 140 = AS-2008's A).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from './config.js';
import { stationaryDistribution } from './effective-params.js';
import { DEFAULT_ACTIONS, DEFAULT_ARRIVAL_MODELS, DEFAULT_PRICE_MODELS, DEFAULT_REWARDS } from './part-defaults.js';
import { ACTION_MODES, ARRIVAL_KINDS, PRICE_KINDS, REWARD_KINDS, validateConfig } from './validate-config.js';

const base = (): EnvConfig => structuredClone(DEFAULT_ENV_CONFIG) as EnvConfig;

describe('part defaults', () => {
  it('have one entry per kind / mode, each tagged with its own key', () => {
    const tables = [
      [DEFAULT_PRICE_MODELS, PRICE_KINDS, 'kind'],
      [DEFAULT_ARRIVAL_MODELS, ARRIVAL_KINDS, 'kind'],
      [DEFAULT_REWARDS, REWARD_KINDS, 'kind'],
      [DEFAULT_ACTIONS, ACTION_MODES, 'mode'],
    ] as const;
    for (const [table, tags, tag] of tables) {
      expect(Object.keys(table).sort()).toEqual([...tags].sort());
      for (const [k, v] of Object.entries(table)) expect((v as Record<string, unknown>)[tag]).toBe(k);
      expect(Object.isFrozen(table)).toBe(true);
    }
    expect(Object.isFrozen(DEFAULT_PRICE_MODELS['regime-switching'].regimes[1])).toBe(true);
    expect(Object.isFrozen(DEFAULT_ACTIONS.discrete.grid)).toBe(true);
  });

  it('each make a valid env when put into the default market alone', () => {
    for (const price of Object.values(DEFAULT_PRICE_MODELS)) expect(() => validateConfig({ ...base(), price: structuredClone(price) as EnvConfig['price'] })).not.toThrow();
    for (const arrivals of Object.values(DEFAULT_ARRIVAL_MODELS)) expect(() => validateConfig({ ...base(), arrivals: structuredClone(arrivals) as EnvConfig['arrivals'] })).not.toThrow();
    for (const reward of Object.values(DEFAULT_REWARDS)) expect(() => validateConfig({ ...base(), reward: structuredClone(reward) as EnvConfig['reward'] })).not.toThrow();
    for (const action of Object.values(DEFAULT_ACTIONS)) expect(() => validateConfig({ ...base(), action: structuredClone(action) as EnvConfig['action'] })).not.toThrow();
  });

  it('have the documented values', () => {
    expect(DEFAULT_PRICE_MODELS.brownian).toEqual(DEFAULT_ENV_CONFIG.price);
    expect(DEFAULT_ARRIVAL_MODELS.exponential).toEqual(DEFAULT_ENV_CONFIG.arrivals);
    expect(DEFAULT_REWARDS['running-penalty']).toEqual(DEFAULT_ENV_CONFIG.reward);
    expect(DEFAULT_ACTIONS['normalized-depths']).toEqual(DEFAULT_ENV_CONFIG.action);
    const h = DEFAULT_ARRIVAL_MODELS.hawkes;
    expect(h.A / (1 - h.branching)).toBe(140);
    expect(DEFAULT_ARRIVAL_MODELS['random-exponential'].spread).toBe(Math.LN2);
    const rs = DEFAULT_PRICE_MODELS['regime-switching'];
    expect(rs.regimes.map((r) => [r.name, r.sigma])).toEqual([['calm', 2], ['stressed', 10]]);
    // rows sum to 1; stationary law (0.75, 0.25): 0.01 calm->stressed, 0.03 back
    for (const row of rs.transition) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    const pi = stationaryDistribution(rs.transition);
    expect(pi[0]).toBeCloseTo(0.75, 12);
    expect(DEFAULT_ACTIONS.discrete.grid).toEqual([0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5]);
    for (const r of Object.values(DEFAULT_REWARDS)) expect(r.terminalPenalty).toBe(0);
  });
});

/**
 * config.ts's own behaviour: the default market is Avellaneda & Stoikov (2008) sec. 4 and deeply
 * frozen; episodeSteps = round(T / dt) (robust to dt's binary round-off); deepFreeze freezes
 * every level in place; the time unit defaults to the trading day (252 a year).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, DEFAULT_TIME_UNIT, deepFreeze, episodeSteps, timeUnitOf } from './config.js';
import { validateConfig } from './validate-config.js';

describe('DEFAULT_ENV_CONFIG', () => {
  it('is the AS-2008 market: S0 100, T 1, dt 0.005, sigma 2, A 140, k 1.5, gamma 0.1, Q 25', () => {
    const c = DEFAULT_ENV_CONFIG;
    expect([c.s0, c.horizon, c.dt, c.gamma, c.maxInventory, c.orderSize, c.initialInventory, c.initialCash, c.tickSize, c.latencySteps]).toEqual([100, 1, 0.005, 0.1, 25, 1, 0, 0, 0, 0]);
    expect(c.price).toEqual({ kind: 'brownian', sigma: 2, mu: 0, binomial: false });
    expect(c.arrivals).toEqual({ kind: 'exponential', A: 140, k: 1.5 });
    expect(c.toxicity).toEqual({ fraction: 0, jump: 0, rule: 'arrival' });
    expect(c.fees).toEqual({ makerPerUnit: 0, makerBps: 0 });
    expect(c.reward).toEqual({ kind: 'running-penalty', phi: null, terminalPenalty: 0 });
    expect(c.observation).toEqual({ features: ['inventory', 'time'], returnsWindow: 5, volWindow: 20 });
    expect(c.action).toEqual({ mode: 'normalized-depths', maxDepth: 5 });
    expect(c.timeUnit).toBeUndefined();
    expect(validateConfig(structuredClone(c) as typeof c)).toEqual(c);
  });

  it('is frozen at every level (a caller cannot change the default for everyone)', () => {
    const c = DEFAULT_ENV_CONFIG as unknown as Record<string, unknown>;
    expect(Object.isFrozen(c)).toBe(true);
    for (const part of ['price', 'arrivals', 'toxicity', 'fees', 'reward', 'observation', 'action']) expect(Object.isFrozen(c[part])).toBe(true);
    expect(Object.isFrozen(DEFAULT_ENV_CONFIG.observation.features)).toBe(true);
    expect(() => {
      (DEFAULT_ENV_CONFIG.observation.features as string[]).push('regime');
    }).toThrow(TypeError);
  });
});

describe('episodeSteps', () => {
  it('is round(T / dt): exact grids and ones whose quotient falls just short of an integer in binary', () => {
    expect(episodeSteps({ horizon: 1, dt: 0.005 })).toBe(200);
    expect(episodeSteps({ horizon: 600, dt: 0.5 })).toBe(1200);
    expect(episodeSteps({ horizon: 0.2, dt: 0.01 })).toBe(20);
    expect(0.7 / 0.1).not.toBe(7); // 6.999999999999999
    expect(episodeSteps({ horizon: 0.7, dt: 0.1 })).toBe(7);
    expect(episodeSteps({ horizon: 0.3, dt: 0.1 })).toBe(3);
    expect(episodeSteps({ horizon: 1, dt: 1 / 256 })).toBe(256);
    expect(episodeSteps({ horizon: 1, dt: 0.3 })).toBe(3); // 3.33 -> 3
    expect(episodeSteps({ horizon: 1, dt: 0.4 })).toBe(3); // 2.5 -> 3 (half up)
  });
});

describe('deepFreeze', () => {
  it('freezes objects and arrays at every depth, in place, and returns its argument', () => {
    const v = { a: { b: [1, { c: 2 }] }, d: 3 };
    const out = deepFreeze(v);
    expect(out).toBe(v);
    expect(Object.isFrozen(v)).toBe(true);
    expect(Object.isFrozen(v.a)).toBe(true);
    expect(Object.isFrozen(v.a.b)).toBe(true);
    expect(Object.isFrozen(v.a.b[1])).toBe(true);
    expect(() => {
      (v.a.b[1] as { c: number }).c = 5;
    }).toThrow(TypeError);
  });

  it('passes primitives and null through', () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBe(null);
    expect(deepFreeze('x')).toBe('x');
    expect(deepFreeze(undefined)).toBe(undefined);
  });
});

describe('timeUnitOf', () => {
  it('defaults to the trading day, 252 a year (frozen); a config\'s own unit is returned as is', () => {
    expect(timeUnitOf({})).toBe(DEFAULT_TIME_UNIT);
    expect(DEFAULT_TIME_UNIT).toEqual({ name: 'trading day', perYear: 252 });
    expect(Object.isFrozen(DEFAULT_TIME_UNIT)).toBe(true);
    const unit = { name: 'second', perYear: 252 * 23_400 };
    expect(timeUnitOf({ timeUnit: unit })).toBe(unit);
  });
});

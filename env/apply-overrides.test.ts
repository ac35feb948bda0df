/**
 * applyOverrides' own rules (no validation here): a deep merge where objects merge field by field
 * and arrays and scalars replace, undefined leaves a field alone, a changed `kind` / `mode`
 * rebuilds the part from that variant's defaults (no field of the old variant leaks), an unknown
 * tag is refused naming the field, the allowed values and the value, and neither input is
 * mutated or aliased by the output. (Through resolveEnvConfig and the prototype-key guard:
 * resolve-config.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig, type EnvOverrides } from './config.js';
import { applyOverrides } from './apply-overrides.js';
import { DEFAULT_ARRIVAL_MODELS, DEFAULT_PRICE_MODELS, DEFAULT_REWARDS } from './part-defaults.js';
import { EnvConfigError } from './validate-config.js';

const base = DEFAULT_ENV_CONFIG;

describe('applyOverrides', () => {
  it('with no overrides (or {}) gives an equal, unfrozen, unaliased copy', () => {
    for (const out of [applyOverrides(base), applyOverrides(base, {})]) {
      expect(out).toEqual(base);
      expect(out).not.toBe(base);
      expect(Object.isFrozen(out)).toBe(false);
      expect(out.observation.features).not.toBe(base.observation.features);
      out.observation.features.push('regime');
      out.price = { kind: 'gbm', sigma: 1, mu: 0 };
    }
    expect(base.observation.features).toEqual(['inventory', 'time']);
  });

  it('merges nested objects field by field, replaces arrays and scalars, skips undefined', () => {
    const out = applyOverrides(base, { s0: 50, fees: { makerBps: 3 }, observation: { features: ['time'], volWindow: undefined }, gamma: undefined } as unknown as EnvOverrides);
    expect(out.s0).toBe(50);
    expect(out.fees).toEqual({ makerPerUnit: 0, makerBps: 3 });
    expect(out.observation).toEqual({ features: ['time'], returnsWindow: 5, volWindow: 20 });
    expect(out.gamma).toBe(0.1);
    // reward.phi: null replaced by a number, and back
    const withPhi = applyOverrides(base, { reward: { phi: 0.3 } });
    expect(withPhi.reward).toEqual({ kind: 'running-penalty', phi: 0.3, terminalPenalty: 0 });
    expect(applyOverrides(withPhi, { reward: { phi: null } }).reward).toEqual(DEFAULT_REWARDS['running-penalty']);
  });

  it('keeps the part when the override repeats its kind, merging onto it', () => {
    const calm = applyOverrides(base, { price: { sigma: 7 } });
    expect(applyOverrides(calm, { price: { kind: 'brownian', mu: 1 } }).price).toEqual({ kind: 'brownian', sigma: 7, mu: 1, binomial: false });
  });

  it('rebuilds a part from the new variant\'s defaults when its kind or mode changes: no old field leaks', () => {
    const custom = applyOverrides(base, { price: { sigma: 7, mu: 3 }, arrivals: { A: 99 } });
    const ou = applyOverrides(custom, { price: { kind: 'ou', kappa: 2 } });
    expect(ou.price).toEqual({ ...DEFAULT_PRICE_MODELS.ou, kappa: 2 }); // sigma 2 from the ou default, not 7
    expect(ou.arrivals).toEqual({ kind: 'exponential', A: 99, k: 1.5 }); // other parts untouched
    const hawkes = applyOverrides(custom, { arrivals: { kind: 'hawkes' } });
    expect(hawkes.arrivals).toEqual(DEFAULT_ARRIVAL_MODELS.hawkes);
    const cara = applyOverrides(base, { reward: { kind: 'cara', terminalPenalty: 1 } });
    expect(cara.reward).toEqual({ kind: 'cara', terminalPenalty: 1 });
    expect('phi' in cara.reward).toBe(false);
    const grid = applyOverrides(base, { action: { mode: 'discrete', grid: [1, 2] } });
    expect(grid.action).toEqual({ mode: 'discrete', grid: [1, 2] });
    const rs = applyOverrides(base, { price: { kind: 'regime-switching' } });
    expect(rs.price).toEqual(DEFAULT_PRICE_MODELS['regime-switching']);
    if (rs.price.kind === 'regime-switching') {
      expect(Object.isFrozen(rs.price.regimes)).toBe(false); // a copy of the frozen default
      rs.price.regimes[0]!.sigma = 99;
    }
    expect(DEFAULT_PRICE_MODELS['regime-switching'].regimes[0]!.sigma).toBe(2);
  });

  it('refuses an unknown kind or mode naming the field, the allowed values and the value', () => {
    const err = (() => {
      try {
        applyOverrides(base, { price: { kind: 'heston' } } as never);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(EnvConfigError);
    expect((err as EnvConfigError).field).toBe('price.kind');
    expect((err as Error).message).toBe('price.kind must be one of "brownian", "gbm", "ou", "jump", "regime-switching", got "heston"');
    expect(() => applyOverrides(base, { action: { mode: 7 } } as never)).toThrow('action.mode must be one of "normalized-depths", "depths", "spread-skew", "discrete", got 7');
    expect(() => applyOverrides(base, { arrivals: { kind: 'toString' } } as never)).toThrow('arrivals.kind must be one of "exponential", "power-law", "hawkes", "random-exponential", got "toString"');
  });

  it('refuses overrides that are not an object, naming them', () => {
    for (const bad of [null, 3, 'x', [1]]) {
      expect(() => applyOverrides(base, bad as never)).toThrow(EnvConfigError);
    }
    expect(() => applyOverrides(base, 3 as never)).toThrow('overrides must be an object, got 3');
  });

  it('does not validate: unknown fields and out-of-range values pass through to the validator', () => {
    const out = applyOverrides(base, { dt: -1, extra: { a: 1 } } as never) as EnvConfig & { extra: unknown };
    expect(out.dt).toBe(-1);
    expect(out.extra).toEqual({ a: 1 });
  });

  it('does not mutate the overrides, and the output does not alias them', () => {
    const over: EnvOverrides = { observation: { features: ['time'] }, price: { kind: 'gbm', sigma: 0.1 } };
    const copy = structuredClone(over);
    const out = applyOverrides(base, over);
    expect(over).toEqual(copy);
    out.observation.features.push('inventory');
    expect(over.observation!.features).toEqual(['time']);
  });
});

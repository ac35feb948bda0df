/** `--set` parsing: every alias maps to its config path, values parse by type, errors name the flag. (The combined happy path is in baseline-report.test.ts.) */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { BaselineParameterError } from './errors.js';
import { SET_ALIASES, parseSetOverrides } from './env-overrides.js';

describe('parseSetOverrides', () => {
  it('every alias lands on a real config field (resolveEnvConfig takes the value)', () => {
    const vals: Record<string, string> = { k: '2', A: '100', sigma: '3', mu: '0.5', gamma: '0.2', Q: '10', T: '2', dt: '0.01', phi: '0.3', alpha: '0.4', s0: '50', q0: '1', maxDepth: '4' };
    expect(Object.keys(SET_ALIASES).sort()).toEqual(Object.keys(vals).sort());
    for (const [name, v] of Object.entries(vals)) {
      const over = parseSetOverrides([`${name}=${v}`]);
      const c = resolveEnvConfig('default', over) as unknown as Record<string, unknown>;
      const path = SET_ALIASES[name]!.split('.');
      let x: unknown = c;
      for (const p of path) x = (x as Record<string, unknown>)[p];
      expect(x, name).toBe(Number(v));
    }
  });
  it('values: numbers (also exponent and negative), booleans, null, JSON, else trimmed strings; later items win', () => {
    expect(parseSetOverrides([' gamma = 1e-2 ', 's0=-3', 'price.binomial=false', 'reward.phi=null', 'reward.kind= pnl ', 'x.y=', 'gamma=0.5'])).toEqual({
      gamma: 0.5,
      s0: -3,
      price: { binomial: false },
      reward: { phi: null, kind: 'pnl' },
      x: { y: '' },
    });
    expect(parseSetOverrides(['a={"b":[1,"c"]}'])).toEqual({ a: { b: [1, 'c'] } });
    expect(parseSetOverrides(['label=Infinity'])).toEqual({ label: 'Infinity' });
    expect(parseSetOverrides([])).toEqual({});
  });
  it('errors name --set and the item', () => {
    for (const bad of ['=3', 'k', '']) {
      expect(() => parseSetOverrides([bad])).toThrow(BaselineParameterError);
      expect(() => parseSetOverrides([bad])).toThrow(`got ${JSON.stringify(bad)}`);
    }
    expect(() => parseSetOverrides(['a={b}'])).toThrow('--set value {b} starts like JSON but does not parse');
    expect(() => parseSetOverrides(['__proto__.x=1'])).toThrow(/__proto__/);
  });
});

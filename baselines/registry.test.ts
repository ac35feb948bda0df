/** The registry: every name builds the policy of that name, parameters reach the policy that reads them, the rest are refused by name. */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { asSymmetricPolicy, avellanedaStoikovPolicy } from './avellaneda-stoikov.js';
import { BaselineParameterError } from './errors.js';
import { fixedSpreadPolicy } from './fixed-spread.js';
import { glftAsymptoticPolicy } from './glft-asymptotic.js';
import { gueantPolicy } from './gueant.js';
import { inventorySkewPolicy } from './inventory-skew.js';
import { randomPolicy } from './random.js';
import { BASELINE_NAMES, isBaselineName, makeBaselinePolicy } from './registry.js';

const config = resolveEnvConfig('default', { maxInventory: 10, horizon: 0.1 });
const obs = Float32Array.from([-0.5, 0.1, 0, 0.5, 0.8, 0.95]);

describe('makeBaselinePolicy', () => {
  it('isBaselineName knows exactly the listed names', () => {
    for (const n of BASELINE_NAMES) expect(isBaselineName(n)).toBe(true);
    for (const n of ['HJB', 'hjb ', '', 'optimal', 'fixed-spread']) expect(isBaselineName(n)).toBe(false);
    expect(new Set(BASELINE_NAMES).size).toBe(BASELINE_NAMES.length);
  });
  it('each name builds the policy of that name', () => {
    for (const n of BASELINE_NAMES) {
      const c = n === 'hjb-regime' ? resolveEnvConfig('regime-risk', { maxInventory: 10, horizon: 0.1 }) : config;
      expect(makeBaselinePolicy(n, c).name).toBe(n);
    }
  });
  it('dispatches to the right builder with the right variant and parameters', () => {
    const same = (a: { act: (o: Float32Array, b: number) => Float32Array }, b: { act: (o: Float32Array, b: number) => Float32Array }): void => expect(Array.from(a.act(obs, 3))).toEqual(Array.from(b.act(obs, 3)));
    same(makeBaselinePolicy('hjb', config), gueantPolicy(config, { variant: 'running-penalty' }));
    same(makeBaselinePolicy('hjb-cara', config), gueantPolicy(config, { variant: 'cara' }));
    same(makeBaselinePolicy('as', config), avellanedaStoikovPolicy(config));
    same(makeBaselinePolicy('as-symmetric', config), asSymmetricPolicy(config));
    same(makeBaselinePolicy('fixed', config, { halfSpread: 0.9 }), fixedSpreadPolicy(config, { halfSpread: 0.9 }));
    same(makeBaselinePolicy('skew', config, { halfSpread: 0.9, skewPerUnit: 0.2 }), inventorySkewPolicy(config, { halfSpread: 0.9, skewPerUnit: 0.2 }));
    same(makeBaselinePolicy('skew', config, { skewPerUnit: 0.2 }), inventorySkewPolicy(config, { skewPerUnit: 0.2 }));
    same(makeBaselinePolicy('glft-asymptotic', config, { variant: 'cara' }), glftAsymptoticPolicy(config, { variant: 'cara' }));
    same(makeBaselinePolicy('random', config, { seed: 5 }), randomPolicy(config, { seed: 5 }));
    // the parameters matter: other values give other actions
    expect(Array.from(makeBaselinePolicy('fixed', config, { halfSpread: 0.9 }).act(obs, 3))).not.toEqual(Array.from(makeBaselinePolicy('fixed', config).act(obs, 3)));
    expect(Array.from(makeBaselinePolicy('hjb-cara', config).act(obs, 3))).not.toEqual(Array.from(makeBaselinePolicy('hjb', config).act(obs, 3)));
  });
  it('refuses unknown names and parameters the policy does not read, naming them; undefined parameters are ignored', () => {
    let e: unknown;
    try {
      makeBaselinePolicy('fixed', config, { seed: 3 });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(BaselineParameterError);
    expect((e as BaselineParameterError).field).toBe('seed');
    expect((e as Error).message).toBe('parameter seed is not used by the fixed policy (accepted: halfSpread)');
    expect(() => makeBaselinePolicy('skew', config, { variant: 'cara' })).toThrow('parameter variant is not used by the skew policy (accepted: halfSpread, skewPerUnit)');
    expect(() => makeBaselinePolicy('none', config, { halfSpread: 1 })).toThrow('parameter halfSpread is not used by the none policy (accepted: none)');
    expect(() => makeBaselinePolicy('as', config, { halfSpread: undefined } as never)).not.toThrow();
    expect(() => makeBaselinePolicy('Fixed', config)).toThrow(/policy must be one of hjb, .*, got "Fixed"/);
  });
});

/**
 * hjb-regime checked against its definition (each regime's quotes are the HJB of a Brownian mid
 * with that regime's sigma), against the plain HJB where the regimes share one sigma, against the
 * exact optimum (between V_HJB and V* in regime-risk) and by Monte Carlo in the simulator.
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { hasObservedRegimes, regimeHjbConfig } from './hjb-regime.js';
import { makeBaselinePolicy } from './registry.js';
import { priorCheck } from './test-utils/prior-check.js';

/** Observation rows [q/Q, t/T, calm, stressed]. */
function rows(regime: 0 | 1): Float32Array {
  const qs = [-0.6, -0.2, 0, 0.04, 0.5, 1];
  const ts = [0, 0.3, 0.97];
  const out: number[] = [];
  for (const q of qs) for (const t of ts) out.push(q, t, regime === 0 ? 1 : 0, regime === 1 ? 1 : 0);
  return Float32Array.from(out);
}

describe('hjb-regime', () => {
  it('quotes each regime as the HJB of a Brownian mid with that regime\'s sigma', () => {
    const c = resolveEnvConfig('regime-risk');
    const p = makeBaselinePolicy('hjb-regime', c);
    for (const r of [0, 1] as const) {
      const per = { ...regimeHjbConfig(c, r), observation: { ...c.observation, features: ['inventory', 'time'] as const } };
      const hjb = makeBaselinePolicy('hjb', per as never);
      const obs = rows(r);
      const two = new Float32Array((obs.length / 4) * 2);
      for (let i = 0; i < obs.length / 4; i++) two.set(obs.subarray(4 * i, 4 * i + 2), 2 * i);
      expect(Array.from(p.act(obs, obs.length / 4))).toEqual(Array.from(hjb.act(two, two.length / 2)));
    }
  });

  it('equals the plain HJB when the regimes share one sigma', () => {
    const c = resolveEnvConfig('regime-risk', { price: { regimes: [{ name: 'calm', mu: 0, sigma: 2 }, { name: 'stressed', mu: 0, sigma: 2 }] } });
    const a = makeBaselinePolicy('hjb', c);
    const b = makeBaselinePolicy('hjb-regime', c);
    for (const r of [0, 1] as const) expect(Array.from(b.act(rows(r), 18))).toEqual(Array.from(a.act(rows(r), 18)));
  });

  it('lies between the HJB policy and the exact optimum in regime-risk, and Monte Carlo agrees with its exact value', () => {
    const { vStar, hjb, exact, z } = priorCheck('regime-risk', 'hjb-regime', 90_000);
    expect(exact).toBeGreaterThan(hjb);
    expect(exact).toBeLessThan(vStar);
    expect(Math.abs(z)).toBeLessThanOrEqual(3);
  });

  it('is refused where there is no observed regime, naming the field', () => {
    expect(hasObservedRegimes(resolveEnvConfig('regime-risk'))).toBe(true);
    expect(hasObservedRegimes(resolveEnvConfig('default'))).toBe(false);
    expect(() => makeBaselinePolicy('hjb-regime', resolveEnvConfig('default'))).toThrow(/price.kind must be "regime-switching" for the hjb-regime policy, got "brownian"/);
    const hidden = resolveEnvConfig('regime-risk', { observation: { features: ['inventory', 'time'] } });
    expect(() => makeBaselinePolicy('hjb-regime', hidden)).toThrow(/observation.features must include "regime" for the hjb-regime policy/);
  });
});

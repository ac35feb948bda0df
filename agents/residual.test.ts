/**
 * residualOn (residual.ts): the base of a residual agent is the named baseline built for the env
 * config (it acts exactly as makeBaselinePolicy's), and an unknown name is refused by the registry.
 */
import { describe, expect, it } from 'vitest';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { makeVec } from '../env/registry.js';
import { residualOn } from './residual.js';

describe('residualOn', () => {
  it('returns the name and the baseline policy for the config', () => {
    const env = makeVec('as2008', { numEnvs: 3 });
    const obs = Float32Array.from(env.reset({ seed: 11 }).observations);
    for (const name of ['hjb', 'as']) {
      const r = residualOn(name, env.config);
      expect(r.name).toBe(name);
      const want = makeBaselinePolicy(name, env.config as never).act(obs, 3, { deterministic: true });
      expect(Array.from(r.policy.act(obs, 3, { deterministic: true }))).toEqual(Array.from(want));
    }
    expect(() => residualOn('nope', env.config)).toThrow(/policy must be one of .*got "nope"/);
  });
});

/**
 * registry.ts's own contract: make() is the AS-2008 simulator env; make / makeVec take an id, a
 * preset name or a full config (validated, the overrides merged onto it, the caller's object
 * untouched); options reach the env; unknown option keys are refused by assertKnownOptions with
 * the known list and, for config fields, a hint. (Prefixed ids and resolvers: id-resolvers.test.ts;
 * replay ids: replay.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from './config.js';
import { MarketMakingEnv } from './market-making-env.js';
import { assertKnownOptions, make, makeVec, resolveEnvConfig } from './registry.js';
import { MarketMakingVectorEnv } from './vector-env.js';

const calm = (): EnvConfig => structuredClone(resolveEnvConfig('calm')) as EnvConfig;

describe('make', () => {
  it('with no arguments is the AS-2008 simulator env, the same trajectory as a MarketMakingEnv on its config', () => {
    const e = make();
    expect(e).toBeInstanceOf(MarketMakingEnv);
    expect(e.config).toEqual(DEFAULT_ENV_CONFIG);
    const direct = new MarketMakingEnv(resolveEnvConfig('as2008'));
    e.reset({ seed: 4 });
    direct.reset({ seed: 4 });
    for (let k = 0; k < 20; k++) expect(e.step([0.1, -0.2]).reward).toBe(direct.step([0.1, -0.2]).reward);
  });

  it('takes a full config: validated, overrides merged onto it, the caller\'s object unchanged', () => {
    const c = calm();
    c.gamma = 0.3;
    const before = structuredClone(c);
    const e = make(c, { arrivals: { k: 2 } });
    expect(e.config.gamma).toBe(0.3);
    expect(e.config.arrivals).toEqual({ kind: 'exponential', A: 140, k: 2 });
    expect(c).toEqual(before);
    expect(Object.isFrozen(e.config)).toBe(true);
    expect(() => make({ ...calm(), dt: 5 })).toThrow(/^dt must be > 0 and < 1, got 5/);
    expect(() => make(calm(), { gamma: -1 })).toThrow(/gamma/);
  });

  it('passes maxEpisodeSteps to the env', () => {
    const e = make('calm', undefined, { maxEpisodeSteps: 3 });
    expect(e.maxEpisodeSteps).toBe(3);
    e.reset({ seed: 1 });
    e.step([0, 0]);
    e.step([0, 0]);
    expect(e.step([0, 0]).truncated).toBe(true);
  });
});

describe('makeVec', () => {
  it('builds the simulator vector env from an id or a config, with the overrides and the limit', () => {
    const v = makeVec('mmgym/Hawkes-v0', { numEnvs: 3, overrides: { gamma: 0.2 }, maxEpisodeSteps: 7 });
    expect(v).toBeInstanceOf(MarketMakingVectorEnv);
    expect([v.numEnvs, v.maxEpisodeSteps, v.config.gamma, v.config.arrivals.kind]).toEqual([3, 7, 0.2, 'hawkes']);
    const w = makeVec(calm(), { numEnvs: 2 });
    expect(w.config).toEqual(resolveEnvConfig('calm'));
    expect(w.maxEpisodeSteps).toBe(Infinity);
    expect(() => makeVec('calm', { numEnvs: 0 })).toThrow('numEnvs must be an integer >= 1, got 0');
    expect(() => makeVec('mmgym/Nope-v0', { numEnvs: 1 })).toThrow(/unknown environment id or preset "mmgym\/Nope-v0"/);
  });
});

describe('assertKnownOptions', () => {
  it('passes known keys and refuses the first unknown one, with the known list; config fields get a hint', () => {
    expect(() => assertKnownOptions({ a: 1 }, ['a', 'b'], 'fn')).not.toThrow();
    expect(() => assertKnownOptions({}, [], 'fn')).not.toThrow();
    expect(() => assertKnownOptions({ c: 1 }, ['a', 'b'], 'fn')).toThrow('fn: unknown option "c"; known: a, b');
    expect(() => assertKnownOptions({ gamma: 1 }, ['a'], 'fn')).toThrow('fn: unknown option "gamma"; known: a (config fields such as "gamma" go in overrides: { gamma: ... })');
  });

  it('refuses options that are not an object', () => {
    expect(() => assertKnownOptions(null as never, ['a'], 'make')).toThrow('make: options must be an object, got null');
    expect(() => assertKnownOptions(5 as never, ['a'], 'makeVec')).toThrow('makeVec: options must be an object, got 5');
  });
});

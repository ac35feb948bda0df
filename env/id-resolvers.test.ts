import { describe, expect, it } from 'vitest';
import type { EnvConfig } from './config.js';
import { envIdPrefixes, findEnvIdResolver, registerEnvIdResolver } from './id-resolvers.js';
import { MarketMakingEnv } from './market-making-env.js';
import { PRESETS } from './presets.js';
import { make, makeVec } from './registry.js';
import { resolveEnvConfig } from './resolve-config.js';
import { MarketMakingVectorEnv } from './vector-env.js';

const calm = (): EnvConfig => structuredClone(PRESETS.calm) as EnvConfig;

describe('env id resolvers', () => {
  it('has the built-in prefixes registered for a user of registry.ts / resolve-config.ts alone', () => {
    expect(envIdPrefixes()).toEqual(expect.arrayContaining(['replay:', 'calibrated:']));
    expect(findEnvIdResolver('replay:data/x?from=0.6')?.prefix).toBe('replay:');
    expect(findEnvIdResolver('calibrated:params.json')?.prefix).toBe('calibrated:');
    expect(findEnvIdResolver('calm')).toBeUndefined();
    expect(findEnvIdResolver('mmgym/AvellanedaStoikov-v0')).toBeUndefined();
  });

  it('sends a user prefix to its resolver: resolveEnvConfig applies the overrides, make / makeVec build the simulator on it', () => {
    const seen: string[] = [];
    registerEnvIdResolver({
      prefix: 'mine:',
      config: (id) => {
        seen.push(id);
        return calm();
      },
    });
    expect(resolveEnvConfig('mine:x')).toEqual(resolveEnvConfig('calm'));
    expect(resolveEnvConfig('mine:x', { gamma: 0.3 })).toEqual(resolveEnvConfig('calm', { gamma: 0.3 }));
    const vec = makeVec('mine:x', { numEnvs: 3, overrides: { gamma: 0.2 } });
    expect(vec).toBeInstanceOf(MarketMakingVectorEnv);
    expect(vec.numEnvs).toBe(3);
    expect(vec.config).toEqual(resolveEnvConfig('calm', { gamma: 0.2 }));
    const env = make('mine:y', undefined, { maxEpisodeSteps: 5 });
    expect(env).toBeInstanceOf(MarketMakingEnv);
    expect(env.config).toEqual(resolveEnvConfig('calm'));
    expect(seen).toEqual(['mine:x', 'mine:x', 'mine:x', 'mine:y']);
    // the config a resolver returns is validated as any other
    registerEnvIdResolver({ prefix: 'broken:', config: () => ({ ...calm(), gamma: -1 }) });
    expect(() => resolveEnvConfig('broken:z')).toThrow(/gamma/);
  });

  it("uses a resolver's own make / makeVec when it has them", () => {
    const built: string[] = [];
    registerEnvIdResolver({
      prefix: 'own:',
      config: calm,
      make: (id, overrides, opts) => {
        built.push(`make ${id}`);
        return new MarketMakingEnv(resolveEnvConfig('calm', overrides), opts);
      },
      makeVec: (id, opts) => {
        built.push(`makeVec ${id} ${opts.numEnvs}`);
        return new MarketMakingVectorEnv(resolveEnvConfig('calm', opts.overrides), { numEnvs: opts.numEnvs });
      },
    });
    expect(make('own:a', { gamma: 0.4 }).config.gamma).toBe(0.4);
    expect(makeVec('own:b', { numEnvs: 2 }).numEnvs).toBe(2);
    expect(built).toEqual(['make own:a', 'makeVec own:b 2']);
  });

  it('refuses a prefix registered twice, naming it, and a malformed prefix', () => {
    registerEnvIdResolver({ prefix: 'twice:', config: calm });
    expect(() => registerEnvIdResolver({ prefix: 'twice:', config: calm })).toThrow(/env id prefix "twice:" is already registered/);
    expect(() => registerEnvIdResolver({ prefix: 'replay:', config: calm })).toThrow(/env id prefix "replay:" is already registered/);
    expect(() => registerEnvIdResolver({ prefix: 'nocolon', config: calm })).toThrow(/prefix must be a name followed by a colon/);
    expect(() => registerEnvIdResolver({ prefix: 'a:b:', config: calm })).toThrow(/prefix must be a name followed by a colon/);
    expect(() => registerEnvIdResolver({ prefix: 'noconfig:' } as never)).toThrow(/needs a config\(id\) function/);
  });

  it('keeps the error of an unknown id, prefix-like or not', () => {
    expect(() => resolveEnvConfig('nope:x')).toThrow(/unknown environment id or preset "nope:x"; known: mmgym\/AvellanedaStoikov-v0/);
    expect(() => makeVec('nope:x', { numEnvs: 1 })).toThrow(/unknown environment id or preset "nope:x"/);
    expect(() => make('nope:x')).toThrow(/unknown environment id or preset "nope:x"/);
  });
});

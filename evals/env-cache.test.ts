import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { envCache } from './env-cache.js';
import { runEpisodes } from './run-episodes.js';
import { constantDepthPolicy, skewPolicy } from './test-utils/simple-policies.js';

describe('envCache', () => {
  it('reusing one env across policies gives the same results as fresh envs', () => {
    const config = resolveEnvConfig('default', { horizon: 0.2 });
    const a = skewPolicy(config, 0.7, 1.5);
    const b = constantDepthPolicy(config, 0.9);
    const cache = envCache('default', { horizon: 0.2 });
    expect(cache.config()).toEqual(config);
    const opts = { episodes: 7, seed: 4, batchSize: 3, makeEnv: cache.makeEnv };
    const a1 = runEpisodes(a, config, opts);
    const b1 = runEpisodes(b, config, opts);
    const a2 = runEpisodes(a, config, opts);
    cache.closeAll();
    expect(a1.returns).toEqual(runEpisodes(a, config, { episodes: 7, seed: 4 }).returns);
    expect(b1.returns).toEqual(runEpisodes(b, config, { episodes: 7, seed: 4 }).returns);
    expect(a2.returns).toEqual(a1.returns);
  });
});

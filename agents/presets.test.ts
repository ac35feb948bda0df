import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../models/backend.js';
import { A2C } from './a2c.js';
import { makeVec } from '../env/registry.js';
import { PPO } from './ppo.js';
import { A2C_PRESETS, PPO_PRESETS } from './presets.js';
import { TargetEnv } from './test-utils/target-env.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('agent presets', () => {
  it('every preset is a valid config', () => {
    for (const p of Object.values(PPO_PRESETS)) {
      // factored actions need a depth grid (coarse-ticks' tick ladder)
      const factored = 'factoredActions' in p.config && p.config.factoredActions;
      const a = new PPO(factored ? makeVec('coarse-ticks', { numEnvs: p.numEnvs }) : new TargetEnv({ numEnvs: p.numEnvs }), p.config);
      if (factored) expect(a.ac.spec.distribution).toBe('multi-categorical');
      expect(a.config.nSteps * p.numEnvs).toBeGreaterThanOrEqual(a.config.batchSize);
      a.dispose();
    }
    for (const p of Object.values(A2C_PRESETS)) new A2C(new TargetEnv({ numEnvs: p.numEnvs }), p.config).dispose();
  });
});

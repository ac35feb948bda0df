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
      // the fill control variate needs the simulator's fill probabilities (liquidation's market)
      const fills = 'fillControlVariate' in p.config && p.config.fillControlVariate;
      const env = factored ? makeVec('coarse-ticks', { numEnvs: p.numEnvs }) : fills ? makeVec('liquidation', { numEnvs: p.numEnvs }) : new TargetEnv({ numEnvs: p.numEnvs });
      const a = new PPO(env, p.config);
      if (factored) expect(a.ac.spec.distribution).toBe('multi-categorical');
      expect(a.config.nSteps * p.numEnvs).toBeGreaterThanOrEqual(a.config.batchSize);
      a.dispose();
    }
    for (const p of Object.values(A2C_PRESETS)) new A2C(new TargetEnv({ numEnvs: p.numEnvs }), p.config).dispose();
  });
});

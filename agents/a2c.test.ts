import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../models/backend.js';
import { A2C } from './a2c.js';
import { targetError } from './test-utils/eval-target.js';
import { TargetEnv } from './test-utils/target-env.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('A2C', () => {
  it('improves on the 1-D target task in 8000 steps (0.33 -> < 0.2), RMSprop, one update per 5-step rollout', async () => {
    const agent = new A2C(new TargetEnv({ numEnvs: 8 }), { learningRate: 3e-3, seed: 3 });
    const start = targetError(agent.policy());
    let updates = 0;
    let tensors: number[] = [];
    await agent.learn({
      totalTimesteps: 8000,
      callbacks: {
        onUpdate: (m) => {
          updates++;
          if (updates % 50 === 0) tensors.push(tf.memory().numTensors);
          expect(m['train/approx_kl']).toBeUndefined();
        },
      },
    });
    const end = targetError(agent.policy());
    console.log(`A2C target squared error: start ${start.toFixed(4)}, after 8000 steps ${end.toFixed(4)} (threshold 0.2); updates ${updates}`);
    expect(updates).toBe(200);
    expect(end).toBeLessThan(0.2);
    tensors = tensors.slice(1);
    expect(new Set(tensors).size).toBe(1);
    expect(agent.stateForSave().optimizer.kind).toBe('rmsprop');
    agent.dispose();
  });

  it('same seed => bit-identical parameters', async () => {
    const run = async (): Promise<number[]> => {
      const a = new A2C(new TargetEnv({ numEnvs: 2 }), { seed: 11 });
      await a.learn({ totalTimesteps: 200 });
      const p = Array.from(a.ac.params);
      a.dispose();
      return p;
    };
    expect(await run()).toEqual(await run());
  });
});

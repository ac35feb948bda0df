import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, selectBackend } from './backend.js';

describe('selectBackend', () => {
  it('falls back past the absent tfjs-node to wasm and says why', async () => {
    const choice = await selectBackend();
    console.log('selected', choice);
    // tfjs-node is an optionalDependency that is not installed here.
    expect(choice.name).toBe('wasm');
    expect(choice.reason).toMatch(/node:/);
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.env().getBool('WASM_HAS_SIMD_SUPPORT')).toBe(true);
    const y = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(y).toBe(11);
  });

  it('fails clearly when a forced backend is unavailable, and honours an available one', async () => {
    await expect(selectBackend('node')).rejects.toThrow(BackendUnavailableError);
    await expect(selectBackend('node')).rejects.toThrow(/backend 'node' is unavailable/);
    await expect(selectBackend('gpu' as 'cpu')).rejects.toThrow(/one of node \| wasm \| cpu, got 'gpu'/);
    expect((await selectBackend('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect((await selectBackend('wasm')).name).toBe('wasm');
  });
});

import { describe, expect, it } from 'vitest';
import { autoWorkers, gradientRows } from './workers.js';
import { applyPreset, defaultTrainOptions } from './train-options.js';

describe('automatic worker count', () => {
  it('two threads only where each gets >= 512 rows of a gradient (measured: smaller chunks gain nothing)', () => {
    const ppo = defaultTrainOptions('ppo');
    expect(gradientRows(ppo)).toBe(256);
    expect(autoWorkers(ppo, 2).workers).toBe(1);
    const throughput = applyPreset(defaultTrainOptions('ppo'), 'throughput');
    expect(gradientRows(throughput)).toBe(2048);
    expect(autoWorkers(throughput, 2).workers).toBe(2);
    expect(autoWorkers(throughput, 1).workers).toBe(1);
    expect(autoWorkers(throughput, 16).workers).toBe(2);
    expect(autoWorkers(throughput, 2).reason).toMatch(/automatic: 2 cores available, gradients of 2048 rows/);
    const a2c = defaultTrainOptions('a2c');
    expect(gradientRows(a2c)).toBe(8 * 16);
  });
});

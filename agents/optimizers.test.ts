import { describe, expect, it } from 'vitest';
import { Adam, RMSprop, clipGradNorm } from './optimizers.js';

describe('Adam (torch rule)', () => {
  it('matches two hand-computed steps', () => {
    const p = new Float32Array([1, -2]);
    const g = new Float32Array([0.5, -4]);
    const opt = new Adam(2, { eps: 1e-5 });
    opt.step(p, g, 0.1);
    // Step 1: m = 0.1 g, v = 0.001 g^2; mhat = g, vhat = g^2 -> p -= lr * g / (|g| + eps).
    expect(p[0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-5), 6);
    expect(p[1]).toBeCloseTo(-2 + (0.1 * 4) / (4 + 1e-5), 6);
    const p1 = Float32Array.from(p);
    opt.step(p, g, 0.1);
    // Step 2 with the same g: m = 0.19 g, v = 0.001999 g^2; bias corrections 0.19, 0.001999.
    for (let i = 0; i < 2; i++) {
      const m = 0.19 * g[i]!;
      const v = (0.999 * 0.001 + 0.001) * g[i]! ** 2;
      const expected = p1[i]! - ((0.1 / 0.19) * m) / (Math.sqrt(v) / Math.sqrt(1 - 0.999 ** 2) + 1e-5);
      expect(p[i]).toBeCloseTo(expected, 5);
    }
  });

  it('round-trips its state', () => {
    const a = new Adam(3);
    const p = new Float32Array(3);
    a.step(p, new Float32Array([1, 2, 3]), 0.01);
    const b = new Adam(3);
    b.loadState(JSON.parse(JSON.stringify(a.state())));
    const pa = Float32Array.from(p);
    const pb = Float32Array.from(p);
    a.step(pa, new Float32Array([1, -1, 0.5]), 0.01);
    b.step(pb, new Float32Array([1, -1, 0.5]), 0.01);
    expect(Array.from(pb)).toEqual(Array.from(pa));
  });
});

describe('RMSprop (torch rule)', () => {
  it('matches a hand-computed step', () => {
    const p = new Float32Array([1]);
    new RMSprop(1, { alpha: 0.99, eps: 1e-5 }).step(p, new Float32Array([2]), 0.01);
    // v = 0.01 * 4 = 0.04; p -= 0.01 * 2 / (0.2 + 1e-5)
    expect(p[0]).toBeCloseTo(1 - 0.02 / (0.2 + 1e-5), 6);
  });
});

describe('clipGradNorm', () => {
  it('scales to the max norm and leaves small gradients alone', () => {
    const g = new Float32Array([3, 4]);
    expect(clipGradNorm(g, 1)).toBeCloseTo(5, 6);
    expect(Math.hypot(g[0]!, g[1]!)).toBeCloseTo(1, 5);
    const h = new Float32Array([0.3, 0.4]);
    clipGradNorm(h, 1);
    expect(Array.from(h)).toEqual([Math.fround(0.3), Math.fround(0.4)]);
  });
});

/** Advantage normalisation: the header's formula, with the unbiased std. */
import { describe, expect, it } from 'vitest';
import { normalizeAdvantages } from './advantages.js';

describe('normalizeAdvantages', () => {
  it('(A - mean) / (unbiased std + 1e-8), in place', () => {
    const a = Float32Array.of(1, 2, 3, 4);
    normalizeAdvantages(a);
    // mean 2.5, unbiased variance (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5 / 3.
    const std = Math.sqrt(5 / 3);
    expect(Array.from(a)).toEqual([-1.5, -0.5, 0.5, 1.5].map((d) => Math.fround(d / (std + 1e-8))));
  });

  it('leaves mean 0 and unbiased std 1 (to float32 rounding)', () => {
    const a = Float32Array.from({ length: 257 }, (_, i) => 3 + 10 * Math.sin(i * 1.7));
    normalizeAdvantages(a);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    const variance = a.reduce((s, x) => s + (x - mean) ** 2, 0) / (a.length - 1);
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(1e-6);
  });

  it('maps constant advantages to 0 (the 1e-8 keeps the division finite)', () => {
    const a = new Float32Array(5).fill(0.7);
    normalizeAdvantages(a);
    expect(Array.from(a)).toEqual([0, 0, 0, 0, 0]);
  });
});

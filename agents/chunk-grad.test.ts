/**
 * The data-parallel combination helpers (chunk-grad.ts): chunk boundaries (every row once, sizes
 * as equal as possible, larger first), minibatch slices as views of the same memory, and the
 * weighted accumulation. (chunkLossAndGrad against the one-pass gradient: grad-workers.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { accumulate, chunkBounds, sliceMinibatch } from './chunk-grad.js';
import { RolloutBuffer } from './rollout-buffer.js';

describe('chunkBounds', () => {
  it('hand cases', () => {
    expect(chunkBounds(10, 3)).toEqual([0, 4, 7, 10]);
    expect(chunkBounds(9, 3)).toEqual([0, 3, 6, 9]);
    expect(chunkBounds(5, 1)).toEqual([0, 5]);
    expect(chunkBounds(5, 0)).toEqual([0, 5]); // at least one part
    expect(chunkBounds(0, 3)).toEqual([0, 0]);
    expect(chunkBounds(3, 8)).toEqual([0, 1, 2, 3]); // never an empty chunk
  });

  it('for every m and parts: starts at 0, ends at m, min(parts, m) non-empty chunks whose sizes differ by at most 1, larger first', () => {
    for (let m = 1; m <= 40; m++) {
      for (let parts = 1; parts <= 9; parts++) {
        const b = chunkBounds(m, parts);
        expect(b[0]).toBe(0);
        expect(b.at(-1)).toBe(m);
        expect(b.length - 1).toBe(Math.min(parts, m));
        const sizes = b.slice(1).map((x, i) => x - b[i]!);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (let i = 1; i < sizes.length; i++) expect(sizes[i]!).toBeLessThanOrEqual(sizes[i - 1]!);
      }
    }
  });
});

describe('sliceMinibatch', () => {
  it('rows [lo, hi) of every array, as views (writes show through)', () => {
    const buf = new RolloutBuffer(1, 5, 3, 2);
    const mb = buf.allocMinibatch(5);
    mb.obs.forEach((_, i) => (mb.obs[i] = i));
    mb.actions.forEach((_, i) => (mb.actions[i] = 100 + i));
    for (let i = 0; i < 5; i++) {
      mb.oldLogProbs[i] = -i;
      mb.advantages[i] = 10 * i;
      mb.returns[i] = 20 * i;
      mb.oldValues[i] = 30 * i;
    }
    const s = sliceMinibatch(mb, 1, 3, 3, 2);
    expect(s.size).toBe(2);
    expect(Array.from(s.obs)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(Array.from(s.actions)).toEqual([102, 103, 104, 105]);
    expect(Array.from(s.oldLogProbs)).toEqual([-1, -2]);
    expect(Array.from(s.advantages)).toEqual([10, 20]);
    expect(Array.from(s.returns)).toEqual([20, 40]);
    expect(Array.from(s.oldValues)).toEqual([30, 60]);
    s.advantages[0] = -7;
    s.obs[5] = -8;
    expect(mb.advantages[1]).toBe(-7);
    expect(mb.obs[8]).toBe(-8);
    expect(sliceMinibatch(mb, 4, 4, 3, 2).size).toBe(0);
  });
});

describe('accumulate', () => {
  it('acc += weight * part, element by element, in place', () => {
    const acc = Float64Array.from([1, 2, 3]);
    accumulate(acc, [10, 20, 30], 0.25);
    expect(Array.from(acc)).toEqual([3.5, 7, 10.5]);
    accumulate(acc, Float32Array.from([1, 1, 1]), -1);
    expect(Array.from(acc)).toEqual([2.5, 6, 9.5]);
    // chunks of 3 and 1 rows with per-chunk means 2 and 6: the mean over the 4 rows is 3
    const g = new Float32Array(1);
    accumulate(g, [2], 3 / 4);
    accumulate(g, [6], 1 / 4);
    expect(g[0]).toBe(3);
  });
});

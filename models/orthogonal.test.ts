import { describe, expect, it } from 'vitest';
import { orthogonalMatrix } from './orthogonal.js';
import { SeededRandom } from './random.js';

function gram(m: Float32Array, rows: number, cols: number, byColumns: boolean): number[][] {
  const k = byColumns ? cols : rows;
  const n = byColumns ? rows : cols;
  const at = (v: number, i: number): number => (byColumns ? m[i * cols + v]! : m[v * cols + i]!);
  return Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += at(a, i) * at(b, i);
    return s;
  }));
}

describe('orthogonalMatrix', () => {
  for (const [rows, cols, gain] of [[64, 64, Math.SQRT2], [2, 64, Math.SQRT2], [64, 2, 0.01], [64, 1, 1]] as const) {
    it(`${rows}x${cols} gain ${gain}: orthogonal vectors of norm gain (tol 1e-5 relative)`, () => {
      const m = orthogonalMatrix(rows, cols, gain, SeededRandom.fromSeed(7));
      const g = gram(m, rows, cols, rows >= cols);
      let maxErr = 0;
      g.forEach((row, a) => row.forEach((v, b) => (maxErr = Math.max(maxErr, Math.abs(v - (a === b ? gain * gain : 0)) / (gain * gain)))));
      console.log(`${rows}x${cols}: max |G - gain^2 I| / gain^2 = ${maxErr}`);
      expect(maxErr).toBeLessThan(1e-5);
    });
  }

  it('is deterministic given the seed', () => {
    expect(orthogonalMatrix(8, 4, 1, SeededRandom.fromSeed(3))).toEqual(orthogonalMatrix(8, 4, 1, SeededRandom.fromSeed(3)));
    expect(orthogonalMatrix(8, 4, 1, SeededRandom.fromSeed(3))).not.toEqual(orthogonalMatrix(8, 4, 1, SeededRandom.fromSeed(4)));
  });
});

/**
 * Orthogonal initialisation (Saxe, McClelland & Ganguli 2014, "Exact solutions to the nonlinear
 * dynamics of learning in deep linear neural networks"), as torch.nn.init.orthogonal_ does it:
 * draw G ~ N(0, 1)^{rows x cols}, take the QR factorisation of the tall orientation, fix signs so
 * diag(R) > 0, and scale by `gain`. Stable-Baselines3 uses gain sqrt(2) for hidden layers, 0.01 for
 * the policy head and 1 for the value head.
 *
 * Here the QR is modified Gram–Schmidt in float64 (its R has a positive diagonal by construction,
 * so no sign fix is needed). Deterministic given the generator.
 */
import type { SeededRandom } from './random.js';

/**
 * A `rows x cols` matrix (row-major) whose rows (if rows <= cols) or columns (if rows >= cols) are
 * orthonormal, times `gain`.
 */
export function orthogonalMatrix(rows: number, cols: number, gain: number, rng: SeededRandom): Float32Array {
  const tall = rows >= cols;
  const m = tall ? rows : cols; // length of each vector
  const k = tall ? cols : rows; // number of orthonormal vectors
  const v = new Float64Array(m * k); // vector j at j*m
  for (let i = 0; i < v.length; i++) v[i] = rng.normal();
  for (let j = 0; j < k; j++) {
    const vj = j * m;
    for (let p = 0; p < j; p++) {
      const vp = p * m;
      let dot = 0;
      for (let i = 0; i < m; i++) dot += v[vj + i]! * v[vp + i]!;
      for (let i = 0; i < m; i++) v[vj + i] = v[vj + i]! - dot * v[vp + i]!;
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[vj + i]! * v[vj + i]!;
    norm = Math.sqrt(norm);
    if (!(norm > 1e-12)) throw new Error('orthogonalMatrix: degenerate Gaussian draw (norm 0)');
    for (let i = 0; i < m; i++) v[vj + i] = v[vj + i]! / norm;
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // tall: column c is vector c (entry r); wide: row r is vector r (entry c).
      out[r * cols + c] = gain * (tall ? v[c * m + r]! : v[r * m + c]!);
    }
  }
  return out;
}

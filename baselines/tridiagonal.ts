/**
 * Smallest eigenvalue of a symmetric tridiagonal matrix by Sturm-sequence bisection
 * (Golub & Van Loan, Matrix Computations, 4th ed., sec. 8.4.1): the number of negative pivots of
 * the LDL^T factorisation of (T - x I) equals the number of eigenvalues below x. Exact to a few
 * ulps, O(n) per bisection step, and no loss of accuracy in small eigenvector components (we
 * never form eigenvectors).
 */

/** Number of eigenvalues of the symmetric tridiagonal (diag, off) below x (Sturm count; an eigenvalue exactly at x, met as an exact zero pivot, is counted: what the bisection needs either way). */
export function countEigenvaluesBelow(diag: ArrayLike<number>, off: ArrayLike<number>, x: number): number {
  let count = 0;
  let d = 1;
  for (let i = 0; i < diag.length; i++) {
    const b = i === 0 ? 0 : (off[i - 1] as number);
    d = (diag[i] as number) - x - (i === 0 ? 0 : (b * b) / d);
    if (d === 0) d = -Number.EPSILON * (Math.abs(x) + 1); // perturb an exact zero pivot
    if (d < 0) count++;
  }
  return count;
}

/**
 * Smallest eigenvalue of the symmetric tridiagonal matrix with diagonal `diag` (length n) and
 * off-diagonal `off` (length n - 1), to absolute precision ~ 4 ulp of the spectrum's scale.
 */
export function smallestEigenvalueSymTridiag(diag: ArrayLike<number>, off: ArrayLike<number>): number {
  const n = diag.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = (i > 0 ? Math.abs(off[i - 1] as number) : 0) + (i < n - 1 ? Math.abs(off[i] as number) : 0);
    lo = Math.min(lo, (diag[i] as number) - r);
    hi = Math.max(hi, (diag[i] as number) + r);
  }
  // Gershgorin: all eigenvalues lie in [lo, hi]. Bisect on "at least one eigenvalue below x".
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (countEigenvaluesBelow(diag, off, mid) >= 1) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Sturm-sequence bisection against closed-form spectra: the Toeplitz tridiagonal (a on the
 * diagonal, b off it) has eigenvalues a + 2b cos(j pi / (n + 1)), j = 1..n, and a 2 x 2 block the
 * roots of its characteristic quadratic.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { countEigenvaluesBelow, smallestEigenvalueSymTridiag } from './tridiagonal.js';

const toeplitz = (n: number, a: number, b: number): [Float64Array, Float64Array] => [new Float64Array(n).fill(a), new Float64Array(n - 1).fill(b)];
const toeplitzSpectrum = (n: number, a: number, b: number): number[] => Array.from({ length: n }, (_, j) => a + 2 * b * Math.cos(((j + 1) * Math.PI) / (n + 1))).sort((x, y) => x - y);

describe('countEigenvaluesBelow', () => {
  it('counts the closed-form Toeplitz eigenvalues below x at points between them', () => {
    for (const [n, a, b] of [[7, 3, -1], [12, -2, 0.5], [1, 4, 0]] as const) {
      const [d, o] = toeplitz(n, a, b);
      const ev = toeplitzSpectrum(n, a, b);
      expect(countEigenvaluesBelow(d, o, ev[0]! - 1)).toBe(0);
      expect(countEigenvaluesBelow(d, o, ev[n - 1]! + 1)).toBe(n);
      for (let i = 0; i + 1 < n; i++) expect(countEigenvaluesBelow(d, o, 0.5 * (ev[i]! + ev[i + 1]!))).toBe(i + 1);
    }
  });
  it('a diagonal matrix: the number of diagonal entries below x (x off the spectrum)', () => {
    const d = [5, -1, 2, 2];
    const o = [0, 0, 0];
    expect(countEigenvaluesBelow(d, o, 1.9999999)).toBe(1);
    expect(countEigenvaluesBelow(d, o, 2.0000001)).toBe(3);
    expect(countEigenvaluesBelow(d, o, 0)).toBe(1);
    expect(countEigenvaluesBelow(d, o, 100)).toBe(4);
  });
});

describe('smallestEigenvalueSymTridiag', () => {
  it('matches a + 2b cos(n pi/(n+1)) for Toeplitz matrices to ~1e-13 relative', () => {
    for (const [n, a, b] of [[2, 1, 1], [10, 2, -1], [51, 0.3, 7], [200, -5, 0.01]] as const) {
      const [d, o] = toeplitz(n, a, b);
      const want = toeplitzSpectrum(n, a, b)[0]!;
      const got = smallestEigenvalueSymTridiag(d, o);
      expect(Math.abs(got - want)).toBeLessThan(1e-13 * (Math.abs(a) + 2 * Math.abs(b)));
    }
  });
  it('matches the 2 x 2 quadratic and a 1 x 1 matrix', () => {
    const [p, q, r] = [3, -1, 0.7];
    const want = 0.5 * (p + q) - Math.sqrt(0.25 * (p - q) ** 2 + r * r);
    expect(smallestEigenvalueSymTridiag([p, q], [r])).toBeCloseTo(want, 13);
    expect(smallestEigenvalueSymTridiag([4.25], [])).toBe(4.25);
  });
  it('random matrices: a lower bound of the Rayleigh quotient and a singular T - lambda I', () => {
    const rng = seedrandom('tridiag');
    for (let trial = 0; trial < 5; trial++) {
      const n = 6 + trial;
      const d = Array.from({ length: n }, () => rng() * 4 - 2);
      const o = Array.from({ length: n - 1 }, () => rng() * 2 - 1);
      const lam = smallestEigenvalueSymTridiag(d, o);
      // exactly one eigenvalue in [lam - eps, lam + eps] at the bottom: none below lam - eps
      expect(countEigenvaluesBelow(d, o, lam - 1e-10)).toBe(0);
      expect(countEigenvaluesBelow(d, o, lam + 1e-10)).toBeGreaterThanOrEqual(1);
      // Rayleigh quotient of random vectors is >= lambda_min
      for (let k = 0; k < 20; k++) {
        const x = Array.from({ length: n }, () => rng() - 0.5);
        let num = 0;
        let den = 0;
        for (let i = 0; i < n; i++) {
          num += d[i]! * x[i]! * x[i]! + (i + 1 < n ? 2 * o[i]! * x[i]! * x[i + 1]! : 0);
          den += x[i]! * x[i]!;
        }
        expect(num / den).toBeGreaterThanOrEqual(lam - 1e-12);
      }
    }
  });
});

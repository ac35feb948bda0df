/**
 * Test helper (habit 6): compare a measured value with its analytic expectation within a stated
 * tolerance, printing inputs, difference and tolerance so a failure (or a near miss) is legible.
 */
import { expect } from 'vitest';

export function expectClose(label: string, actual: number, expected: number, tolerance: number): void {
  const diff = actual - expected;
  process.stdout.write(`[check] ${label}: got ${actual.toPrecision(8)}, expected ${expected.toPrecision(8)}, |diff| ${Math.abs(diff).toExponential(2)} <= tol ${tolerance.toExponential(2)}\n`);
  expect(Math.abs(diff), `${label}: got ${actual}, expected ${expected} +- ${tolerance}`).toBeLessThanOrEqual(tolerance);
}

export function meanVar(xs: ArrayLike<number>): { mean: number; variance: number } {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i]!;
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i]! - m) ** 2;
  return { mean: m, variance: v / (xs.length - 1) };
}

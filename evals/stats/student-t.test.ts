import { describe, expect, it } from 'vitest';
import { regularizedBeta, studentTCdf, studentTQuantile } from './student-t.js';

// Two-sided 95% critical values t_{0.975, df} from standard tables (e.g. NIST/SEMATECH
// e-Handbook 1.3.6.7.2), printed to 3 decimals there; df = 1 and 2 have closed forms.
const TABLE: [number, number][] = [
  [1, 12.706],
  [2, 4.303],
  [3, 3.182],
  [5, 2.571],
  [10, 2.228],
  [20, 2.086],
  [30, 2.042],
  [100, 1.984],
];

describe('student t', () => {
  it('matches closed forms for df = 1 (Cauchy) and df = 2', () => {
    for (const p of [0.6, 0.9, 0.975, 0.995]) {
      const cauchy = Math.tan(Math.PI * (p - 0.5));
      const df2 = (2 * p - 1) * Math.sqrt(2 / (4 * p * (1 - p)));
      const q1 = studentTQuantile(p, 1);
      const q2 = studentTQuantile(p, 2);
      console.log(`p=${p}: df1 ${q1} vs ${cauchy}; df2 ${q2} vs ${df2}; tol 1e-9 relative`);
      expect(Math.abs(q1 - cauchy) / cauchy).toBeLessThan(1e-9);
      expect(Math.abs(q2 - df2) / df2).toBeLessThan(1e-9);
    }
  });

  it('matches the table of 97.5% quantiles to the printed 3 decimals', () => {
    for (const [df, want] of TABLE) {
      const got = studentTQuantile(0.975, df);
      expect(Math.abs(got - want)).toBeLessThan(5e-4 + 1e-12);
      expect(studentTQuantile(0.025, df)).toBeCloseTo(-got, 12);
    }
  });

  it('tends to the normal quantile 1.959964 for large df', () => {
    expect(Math.abs(studentTQuantile(0.975, 1e7) - 1.959964)).toBeLessThan(1e-5);
  });

  it('CDF inverts the quantile and I_x(a,b) matches x^a for b = 1', () => {
    for (const df of [1, 3.5, 17, 250]) {
      for (const p of [0.01, 0.3, 0.8, 0.999]) {
        expect(Math.abs(studentTCdf(studentTQuantile(p, df), df) - p)).toBeLessThan(1e-12);
      }
    }
    for (const [x, a] of [[0.3, 2], [0.9, 0.5], [0.5, 7]] as const) {
      expect(Math.abs(regularizedBeta(x, a, 1) - x ** a)).toBeLessThan(1e-13);
    }
  });

  it('rejects bad arguments naming them', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(/p must be in \(0, 1\), got 1/);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/df must be > 0, got 0/);
  });
});

/**
 * The matrix-exponential solution against an independent RK4 integration of the *nonlinear* HJB
 * in theta (no change of variables, Hamiltonian from its own sup formula), both variants.
 */
import { describe, expect, it } from 'vitest';
import type { HjbModel } from './hjb-model.js';
import { solveHjb, solveHjbAt, quotesFromLogV } from './hjb-solver.js';
import { smallestEigenvalueSymTridiag } from './tridiagonal.js';

/** H_xi(p) = sup_delta A e^{-k delta} (1 - e^{-xi (delta - p)}) / xi, or A e^{-k delta} (delta - p) for xi = 0. */
function hamiltonianClosedForm(A: number, k: number, xi: number, p: number): number {
  if (xi === 0) return (A / (Math.E * k)) * Math.exp(-k * p);
  return (A / (k + xi)) * Math.pow(1 + xi / k, -k / xi) * Math.exp(-k * p);
}

/** Golden-section maximisation of the sup, to check the closed form itself. */
function hamiltonianNumeric(A: number, k: number, xi: number, p: number): number {
  const f = (d: number): number => (xi === 0 ? A * Math.exp(-k * d) * (d - p) : (A * Math.exp(-k * d) * (1 - Math.exp(-xi * (d - p)))) / xi);
  let a = p - 5;
  let b = p + 20;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 200; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) > f(d)) b = d;
    else a = c;
  }
  return f(0.5 * (a + b));
}

/** RK4 on d theta / d tau = -phi q^2 + sum_sides H(theta(q) - theta(q +- 1)), tau = T - t, from tau = 0. */
function rk4Theta(m: HjbModel, tauEnd: number, nSteps: number): Float64Array {
  const Q = m.maxInventory;
  const n = 2 * Q + 1;
  const rhs = (th: Float64Array, out: Float64Array): void => {
    for (let j = 0; j < n; j++) {
      const q = j - Q;
      let r = -m.phi * q * q;
      if (j < n - 1) r += hamiltonianClosedForm(m.A, m.k, m.xi, (th[j] as number) - (th[j + 1] as number));
      if (j > 0) r += hamiltonianClosedForm(m.A, m.k, m.xi, (th[j] as number) - (th[j - 1] as number));
      out[j] = r;
    }
  };
  const th = new Float64Array(n);
  for (let j = 0; j < n; j++) th[j] = -m.alpha * (j - Q) * (j - Q);
  const k1 = new Float64Array(n), k2 = new Float64Array(n), k3 = new Float64Array(n), k4 = new Float64Array(n), tmp = new Float64Array(n);
  const h = tauEnd / nSteps;
  for (let s = 0; s < nSteps; s++) {
    rhs(th, k1);
    for (let j = 0; j < n; j++) tmp[j] = (th[j] as number) + 0.5 * h * (k1[j] as number);
    rhs(tmp, k2);
    for (let j = 0; j < n; j++) tmp[j] = (th[j] as number) + 0.5 * h * (k2[j] as number);
    rhs(tmp, k3);
    for (let j = 0; j < n; j++) tmp[j] = (th[j] as number) + h * (k3[j] as number);
    rhs(tmp, k4);
    for (let j = 0; j < n; j++) th[j] = (th[j] as number) + (h / 6) * ((k1[j] as number) + 2 * (k2[j] as number) + 2 * (k3[j] as number) + (k4[j] as number));
  }
  return th;
}

const base: HjbModel = { A: 140, k: 1.5, gamma: 0.1, xi: 0, phi: 0.2, alpha: 0, maxInventory: 25, horizon: 1 };
const cases: [string, HjbModel][] = [
  ['running penalty (xi = 0), default env', base],
  ['running penalty, terminal penalty 0.05, Q = 10', { ...base, alpha: 0.05, maxInventory: 10 }],
  ['CARA (xi = gamma = 0.1), phi = gamma sigma^2 / 2', { ...base, xi: 0.1 }],
  ['CARA, gamma = 1 (phi = 2), alpha = 0.1, Q = 10', { ...base, gamma: 1, xi: 1, phi: 2, alpha: 0.1, maxInventory: 10 }],
  ['running penalty, Q = 60, gamma = 0.3 (phi = 0.6): v spans 69 decades', { ...base, gamma: 0.3, phi: 0.6, maxInventory: 60 }],
];

describe('Hamiltonian closed form', () => {
  it.each([0, 0.1, 1])('matches a numerical sup for xi = %s', (xi) => {
    for (const p of [-0.5, 0, 0.7]) {
      const a = hamiltonianClosedForm(140, 1.5, xi, p);
      const b = hamiltonianNumeric(140, 1.5, xi, p);
      expect(Math.abs(a - b) / a).toBeLessThan(1e-9);
    }
  });
});

describe('matrix exponential vs RK4 (1e-8 relative)', () => {
  it.each(cases)('%s', (_name, m) => {
    const sol = solveHjb(m, 200);
    const W = sol.width;
    for (const tFrac of [0, 0.5]) {
      const row = Math.round(tFrac * sol.steps);
      const tau = m.horizon * (1 - tFrac);
      const ref = rk4Theta(m, tau, 8_000 * (1 - tFrac));
      const half = rk4Theta(m, tau, 4_000 * (1 - tFrac));
      let worst = 0;
      let worstRk = 0;
      for (let j = 0; j < W; j++) {
        const th = (sol.logV[row * W + j] as number) / m.k;
        const r = ref[j] as number;
        const scale = Math.max(Math.abs(r), 1);
        worst = Math.max(worst, Math.abs(th - r) / scale);
        worstRk = Math.max(worstRk, Math.abs((half[j] as number) - r) / scale);
      }
      // Quotes, from theta differences, to the same tolerance.
      const qRef = quotesFromLogV(m, ref.map((x) => x * m.k));
      const qSol = quotesFromLogV(m, sol.logV.subarray(row * W, row * W + W));
      let worstQuote = 0;
      qRef.forEach((r, j) => {
        const s = qSol[j]!;
        if (r.bid !== null) worstQuote = Math.max(worstQuote, Math.abs(s.bid! - r.bid) / Math.max(Math.abs(r.bid), 1));
        if (r.ask !== null) worstQuote = Math.max(worstQuote, Math.abs(s.ask! - r.ask) / Math.max(Math.abs(r.ask), 1));
      });
      console.log(`t/T=${tFrac}: max rel |theta_expm - theta_rk4| = ${worst.toExponential(2)}, quotes ${worstQuote.toExponential(2)} (tol 1e-8; RK4 h vs h/2: ${worstRk.toExponential(2)})`);
      expect(worstRk).toBeLessThan(1e-9);
      expect(worst).toBeLessThan(1e-8);
      expect(worstQuote).toBeLessThan(1e-8);
    }
    expect(sol.floored).toBe(0);
  });

  it('solveHjbAt at an off-grid time agrees with RK4', () => {
    const m = cases[1]![1];
    const lv = solveHjbAt(m, 0.37);
    const ref = rk4Theta(m, 0.63, 10_080);
    for (let j = 0; j < lv.length; j++) {
      const r = ref[j] as number;
      expect(Math.abs((lv[j] as number) / m.k - r) / Math.max(Math.abs(r), 1)).toBeLessThan(1e-8);
    }
  });
});

describe('Sturm bisection', () => {
  it('finds the smallest eigenvalue of the free tridiagonal (-2 cos(pi/(n+1)))', () => {
    const n = 51;
    const diag = new Float64Array(n);
    const off = new Float64Array(n - 1).fill(-1);
    expect(Math.abs(smallestEigenvalueSymTridiag(diag, off) + 2 * Math.cos(Math.PI / (n + 1)))).toBeLessThan(1e-13);
  });
});

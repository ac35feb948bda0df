/**
 * The matrix-exponential solution of the GLFT/Guéant HJB (see hjb-model.ts).
 *
 * Change of variables (GLFT 2013, Thm 1; Guéant 2017, Thm 3.1): theta(t, q) = (1/k) ln v(t, q)
 * turns the HJB into the linear system
 *   d/dt v(t) = M v(t),   M = diag(k (phi q^2 - mu q)) - eta_xi (S + S^T),   v(T, q) = exp(-k alpha q^2),
 * with S the shift q -> q+1 truncated at +-Q, so v(t) = exp(-M (T - t)) v(T). The optimal depths are
 *   delta_b(t, q) = (1/k) ln(v(t,q) / v(t,q+1)) + staticDepth   (q < Q),
 *   delta_a(t, q) = (1/k) ln(v(t,q) / v(t,q-1)) + staticDepth   (q > -Q).
 *
 * Numerics: M is symmetric tridiagonal; with lambda_min its smallest eigenvalue (Sturm bisection),
 * E = expm(-(M - lambda_min I) dt) (mathjs Padé of the scaled matrix, then squaring) has spectral radius 1,
 * so stepping w_n = E w_{n+1} cannot overflow. The factor exp(-lambda_min dt) and a per-step
 * renormalisation (max w = 1) are carried in a log scale, so ln v = ln w + logScale exactly. Because
 * -(M - lambda_min I) is a Metzler matrix, E is entrywise non-negative and every product is a sum of
 * non-negative terms: the small components at large |q| keep their relative accuracy. Components
 * below HJB_FLOOR (relative to the largest) would underflow; they are floored and counted in `floored`
 * (only for extreme parameters), so no NaN or Infinity ever leaves the solver.
 */
import { expm, matrix } from 'mathjs';
import { type HjbModel, couplingEta, staticDepth, validateHjbModel } from './hjb-model.js';
import { requireNumber } from './errors.js';
import { smallestEigenvalueSymTridiag } from './tridiagonal.js';

/** Smallest kept component of the renormalised vector (well above the subnormal range). */
export const HJB_FLOOR = 1e-300;
const LOG_FLOOR = Math.log(HJB_FLOOR);

/** The HJB solved on the grid t_n = n dt, n = 0..N (dt = T / N). */
export interface HjbSolution {
  readonly model: HjbModel;
  /** Number of steps N. */
  readonly steps: number;
  /** Grid step dt = T / N. */
  readonly dt: number;
  /** Columns per row: 2Q + 1 (column j is inventory q = j - Q). */
  readonly width: number;
  /** (N+1) x (2Q+1), row n = t_n: ln v(t_n, q); theta = lnV / k. */
  readonly logV: Float64Array;
  /** (N+1) x (2Q+1): optimal bid depth; the entry at q = Q (not quoted) holds 0, see `bidDepth`. */
  readonly bid: Float64Array;
  /** (N+1) x (2Q+1): optimal ask depth; the entry at q = -Q (not quoted) holds 0, see `askDepth`. */
  readonly ask: Float64Array;
  /** Smallest eigenvalue of M (theta grows like -lambda_min (T - t) / k far from T). */
  readonly lambdaMin: number;
  /** Grid cells whose v was floored to avoid underflow (0 for all usual parameters). */
  readonly floored: number;
}

/** Tridiagonal M of the linear system: diagonal k (phi q^2 - mu q), off-diagonal -eta_xi. */
export function hjbMatrix(m: HjbModel): { diag: Float64Array; off: Float64Array } {
  const Q = m.maxInventory;
  const n = 2 * Q + 1;
  const diag = new Float64Array(n);
  const off = new Float64Array(n - 1).fill(-couplingEta(m));
  const mu = m.mu ?? 0;
  for (let j = 0; j < n; j++) diag[j] = m.k * (m.phi * (j - Q) * (j - Q) - mu * (j - Q));
  return { diag, off };
}

/** Dense row-major exp(-(M - lambda I) h), plus per-row column ranges of the entries >= HJB_FLOOR. */
interface StepOperator {
  readonly E: Float64Array;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly n: number;
}

/** Largest ||X||_inf / 2^s handed to mathjs: it then picks its Padé degree with no squaring of its own. */
const PADE_NORM = 0.2;

/** C = A A for dense row-major n x n (non-negative entries: every sum is of non-negative terms). */
function squareInto(A: Float64Array, n: number, C: Float64Array): void {
  C.fill(0);
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let k = 0; k < n; k++) {
      const a = A[ci + k] as number;
      if (a === 0) continue;
      const rk = k * n;
      for (let j = 0; j < n; j++) C[ci + j] = (C[ci + j] as number) + a * (A[rk + j] as number);
    }
  }
}

/**
 * exp(X), X = -(M - lambda I) h, by scaling and squaring (Moler & Van Loan 2003, method 3):
 * mathjs `expm` (Padé) of X / 2^s with ||X / 2^s|| <= PADE_NORM, then s squarings here on typed
 * arrays (the same arithmetic as mathjs' own squaring phase, without its per-element dispatch).
 */
function stepOperator(diag: Float64Array, off: Float64Array, lambdaMin: number, h: number): StepOperator {
  const n = diag.length;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const r = Math.abs(((diag[i] as number) - lambdaMin) * h) + (i > 0 ? Math.abs((off[i - 1] as number) * h) : 0) + (i < n - 1 ? Math.abs((off[i] as number) * h) : 0);
    norm = Math.max(norm, r);
  }
  const s = norm > PADE_NORM ? Math.ceil(Math.log2(norm / PADE_NORM)) : 0;
  const scale = h / 2 ** s;
  const X: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n).fill(0);
    row[i] = -((diag[i] as number) - lambdaMin) * scale;
    if (i > 0) row[i - 1] = -(off[i - 1] as number) * scale;
    if (i < n - 1) row[i + 1] = -(off[i] as number) * scale;
    X.push(row);
  }
  const rows = expm(matrix(X)).toArray() as number[][];
  let E = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as number[];
    // Entries are non-negative in exact arithmetic (Metzler generator); clip Padé round-off.
    for (let j = 0; j < n; j++) E[i * n + j] = Math.max(0, row[j] as number);
  }
  let tmp = new Float64Array(n * n);
  for (let k = 0; k < s; k++) {
    squareInto(E, n, tmp);
    [E, tmp] = [tmp, E];
  }
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let first = n;
    let last = -1;
    for (let j = 0; j < n; j++) {
      // w <= 1 after renormalisation, so an entry below HJB_FLOOR moves no component by more than
      // the floor: the mat-vec skips the band beyond the last such entry.
      if ((E[i * n + j] as number) >= HJB_FLOOR) {
        if (first === n) first = j;
        last = j;
      }
    }
    lo[i] = first;
    hi[i] = last;
  }
  return { E, lo, hi, n };
}

/**
 * One backward step: out = E w, renormalised so max(out) = 1, floored at HJB_FLOOR.
 * Returns [ln(scale), floored count].
 */
function applyStep(op: StepOperator, w: Float64Array, out: Float64Array): [number, number] {
  const { E, lo, hi, n } = op;
  let max = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const base = i * n;
    for (let j = lo[i] as number; j <= (hi[i] as number); j++) s += (E[base + j] as number) * (w[j] as number);
    out[i] = s;
    if (s > max) max = s;
  }
  let floored = 0;
  const inv = 1 / max;
  for (let i = 0; i < n; i++) {
    let x = (out[i] as number) * inv;
    if (!(x >= HJB_FLOOR)) {
      x = HJB_FLOOR;
      floored++;
    }
    out[i] = x;
  }
  return [Math.log(max), floored];
}

/** Terminal vector: ln v(T, q) = -k alpha q^2, as (w, logScale) with max w = 1. */
function terminal(m: HjbModel, w: Float64Array): [number, number] {
  const Q = m.maxInventory;
  let floored = 0;
  for (let j = 0; j < w.length; j++) {
    const lv = -m.k * m.alpha * (j - Q) * (j - Q);
    if (lv < LOG_FLOOR) floored++;
    w[j] = Math.exp(Math.max(lv, LOG_FLOOR));
  }
  return [0, floored]; // q = 0 gives the maximum, ln v = 0
}

/** Writes the quotes of row `n` from ln v of that row (side-not-quoted entries = 0). */
function writeQuotes(m: HjbModel, logV: Float64Array, row: number, width: number, bid: Float64Array, ask: Float64Array): void {
  const base = row * width;
  const d0 = staticDepth(m);
  const invK = 1 / m.k;
  for (let j = 0; j < width; j++) {
    const lv = logV[base + j] as number;
    bid[base + j] = j < width - 1 ? (lv - (logV[base + j + 1] as number)) * invK + d0 : 0;
    ask[base + j] = j > 0 ? (lv - (logV[base + j - 1] as number)) * invK + d0 : 0;
  }
}

/**
 * Solves the HJB on the grid of `steps` steps (dt = T / steps): one matrix exponential of the
 * step, reused N times with renormalisation. Cost: one (2Q+1)^2 expm plus N banded mat-vecs.
 */
export function solveHjb(model: HjbModel, steps: number): HjbSolution {
  validateHjbModel(model);
  requireNumber('steps', steps, { min: 1, integer: true });
  const dt = model.horizon / steps;
  const { diag, off } = hjbMatrix(model);
  const lambdaMin = smallestEigenvalueSymTridiag(diag, off);
  const op = stepOperator(diag, off, lambdaMin, dt);
  const width = diag.length;
  const logV = new Float64Array((steps + 1) * width);
  const bid = new Float64Array((steps + 1) * width);
  const ask = new Float64Array((steps + 1) * width);
  let w = new Float64Array(width);
  let next = new Float64Array(width);
  let [logScale, floored] = terminal(model, w);
  const fill = (row: number): void => {
    for (let j = 0; j < width; j++) logV[row * width + j] = Math.log(w[j] as number) + logScale;
    writeQuotes(model, logV, row, width, bid, ask);
  };
  fill(steps);
  for (let row = steps - 1; row >= 0; row--) {
    const [ls, fl] = applyStep(op, w, next);
    logScale += ls - lambdaMin * dt;
    floored += fl;
    [w, next] = [next, w];
    fill(row);
  }
  return { model, steps, dt, width, logV, bid, ask, lambdaMin, floored };
}

/** ln v(t, q) for q = -Q..Q at any t in [0, T], by steps of at most `maxStep` (default T/200). */
export function solveHjbAt(model: HjbModel, t: number, maxStep?: number): Float64Array {
  validateHjbModel(model);
  requireNumber('t', t, { min: 0, max: model.horizon });
  const h0 = maxStep ?? model.horizon / 200;
  requireNumber('maxStep', h0, { gt: 0 });
  const tau = model.horizon - t;
  const { diag, off } = hjbMatrix(model);
  const width = diag.length;
  let w = new Float64Array(width);
  let next = new Float64Array(width);
  let [logScale] = terminal(model, w);
  if (tau > 0) {
    const m = Math.max(1, Math.ceil(tau / h0 - 1e-9));
    const h = tau / m;
    const lambdaMin = smallestEigenvalueSymTridiag(diag, off);
    const op = stepOperator(diag, off, lambdaMin, h);
    for (let i = 0; i < m; i++) {
      const [ls] = applyStep(op, w, next);
      logScale += ls - lambdaMin * h;
      [w, next] = [next, w];
    }
  }
  const out = new Float64Array(width);
  for (let j = 0; j < width; j++) out[j] = Math.log(w[j] as number) + logScale;
  return out;
}

/** Optimal (bid, ask) depths from one row of ln v, q in inventory units (lots times `lot`); `null` for the side that is not quoted. */
export function quotesFromLogV(model: HjbModel, logV: ArrayLike<number>): { q: number; bid: number | null; ask: number | null }[] {
  const Q = model.maxInventory;
  const lot = model.lot ?? 1;
  const d0 = staticDepth(model);
  const out: { q: number; bid: number | null; ask: number | null }[] = [];
  for (let j = 0; j <= 2 * Q; j++) {
    const lv = logV[j] as number;
    out.push({
      q: (j - Q) * lot,
      bid: j < 2 * Q ? (lv - (logV[j + 1] as number)) / model.k + d0 : null,
      ask: j > 0 ? (lv - (logV[j - 1] as number)) / model.k + d0 : null,
    });
  }
  return out;
}

/** Optimal bid depth at grid row n (t_n = n dt) and inventory q; null at q = Q (not quoted). */
export function bidDepth(sol: HjbSolution, n: number, q: number): number | null {
  const Q = sol.model.maxInventory;
  requireNumber('n', n, { min: 0, max: sol.steps, integer: true });
  requireNumber('q', q, { min: -Q, max: Q, integer: true });
  return q < Q ? (sol.bid[n * sol.width + q + Q] as number) : null;
}

/** Optimal ask depth at grid row n and inventory q; null at q = -Q (not quoted). */
export function askDepth(sol: HjbSolution, n: number, q: number): number | null {
  const Q = sol.model.maxInventory;
  requireNumber('n', n, { min: 0, max: sol.steps, integer: true });
  requireNumber('q', q, { min: -Q, max: Q, integer: true });
  return q > -Q ? (sol.ask[n * sol.width + q + Q] as number) : null;
}

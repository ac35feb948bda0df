// AssemblyScript source of the dense-layer kernels behind models/wasm-mlp.ts (compiled with
// `npm run build:kernels` into models/wasm-mlp-binary.ts; a test checks that file is current).
// Row-major f32 matrices in linear memory; pointers are byte offsets. SIMD128, no relaxed ops, so
// every result is the same on every machine. Summation orders are fixed (loops below).

// Both matrix products below are sums over an index i of x[i] * (row i of a matrix V), for two
// x sequences at once (two output rows) and 16 columns at a time: `pairBlock`. The scalar `cell`
// computes one column the same way, in the same order, for the columns past the last block of 16.

/**
 * outA[0..16) = initA + sum_i xa[i] V[i, 0..16), outB likewise with xb (i ascending);
 * x steps by xStep bytes, V's rows by vStep bytes. init = 0 starts from zero.
 */
// @ts-ignore: decorator
@inline
function pairBlock(xa: usize, xb: usize, xStep: usize, v: usize, vStep: usize, n: i32, init: usize, outA: usize, outB: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  if (init != 0) {
    a0 = v128.load(init);
    a1 = v128.load(init, 16);
    a2 = v128.load(init, 32);
    a3 = v128.load(init, 48);
  }
  let b0 = a0;
  let b1 = a1;
  let b2 = a2;
  let b3 = a3;
  for (let i = 0; i < n; i++) {
    const xi = f32x4.splat(load<f32>(xa));
    const yi = f32x4.splat(load<f32>(xb));
    const v0 = v128.load(v);
    const v1 = v128.load(v, 16);
    const v2 = v128.load(v, 32);
    const v3 = v128.load(v, 48);
    a0 = f32x4.add(a0, f32x4.mul(xi, v0));
    a1 = f32x4.add(a1, f32x4.mul(xi, v1));
    a2 = f32x4.add(a2, f32x4.mul(xi, v2));
    a3 = f32x4.add(a3, f32x4.mul(xi, v3));
    b0 = f32x4.add(b0, f32x4.mul(yi, v0));
    b1 = f32x4.add(b1, f32x4.mul(yi, v1));
    b2 = f32x4.add(b2, f32x4.mul(yi, v2));
    b3 = f32x4.add(b3, f32x4.mul(yi, v3));
    xa += xStep;
    xb += xStep;
    v += vStep;
  }
  v128.store(outA, a0);
  v128.store(outA, a1, 16);
  v128.store(outA, a2, 32);
  v128.store(outA, a3, 48);
  v128.store(outB, b0);
  v128.store(outB, b1, 16);
  v128.store(outB, b2, 32);
  v128.store(outB, b3, 48);
}

/** out = init + sum_i x[i] v[i] (i ascending, as one lane of `pairBlock`); init = 0 starts from zero. */
// @ts-ignore: decorator
@inline
function cell(x: usize, xStep: usize, v: usize, vStep: usize, n: i32, init: usize, out: usize): void {
  let s: f32 = init != 0 ? load<f32>(init) : 0;
  for (let i = 0; i < n; i++) {
    s += load<f32>(x) * load<f32>(v);
    x += xStep;
    v += vStep;
  }
  store<f32>(out, s);
}

/** Y[B, no] = X[B, ni] W[ni, no] (+ bias[no] when bias != 0). Rows in pairs share the loads of W. */
export function matmul(X: usize, B: i32, ni: i32, no: i32, W: usize, bias: usize, Y: usize): void {
  const no16 = no & ~15;
  const rowX = <usize>ni << 2;
  const rowY = <usize>no << 2;
  for (let r = 0; r < B; r += 2) {
    // An odd last row is paired with itself (the same values, written twice).
    const nextX = r + 1 < B ? rowX : 0;
    const nextY = r + 1 < B ? rowY : 0;
    const xr = X + (<usize>r) * rowX;
    const yr = Y + (<usize>r) * rowY;
    let j = 0;
    for (; j < no16; j += 16) {
      const jo = <usize>j << 2;
      pairBlock(xr, xr + nextX, 4, W + jo, rowY, ni, bias != 0 ? bias + jo : 0, yr + jo, yr + nextY + jo);
    }
    for (; j < no; j++) {
      const jo = <usize>j << 2;
      cell(xr, 4, W + jo, rowY, ni, bias != 0 ? bias + jo : 0, yr + jo);
      cell(xr + nextX, 4, W + jo, rowY, ni, bias != 0 ? bias + jo : 0, yr + nextY + jo);
    }
  }
}

/** dW[ni, no] = X[B, ni]^T dY[B, no] (overwritten). Rows of dW in pairs share the loads of dY. */
export function matmulTN(X: usize, B: i32, ni: i32, no: i32, dY: usize, dW: usize): void {
  const no16 = no & ~15;
  const rowY = <usize>no << 2;
  const rowX = <usize>ni << 2;
  for (let k = 0; k < ni; k += 2) {
    // An odd last row is paired with itself (the same values, written twice).
    const nextX: usize = k + 1 < ni ? 4 : 0;
    const nextW = k + 1 < ni ? rowY : 0;
    const xk = X + (<usize>k << 2);
    const wk = dW + (<usize>k) * rowY;
    let j = 0;
    for (; j < no16; j += 16) {
      const jo = <usize>j << 2;
      pairBlock(xk, xk + nextX, rowX, dY + jo, rowY, B, 0, wk + jo, wk + nextW + jo);
    }
    for (; j < no; j++) {
      const jo = <usize>j << 2;
      cell(xk, rowX, dY + jo, rowY, B, 0, wk + jo);
      cell(xk + nextX, rowX, dY + jo, rowY, B, 0, wk + nextW + jo);
    }
  }
}

/** db[no] = column sums of dY[B, no] (overwritten; rows ascending). */
export function colSum(dY: usize, B: i32, no: i32, db: usize): void {
  const rowY = <usize>no << 2;
  const no4 = no & ~3;
  let j = 0;
  for (; j < no4; j += 4) {
    let a = f32x4.splat(0);
    let d = dY + (<usize>j << 2);
    for (let r = 0; r < B; r++) {
      a = f32x4.add(a, v128.load(d));
      d += rowY;
    }
    v128.store(db + (<usize>j << 2), a);
  }
  for (; j < no; j++) {
    let s: f32 = 0;
    let d = dY + (<usize>j << 2);
    for (let r = 0; r < B; r++) {
      s += load<f32>(d);
      d += rowY;
    }
    store<f32>(db + (<usize>j << 2), s);
  }
}

/**
 * Y[B, no] = X[B, ni] W[ni, no] + bias for narrow outputs (no < 16, e.g. the heads), from
 * Wt = W^T [no, ni]: each cell a SIMD dot product over k (lanes k mod 4, then summed 0+1+2+3,
 * then the scalar tail in k order).
 */
export function matmulDot(X: usize, B: i32, ni: i32, no: i32, Wt: usize, bias: usize, Y: usize): void {
  const ni4 = ni & ~3;
  const rowX = <usize>ni << 2;
  for (let r = 0; r < B; r++) {
    const xr = X + (<usize>r) * rowX;
    const yr = Y + ((<usize>r * <usize>no) << 2);
    for (let j = 0; j < no; j++) {
      const wj = Wt + (<usize>j) * rowX;
      let a = f32x4.splat(0);
      let k = 0;
      for (; k < ni4; k += 4) {
        const ko = <usize>k << 2;
        a = f32x4.add(a, f32x4.mul(v128.load(xr + ko), v128.load(wj + ko)));
      }
      let s: f32 = f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1) + f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3);
      for (; k < ni; k++) s += load<f32>(xr + (<usize>k << 2)) * load<f32>(wj + (<usize>k << 2));
      store<f32>(yr + (<usize>j << 2), s + load<f32>(bias + (<usize>j << 2)));
    }
  }
}

// tanh as Eigen's generic_fast_tanh_float (Eigen/src/Core/MathFunctionsImpl.h): a 13/6-degree
// rational interpolant, accurate to a few ulp on [-9, 9], outside of which tanh is +-1 in f32.
// The scalar tail evaluates the same operations in the same order as the SIMD lanes.
const A1: f32 = 4.89352455891786e-3;
const A3: f32 = 6.37261928875436e-4;
const A5: f32 = 1.48572235717979e-5;
const A7: f32 = 5.12229709037114e-8;
const A9: f32 = -8.60467152213735e-11;
const A11: f32 = 2.00018790482477e-13;
const A13: f32 = -2.76076847742355e-16;
const B0: f32 = 4.89352518554385e-3;
const B2: f32 = 2.2684346324390e-3;
const B4: f32 = 1.18534705686654e-4;
const B6: f32 = 1.19825839466702e-6;

// @ts-ignore: decorator
@inline
function tanhScalar(v: f32): f32 {
  const x = v > 9 ? <f32>9 : v < -9 ? <f32>-9 : v;
  const x2 = x * x;
  let p = x2 * A13 + A11;
  p = x2 * p + A9;
  p = x2 * p + A7;
  p = x2 * p + A5;
  p = x2 * p + A3;
  p = x2 * p + A1;
  p = x * p;
  let q = x2 * B6 + B4;
  q = x2 * q + B2;
  q = x2 * q + B0;
  return p / q;
}

/** Y[i] = tanh(Y[i]) for n values. */
export function tanhInPlace(Y: usize, n: i32): void {
  const hi = f32x4.splat(9);
  const lo = f32x4.splat(-9);
  const a13 = f32x4.splat(A13);
  const a11 = f32x4.splat(A11);
  const a9 = f32x4.splat(A9);
  const a7 = f32x4.splat(A7);
  const a5 = f32x4.splat(A5);
  const a3 = f32x4.splat(A3);
  const a1 = f32x4.splat(A1);
  const b6 = f32x4.splat(B6);
  const b4 = f32x4.splat(B4);
  const b2 = f32x4.splat(B2);
  const b0 = f32x4.splat(B0);
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = Y + (<usize>i << 2);
    const x = f32x4.pmax(f32x4.pmin(v128.load(o), hi), lo);
    const x2 = f32x4.mul(x, x);
    let p = f32x4.add(f32x4.mul(x2, a13), a11);
    p = f32x4.add(f32x4.mul(x2, p), a9);
    p = f32x4.add(f32x4.mul(x2, p), a7);
    p = f32x4.add(f32x4.mul(x2, p), a5);
    p = f32x4.add(f32x4.mul(x2, p), a3);
    p = f32x4.add(f32x4.mul(x2, p), a1);
    p = f32x4.mul(x, p);
    let q = f32x4.add(f32x4.mul(x2, b6), b4);
    q = f32x4.add(f32x4.mul(x2, q), b2);
    q = f32x4.add(f32x4.mul(x2, q), b0);
    v128.store(o, f32x4.div(p, q));
  }
  for (; i < n; i++) {
    const o = Y + (<usize>i << 2);
    store<f32>(o, tanhScalar(load<f32>(o)));
  }
}

/** Y[i] = max(Y[i], 0) for n values. */
export function reluInPlace(Y: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const p = Y + (<usize>i << 2);
    const v = load<f32>(p);
    store<f32>(p, v > 0 ? v : 0);
  }
}

/** G[i] *= 1 - A[i]^2 (tanh's derivative from its output A). */
export function tanhBackward(A: usize, G: usize, n: i32): void {
  const one = f32x4.splat(1);
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 2;
    const a = v128.load(A + o);
    v128.store(G + o, f32x4.mul(v128.load(G + o), f32x4.sub(one, f32x4.mul(a, a))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const a = load<f32>(A + o);
    store<f32>(G + o, load<f32>(G + o) * (1 - a * a));
  }
}

/** G[i] = A[i] > 0 ? G[i] : 0 (relu's derivative from its output A). */
export function reluBackward(A: usize, G: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    if (!(load<f32>(A + o) > 0)) store<f32>(G + o, 0);
  }
}

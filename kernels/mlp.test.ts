/**
 * The dense-layer kernels (kernels/mlp.ts, AssemblyScript) as compiled into
 * models/wasm-mlp-binary.ts, called directly on linear memory and checked against plain
 * float64 loops: the matrix products (odd row counts, widths past a 16-column block and a
 * 4-lane vector, with and without bias), column sums, tanh (Eigen's rational form, clamped at
 * +-9) and relu with their backward passes, and the same bits on a second call.
 * (models/wasm-mlp-binary.test.ts checks the binary is current with this source.)
 */
import { describe, expect, it } from 'vitest';
import { MLP_WASM_BASE64 } from '../models/wasm-mlp-binary.js';
import { SeededRandom } from '../models/random.js';

interface Kernels {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  matmul(X: number, B: number, ni: number, no: number, W: number, bias: number, Y: number): void;
  matmulTN(X: number, B: number, ni: number, no: number, dY: number, dW: number): void;
  colSum(dY: number, B: number, no: number, db: number): void;
  matmulDot(X: number, B: number, ni: number, no: number, Wt: number, bias: number, Y: number): void;
  tanhInPlace(Y: number, n: number): void;
  reluInPlace(Y: number, n: number): void;
  tanhBackward(A: number, G: number, n: number): void;
  reluBackward(A: number, G: number, n: number): void;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: unknown };
};

const k = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(MLP_WASM_BASE64, 'base64')), {
  env: { abort: () => { throw new Error('abort'); } },
}).exports as Kernels;

/** A bump allocator past the first 64 KiB page (the kernels keep nothing of their own in memory). */
let next = 65536;
function alloc(values: ArrayLike<number> | number): number {
  const n = typeof values === 'number' ? values : values.length;
  const at = next;
  next += 4 * n + 64;
  const need = next - k.memory.buffer.byteLength;
  if (need > 0) k.memory.grow(Math.ceil(need / 65536));
  if (typeof values !== 'number') new Float32Array(k.memory.buffer, at, n).set(values);
  return at;
}
const read = (at: number, n: number): number[] => Array.from(new Float32Array(k.memory.buffer, at, n));
const rng = SeededRandom.fromSeed(17);
const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());

function expectClose(got: number[], want: number[], tol = 1e-5): void {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!), `element ${i}: ${g} vs ${want[i]}`).toBeLessThanOrEqual(tol * (1 + Math.abs(want[i]!))));
}

describe('matrix kernels', () => {
  it('matmul: Y = X W + bias (3 rows, 20 columns: one block of 16 and 4 single columns), and without bias', () => {
    const [B, ni, no] = [3, 5, 20];
    const X = rand(B * ni);
    const W = rand(ni * no);
    const b = rand(no);
    const want = (withBias: boolean): number[] => {
      const y: number[] = [];
      for (let r = 0; r < B; r++) for (let j = 0; j < no; j++) {
        let s = withBias ? b[j]! : 0;
        for (let i = 0; i < ni; i++) s += X[r * ni + i]! * W[i * no + j]!;
        y.push(s);
      }
      return y;
    };
    const [px, pw, pb, py] = [alloc(X), alloc(W), alloc(b), alloc(B * no)];
    k.matmul(px, B, ni, no, pw, pb, py);
    const first = read(py, B * no);
    expectClose(first, want(true));
    k.matmul(px, B, ni, no, pw, pb, py);
    expect(read(py, B * no)).toEqual(first); // the same bits
    k.matmul(px, B, ni, no, pw, 0, py);
    expectClose(read(py, B * no), want(false));
  });

  it('matmulTN: dW = X^T dY (5 rows of dW, odd; 18 columns)', () => {
    const [B, ni, no] = [4, 5, 18];
    const X = rand(B * ni);
    const dY = rand(B * no);
    const want: number[] = [];
    for (let i = 0; i < ni; i++) for (let j = 0; j < no; j++) {
      let s = 0;
      for (let r = 0; r < B; r++) s += X[r * ni + i]! * dY[r * no + j]!;
      want.push(s);
    }
    const pdw = alloc(Float32Array.from({ length: ni * no }, () => 99)); // overwritten, not accumulated
    k.matmulTN(alloc(X), B, ni, no, alloc(dY), pdw);
    expectClose(read(pdw, ni * no), want);
  });

  it('colSum: db = column sums of dY (7 columns: a 4-lane vector and 3 single ones)', () => {
    const [B, no] = [5, 7];
    const dY = rand(B * no);
    const want = Array.from({ length: no }, (_, j) => Array.from({ length: B }, (_, r) => dY[r * no + j]!).reduce((a, c) => a + c, 0));
    const pdb = alloc(Float32Array.from({ length: no }, () => 99));
    k.colSum(alloc(dY), B, no, pdb);
    expectClose(read(pdb, no), want);
  });

  it('matmulDot: Y = X W + bias from W^T (narrow heads; 6 inputs: 4 lanes and a tail of 2)', () => {
    const [B, ni, no] = [3, 6, 3];
    const X = rand(B * ni);
    const Wt = rand(no * ni);
    const b = rand(no);
    const want: number[] = [];
    for (let r = 0; r < B; r++) for (let j = 0; j < no; j++) {
      let s = b[j]!;
      for (let i = 0; i < ni; i++) s += X[r * ni + i]! * Wt[j * ni + i]!;
      want.push(s);
    }
    const py = alloc(B * no);
    k.matmulDot(alloc(X), B, ni, no, alloc(Wt), alloc(b), py);
    expectClose(read(py, B * no), want);
  });
});

describe('activation kernels', () => {
  it('tanhInPlace: tanh to a few ulp (vector lanes and the scalar tail alike); +-1 past +-9', () => {
    const x = [-20, -9, -3, -0.5, 0, 1e-3, 0.5, 2, 8.9, 30, -1.25];
    const p = alloc(x);
    k.tanhInPlace(p, x.length);
    const got = read(p, x.length);
    got.forEach((g, i) => expect(Math.abs(g - Math.tanh(x[i]!)), `tanh(${x[i]})`).toBeLessThan(3e-7));
    expect(got[4]).toBe(0);
    expect(Math.abs(got[0]!)).toBeLessThanOrEqual(1);
    expect(Math.abs(got[9]!)).toBeLessThanOrEqual(1);
    // a value gives the same result in a vector lane (indices 0..3) and in the scalar tail (index 4)
    const same = [0.7, 0.7, 0.7, 0.7, 0.7];
    const q = alloc(same);
    k.tanhInPlace(q, 5);
    expect(new Set(read(q, 5)).size).toBe(1);
  });

  it('reluInPlace: max(x, 0)', () => {
    const x = [-2, -0.001, 0, 0.5, 3];
    const p = alloc(x);
    k.reluInPlace(p, x.length);
    expect(read(p, x.length)).toEqual([0, 0, 0, 0.5, 3]);
  });

  it('tanhBackward: G *= 1 - A^2; reluBackward: G kept where A > 0, else 0 (NaN too)', () => {
    const A = [0.5, -0.9, 0, 1, 0.25, -0.3];
    const G = [2, 1, -3, 4, 8, 10];
    const pa = alloc(A);
    const pg = alloc(G);
    k.tanhBackward(pa, pg, A.length);
    expectClose(read(pg, G.length), A.map((a, i) => G[i]! * (1 - Math.fround(a) * Math.fround(a))), 1e-6);
    const A2 = [1, 0, -1, Number.NaN, 0.1];
    const G2 = [5, 6, 7, 8, 9];
    const qa = alloc(A2);
    const qg = alloc(G2);
    k.reluBackward(qa, qg, A2.length);
    expect(read(qg, 5)).toEqual([5, 0, 0, 0, 9]);
  });
});

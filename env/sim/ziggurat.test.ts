/**
 * The ziggurat tables (Marsaglia & Tsang 2000, 128 layers) against their defining equations,
 * recomputed here from f(x) = exp(-x^2 / 2): every layer has area v, the base strip plus the tail
 * beyond r has area v, and kn / wn / fn are the layer edges as the sampler reads them. Then the
 * tables drive a normal sampler whose CDF is checked at a few points (the layers, wedges and
 * tail all carry the right mass only if the tables are right).
 */
import { describe, expect, it } from 'vitest';
import { expectClose } from '../test-utils/expect-close.js';
import { StreamRngs } from './rng.js';
import { ZIGGURAT, ZIGGURAT_R } from './ziggurat.js';

const V = 9.91256303526217e-3;
const M1 = 2 ** 31;
const f = (x: number): number => Math.exp(-0.5 * x * x);

/** integral_a^b f(x) dx by composite Simpson (f is smooth: 20,000 panels are exact to ~1e-15 here). */
function integrate(a: number, b: number, panels = 20_000): number {
  const h = (b - a) / panels;
  let s = f(a) + f(b);
  for (let j = 1; j < panels; j++) s += (j % 2 === 1 ? 4 : 2) * f(a + j * h);
  return (s * h) / 3;
}

/** Standard normal CDF by integration (independent of the sampler). */
function phi(z: number): number {
  const half = 0.5;
  const mass = integrate(0, Math.abs(z)) / Math.sqrt(2 * Math.PI);
  return z >= 0 ? half + mass : half - mass;
}

describe('ZIGGURAT tables', () => {
  const { kn, wn, fn } = ZIGGURAT;
  /** Layer edge x_i (x_127 = r, decreasing towards x_1 near 0). */
  const x = (i: number): number => wn[i]! * M1;

  it('are 128 entries each, frozen, with r = 3.442619855899', () => {
    expect(ZIGGURAT_R).toBe(3.442619855899);
    for (const t of [kn, wn, fn]) {
      expect(t).toHaveLength(128);
      expect(Object.isFrozen(t)).toBe(true);
    }
    expect(Object.isFrozen(ZIGGURAT)).toBe(true);
    expect(() => {
      (kn as number[])[3] = 0;
    }).toThrow(TypeError);
  });

  it('put the outermost edge at r and give fn[i] = f(x_i), fn[0] = 1, strictly increasing towards the top', () => {
    expect(x(127)).toBeCloseTo(ZIGGURAT_R, 12);
    expect(fn[0]).toBe(1);
    for (let i = 1; i < 128; i++) {
      expect(fn[i]).toBeCloseTo(f(x(i)), 14);
      expect(x(i)).toBeLessThan(i === 127 ? Infinity : x(i + 1));
      expect(fn[i]!).toBeLessThan(fn[i - 1]!);
    }
  });

  it('give every layer the area v: x_{i+1} (f(x_i) - f(x_{i+1})) = v, i = 1 .. 126', () => {
    let worst = 0;
    for (let i = 1; i <= 126; i++) worst = Math.max(worst, Math.abs(x(i + 1) * (fn[i]! - fn[i + 1]!) - V) / V);
    expect(worst).toBeLessThan(1e-9);
  });

  it('close the ziggurat: the base strip r f(r) plus the tail integral is v, and the top layer x_1 (1 - f(x_1)) is v', () => {
    const r = ZIGGURAT_R;
    const tail = integrate(r, r + 30);
    expectClose('base strip + tail area', r * f(r) + tail, V, 1e-9);
    // the top layer closes only to the published constants' precision (r, v given to 12-15 digits)
    expectClose('top layer area', x(1) * (1 - fn[1]!), V, 1e-5 * V);
  });

  it('give kn[i] = (x_{i-1} / x_i) 2^31 (the fast-path acceptance bound), kn[0] = (r / q) 2^31 with q = v / f(r), kn[1] = 0; wn[0] = q / 2^31', () => {
    const q = V / f(ZIGGURAT_R);
    expect(kn[0]).toBeCloseTo((ZIGGURAT_R / q) * M1, 3);
    expect(wn[0]).toBeCloseTo(q / M1, 20);
    expect(kn[1]).toBe(0);
    for (let i = 2; i < 128; i++) expect(kn[i]! / M1).toBeCloseTo(x(i - 1) / x(i), 12);
    for (let i = 1; i < 128; i++) expect(kn[i]!).toBeLessThan(M1);
  });

  it('drive a sampler with the N(0, 1) CDF at -3.8, -2, -0.5, 0, 1, 3 (5 binomial standard errors)', () => {
    const rng = new StreamRngs(1);
    rng.seed(0, 2024);
    const n = 400_000;
    const points = [-3.8, -2, -0.5, 0, 1, 3];
    const below = new Array<number>(points.length).fill(0);
    for (let k = 0; k < n; k++) {
      const z = rng.normal(0);
      for (let j = 0; j < points.length; j++) if (z < points[j]!) below[j]!++;
    }
    points.forEach((p, j) => {
      const expected = phi(p);
      expectClose(`P(Z < ${p})`, below[j]! / n, expected, 5 * Math.sqrt((expected * (1 - expected)) / n) + 1e-6);
    });
  });
});

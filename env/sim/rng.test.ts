import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { expectClose, meanVar } from '../test-utils/expect-close.js';
import { StreamRngs } from './rng.js';

describe('StreamRngs', () => {
  it('reproduces seedrandom.xor128 bit for bit (seeding goes through seedrandom)', () => {
    const r = new StreamRngs(3);
    r.seed(2, 12345);
    const ref = seedrandom.xor128('12345');
    for (let k = 0; k < 1000; k++) expect(r.uniform(2)).toBe(ref());
  });

  it('keeps per-env streams independent of each other', () => {
    const a = new StreamRngs(2);
    const b = new StreamRngs(1);
    a.seed(1, 7);
    b.seed(0, 7);
    a.seed(0, 99);
    for (let k = 0; k < 100; k++) {
      a.uniform(0); // interleaved draws on env 0 do not disturb env 1
      expect(a.normal(1)).toBe(b.normal(0));
    }
  });

  it('draws N(0, 1) normals (mean, variance within 5 standard errors)', () => {
    const r = new StreamRngs(1);
    r.seed(0, 1);
    const n = 200_000;
    const xs = new Float64Array(n);
    for (let k = 0; k < n; k++) xs[k] = r.normal(0);
    const { mean, variance } = meanVar(xs);
    expectClose('normal mean', mean, 0, 5 / Math.sqrt(n));
    expectClose('normal variance', variance, 1, 5 * Math.sqrt(2 / n));
  });

  it('draws Poisson counts with the right mean and variance, one uniform each', () => {
    const r = new StreamRngs(1);
    const ref = new StreamRngs(1);
    r.seed(0, 3);
    ref.seed(0, 3);
    const n = 100_000;
    const lam = 2.5;
    const xs = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      xs[k] = r.poisson(0, lam);
      ref.uniform(0);
    }
    expect(r.uniform(0)).toBe(ref.uniform(0)); // exactly one draw per call
    const { mean, variance } = meanVar(xs);
    expectClose('poisson mean', mean, lam, 5 * Math.sqrt(lam / n));
    expectClose('poisson variance', variance, lam, 5 * lam * Math.sqrt(3 / n));
  });
});

describe('StreamRngs.normal tails (ziggurat wedges and tail)', () => {
  it('matches N(0, 1) tail probabilities P(|Z| > 2) and P(|Z| > 3.4426) (beyond the base strip)', () => {
    const r = new StreamRngs(1);
    r.seed(0, 77);
    const n = 1_000_000;
    let over2 = 0;
    let overR = 0;
    let sum4 = 0;
    for (let k = 0; k < n; k++) {
      const z = r.normal(0);
      const a = Math.abs(z);
      if (a > 2) over2++;
      if (a > 3.442619855899) overR++;
      sum4 += z ** 4;
    }
    const p2 = 0.04550026389635842; // 2 (1 - Phi(2))
    const pR = 5.76109e-4; // 2 (1 - Phi(3.442619855899)) = erfc(r / sqrt 2)
    expectClose('P(|Z| > 2)', over2 / n, p2, 5 * Math.sqrt((p2 * (1 - p2)) / n));
    expectClose('P(|Z| > r)', overR / n, pR, 5 * Math.sqrt(pR / n));
    expectClose('E[Z^4]', sum4 / n, 3, 5 * Math.sqrt(96 / n));
  });
});

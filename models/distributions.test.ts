import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend.js';
import { Categorical, DiagGaussian, MultiCategorical, splitIndex } from './distributions.js';
import { SeededRandom } from './random.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('DiagGaussian', () => {
  it('logProb and entropy equal the closed forms (tol 1e-5)', () => {
    const mean = [0.3, -1.2];
    const logStd = [-0.5, 0.2];
    const a = [1.0, -0.7];
    let expected = 0;
    for (let j = 0; j < 2; j++) {
      const s = Math.exp(logStd[j]!);
      expected += -((a[j]! - mean[j]!) ** 2) / (2 * s * s) - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
    }
    const [lp, h] = tf.tidy(() => [
      DiagGaussian.logProb(tf.tensor2d([mean]), tf.tensor1d(logStd), tf.tensor2d([a])).dataSync()[0]!,
      DiagGaussian.entropy(tf.tensor1d(logStd)).dataSync()[0]!,
    ]);
    const hExpected = logStd.reduce((s, l) => s + l + 0.5 * (1 + Math.log(2 * Math.PI)), 0);
    console.log(`logProb ${lp} vs ${expected}; entropy ${h} vs ${hExpected}`);
    expect(lp).toBeCloseTo(expected, 5);
    expect(h).toBeCloseTo(hExpected, 5);
    expect(DiagGaussian.logProbJs(mean, logStd, a)).toBeCloseTo(expected, 12);
    expect(DiagGaussian.entropyJs(logStd)).toBeCloseTo(hExpected, 12);
  });

  it('samples have the right mean and std (Monte Carlo, 20k draws, tol 4 standard errors) and exact log-probs', () => {
    const n = 20000;
    const mean = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      mean[i * 3] = 1;
      mean[i * 3 + 1] = -2;
      mean[i * 3 + 2] = 99; // an extra column (the value) the sampler must skip
    }
    const logStd = new Float32Array([Math.log(0.5), 0]);
    const out = new Float32Array(n * 2);
    const lp = new Float32Array(n);
    DiagGaussian.sample(mean, 3, n, logStd, SeededRandom.fromSeed(1), out, lp);
    for (const [j, mu, sd] of [[0, 1, 0.5], [1, -2, 1]] as const) {
      let s = 0;
      let ss = 0;
      for (let i = 0; i < n; i++) s += out[i * 2 + j]!;
      const m = s / n;
      for (let i = 0; i < n; i++) ss += (out[i * 2 + j]! - m) ** 2;
      const sdHat = Math.sqrt(ss / (n - 1));
      console.log(`dim ${j}: mean ${m} (${mu}), std ${sdHat} (${sd})`);
      expect(Math.abs(m - mu)).toBeLessThan((4 * sd) / Math.sqrt(n));
      expect(Math.abs(sdHat - sd)).toBeLessThan((4 * sd) / Math.sqrt(2 * n));
    }
    expect(lp[5]).toBeCloseTo(DiagGaussian.logProbJs([1, -2], logStd, [out[10]!, out[11]!]), 4);
  });
});

describe('Categorical', () => {
  it('logProb and entropy equal the closed forms (tol 1e-5)', () => {
    const logits = [0.5, -1, 2];
    const z = logits.reduce((s, l) => s + Math.exp(l), 0);
    const p = logits.map((l) => Math.exp(l) / z);
    const hExpected = -p.reduce((s, q) => s + q * Math.log(q), 0);
    const [lp, h] = tf.tidy(() => [
      Categorical.logProb(tf.tensor2d([logits, logits]), tf.tensor1d([2, 0])).dataSync(),
      Categorical.entropy(tf.tensor2d([logits])).dataSync()[0]!,
    ]);
    expect(lp[0]).toBeCloseTo(Math.log(p[2]!), 5);
    expect(lp[1]).toBeCloseTo(Math.log(p[0]!), 5);
    expect(h).toBeCloseTo(hExpected, 5);
  });

  it('samples with the softmax frequencies (20k draws, tol 4 standard errors); argmax picks the largest logit', () => {
    const n = 20000;
    const logits = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) logits.set([0, 1, 0.5], i * 3);
    const out = new Float32Array(n);
    const lp = new Float32Array(n);
    Categorical.sample(logits, 3, n, 3, SeededRandom.fromSeed(2), out, lp);
    const z = 1 + Math.E + Math.exp(0.5);
    const p = [1 / z, Math.E / z, Math.exp(0.5) / z];
    for (let k = 0; k < 3; k++) {
      const f = out.filter((a) => a === k).length / n;
      expect(Math.abs(f - p[k]!)).toBeLessThan(4 * Math.sqrt((p[k]! * (1 - p[k]!)) / n));
    }
    expect(lp[0]).toBeCloseTo(Math.log(p[out[0]!]!), 5);
    const am = new Float32Array(1);
    Categorical.argmax(new Float32Array([0, 3, 1, 9]), 4, 1, 3, am);
    expect(am[0]).toBe(1);
  });
});

describe('MultiCategorical', () => {
  const nvec = [3, 2];
  const logits = [0.5, -1, 2, 0.3, -0.4];
  const softmax = (l: number[]): number[] => {
    const z = l.reduce((s, x) => s + Math.exp(x), 0);
    return l.map((x) => Math.exp(x) / z);
  };
  const p0 = softmax(logits.slice(0, 3));
  const p1 = softmax(logits.slice(3));

  it('splits a joint index by mixed radix, the first factor most significant (as the depth grid: bid * n + ask)', () => {
    const d = new Int32Array(2);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      splitIndex(i, nvec, d);
      seen.push(`${d[0]}${d[1]}`);
      expect(d[0]! * 2 + d[1]!).toBe(i);
    }
    expect(seen).toEqual(['00', '01', '10', '11', '20', '21']);
  });

  it('logProb is the sum of the factors\' log-probs and entropy the sum of their entropies (tol 1e-5)', () => {
    const H = (p: number[]): number => -p.reduce((s, q) => s + q * Math.log(q), 0);
    const [lp, h] = tf.tidy(() => [
      MultiCategorical.logProb(tf.tensor2d([logits, logits]), tf.tensor1d([5, 2]), nvec).dataSync(),
      MultiCategorical.entropy(tf.tensor2d([logits]), nvec).dataSync()[0]!,
    ]);
    expect(lp[0]).toBeCloseTo(Math.log(p0[2]! * p1[1]!), 5);
    expect(lp[1]).toBeCloseTo(Math.log(p0[1]! * p1[0]!), 5);
    expect(h).toBeCloseTo(H(p0) + H(p1), 5);
  });

  it('samples joint indices with the product frequencies (30k draws, tol 4 standard errors), exact log-probs; argmax is each factor\'s mode', () => {
    const n = 30000;
    const stride = 6; // logits then one extra column, as the network's rows carry the value
    const rows = new Float32Array(n * stride);
    for (let i = 0; i < n; i++) rows.set([...logits, 99], i * stride);
    const out = new Float32Array(n);
    const lp = new Float32Array(n);
    MultiCategorical.sample(rows, stride, n, nvec, SeededRandom.fromSeed(4), out, lp);
    for (let i = 0; i < 6; i++) {
      const p = p0[Math.floor(i / 2)]! * p1[i % 2]!;
      const f = out.filter((a) => a === i).length / n;
      expect(Math.abs(f - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
    const a = out[0]!;
    expect(lp[0]).toBeCloseTo(Math.log(p0[Math.floor(a / 2)]! * p1[a % 2]!), 5);
    const am = new Float32Array(2);
    MultiCategorical.argmax(new Float32Array([...logits, 99, 0, 4, 1, 5, 2, 99]), stride, 2, nvec, am);
    expect(Array.from(am)).toEqual([2 * 2 + 0, 1 * 2 + 0]);
  });
});

import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { fitExponentialIntensity } from './intensity.js';

/** Poisson draw by inversion (small means) or normal approximation with continuity (large). */
function poisson(rng: () => number, mean: number): number {
  if (mean > 500) {
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  let k = 0;
  let p = Math.exp(-mean);
  let s = p;
  const u = rng();
  while (u > s) {
    k++;
    p *= mean / k;
    s += p;
  }
  return k;
}

const A = 140;
const K = 1.5;
const depths = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4];

describe('fitExponentialIntensity (Poisson MLE)', () => {
  it('independent design: recovers A and k within 2 SE; Fisher SE matches the Monte Carlo spread', () => {
    const rng = seedrandom('intensity-independent');
    const E = 20;
    const ks: number[] = [];
    const As: number[] = [];
    let se = { A: 0, k: 0 };
    for (let rep = 0; rep < 200; rep++) {
      const counts = depths.map((d) => poisson(rng, E * A * Math.exp(-K * d)));
      const f = fitExponentialIntensity({ depths, counts, exposures: [E], design: 'independent' });
      ks.push(f.k);
      As.push(f.A);
      if (rep === 0) {
        console.log(`A = ${f.A.toFixed(2)} +- ${f.seA.toFixed(2)} (true ${A}), k = ${f.k.toFixed(4)} +- ${f.seK.toFixed(4)} (true ${K}), deviance ${f.deviance.toFixed(1)} on ${f.dof} dof; log-linear A ${f.logLinear.A.toFixed(2)}, k ${f.logLinear.k.toFixed(4)}`);
        expect(Math.abs(f.A - A)).toBeLessThan(2 * f.seA);
        expect(Math.abs(f.k - K)).toBeLessThan(2 * f.seK);
        expect(f.deviance / f.dof).toBeLessThan(3);
        se = { A: f.seA, k: f.seK };
      }
    }
    const sd = (x: number[]) => {
      const m = x.reduce((a, b) => a + b, 0) / x.length;
      return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
    };
    const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    console.log(`Monte Carlo sd(k) ${sd(ks).toFixed(4)} vs Fisher SE ${se.k.toFixed(4)}; sd(A) ${sd(As).toFixed(2)} vs ${se.A.toFixed(2)}`);
    // 200 replications: the sample sd is within ~10% of the truth; allow 25%
    expect(Math.abs(sd(ks) / se.k - 1)).toBeLessThan(0.25);
    expect(Math.abs(sd(As) / se.A - 1)).toBeLessThan(0.25);
    expect(Math.abs(mean(ks) - K)).toBeLessThan((3 * se.k) / Math.sqrt(200));
  });

  it('nested ladder (exceedance counts of market orders with Exp(k) reach): recovers A and k within 2 SE', () => {
    const rng = seedrandom('intensity-nested');
    const T = 3600;
    const n = poisson(rng, A * T * 0.01); // arrival rate 1.4 / s
    const rate = A * 0.01;
    const counts = depths.map(() => 0);
    for (let i = 0; i < n; i++) {
      const reach = -Math.log(1 - rng()) / K;
      depths.forEach((d, j) => {
        if (reach >= d) counts[j]! += 1;
      });
    }
    const f = fitExponentialIntensity({ depths, counts, exposures: [T], design: 'nested' });
    console.log(`nested: A ${f.A.toFixed(4)} +- ${f.seA.toFixed(4)} (true ${rate}), k ${f.k.toFixed(4)} +- ${f.seK.toFixed(4)} (true ${K})`);
    expect(Math.abs(f.A - rate)).toBeLessThan(2 * f.seA);
    expect(Math.abs(f.k - K)).toBeLessThan(2 * f.seK);
    // the MLE of k from binned exponential reaches is close to 1 / mean reach with the SE of n draws
    expect(f.seK).toBeGreaterThan(0.5 * (K / Math.sqrt(n)));
    expect(f.seK).toBeLessThan(2 * (K / Math.sqrt(n)));
  });

  it('rejects bad input naming the field', () => {
    expect(() => fitExponentialIntensity({ depths: [0, 1], counts: [1, 1], exposures: [1], design: 'independent' })).toThrow(/at least 3 depths/);
    expect(() => fitExponentialIntensity({ depths: [0, 1, 0.5], counts: [3, 2, 1], exposures: [1], design: 'independent' })).toThrow(/depths must be >= 0 and increasing; depths\[2\] = 0.5/);
    expect(() => fitExponentialIntensity({ depths: [0, 1, 2], counts: [1, 3, 1], exposures: [1], design: 'nested' })).toThrow(/must not increase/);
    expect(() => fitExponentialIntensity({ depths: [0, 1, 2], counts: [0, 0, 0], exposures: [1], design: 'nested' })).toThrow(/all counts are 0/);
    expect(() => fitExponentialIntensity({ depths: [0, 1, 2], counts: [3, 2, 1], exposures: [0], design: 'nested' })).toThrow(/exposure at depth 0 must be > 0, got 0/);
  });
});

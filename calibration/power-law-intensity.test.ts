import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { LadderCounts } from './ladder-bins.js';
import { fitPowerLawIntensity } from './power-law-intensity.js';

const A = 2;
const ALPHA = 3;
const DELTA0 = 0.8;
const T = 3600;
const lambda = (d: number): number => A * Math.pow(1 + d / DELTA0, -ALPHA);
const depths = Array.from({ length: 20 }, (_, j) => j * 0.25);

/** Poisson draw by inversion (small means) or normal approximation (large). */
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

/** Nested exceedance counts of Poisson orders whose reach has survival (1 + d/delta0)^-alpha. */
function simulateNested(rng: () => number, T: number): number[] {
  const n = poisson(rng, A * T);
  const counts = depths.map(() => 0);
  for (let i = 0; i < n; i++) {
    const reach = DELTA0 * (Math.pow(1 - rng(), -1 / ALPHA) - 1); // inverse of the survival
    for (let j = 0; j < depths.length && reach >= (depths[j] as number); j++) counts[j]! += 1;
  }
  return counts;
}

describe('fitPowerLawIntensity (Poisson MLE)', () => {
  it.each([
    ['nested, open tail', { design: 'nested', tail: 'open' }],
    ['nested, closed tail', { design: 'nested', tail: 'closed' }],
    ['independent', { design: 'independent' }],
  ] as const)('returns the true A, alpha, delta0 from expected counts (%s)', (_name, d) => {
    const c: LadderCounts = { depths, counts: depths.map((x) => T * lambda(x)), exposures: [T], ...d };
    const f = fitPowerLawIntensity(c);
    expect(Math.abs(f.A / A - 1)).toBeLessThan(1e-6);
    expect(Math.abs(f.alpha / ALPHA - 1)).toBeLessThan(1e-6);
    expect(Math.abs(f.delta0 / DELTA0 - 1)).toBeLessThan(1e-6);
    expect(f.kEff).toBeCloseTo(ALPHA / DELTA0, 5);
    expect(f.deviance).toBeLessThan(1e-8);
    expect(f.atBound).toBe(false);
    expect(f.dof).toBe((d.design === 'nested' && 'tail' in d && d.tail === 'closed' ? depths.length - 1 : depths.length) - 3);
  });

  it('a ladder starting above 0 (shape relative to the first depth): still the true A = lambda(0)', () => {
    const ds = depths.slice(4);
    const f = fitPowerLawIntensity({ depths: ds, counts: ds.map((x) => T * lambda(x)), exposures: [T], design: 'nested', tail: 'closed' });
    expect(Math.abs(f.A / A - 1)).toBeLessThan(1e-5);
    expect(Math.abs(f.alpha / ALPHA - 1)).toBeLessThan(1e-5);
    expect(Math.abs(f.delta0 / DELTA0 - 1)).toBeLessThan(1e-5);
  });

  it('simulated orders (seeded): within 2 SE; Fisher SE matches the Monte Carlo spread', () => {
    const rng = seedrandom('power-law-nested');
    const alphas: number[] = [];
    const deltas: number[] = [];
    let first = fitPowerLawIntensity({ depths, counts: simulateNested(rng, T), exposures: [T], design: 'nested', tail: 'closed' });
    console.log(`power law: A ${first.A.toFixed(4)} +- ${first.seA.toFixed(4)} (true ${A}), alpha ${first.alpha.toFixed(3)} +- ${first.seAlpha.toFixed(3)} (true ${ALPHA}), delta0 ${first.delta0.toFixed(3)} +- ${first.seDelta0.toFixed(3)} (true ${DELTA0}); deviance ${first.deviance.toFixed(1)} on ${first.dof} dof`);
    expect(Math.abs(first.A - A)).toBeLessThan(2 * first.seA);
    expect(Math.abs(first.alpha - ALPHA)).toBeLessThan(2 * first.seAlpha);
    expect(Math.abs(first.delta0 - DELTA0)).toBeLessThan(2 * first.seDelta0);
    expect(first.deviance / first.dof).toBeLessThan(3);
    // 60 replications (shorter tapes): the sample sd of alpha and delta0 within 30% of the Fisher SE
    const Tm = 600;
    first = fitPowerLawIntensity({ depths, counts: simulateNested(rng, Tm), exposures: [Tm], design: 'nested', tail: 'closed' });
    for (let rep = 0; rep < 60; rep++) {
      const f = fitPowerLawIntensity({ depths, counts: simulateNested(rng, Tm), exposures: [Tm], design: 'nested', tail: 'closed' });
      alphas.push(f.alpha);
      deltas.push(f.delta0);
    }
    const sd = (x: number[]): number => {
      const m = x.reduce((a, b) => a + b, 0) / x.length;
      return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
    };
    console.log(`Monte Carlo sd(alpha) ${sd(alphas).toFixed(3)} vs Fisher SE ${first.seAlpha.toFixed(3)}; sd(delta0) ${sd(deltas).toFixed(3)} vs ${first.seDelta0.toFixed(3)}`);
    expect(Math.abs(sd(alphas) / first.seAlpha - 1)).toBeLessThan(0.3);
    expect(Math.abs(sd(deltas) / first.seDelta0 - 1)).toBeLessThan(0.3);
  });

  it('exponential data: runs to the exponential limit (atBound), k_eff = k', () => {
    const f = fitPowerLawIntensity({ depths, counts: depths.map((x) => T * A * Math.exp(-1.5 * x)), exposures: [T], design: 'nested' });
    expect(f.atBound).toBe(true);
    expect(f.kEff).toBeCloseTo(1.5, 2);
    expect(f.A).toBeCloseTo(A, 6);
  });

  it('rejects bad input naming the field', () => {
    expect(() => fitPowerLawIntensity({ depths: [0, 1, 2], counts: [3, 2, 1], exposures: [1], design: 'nested' })).toThrow(/at least 4 depths .*got 3/);
    expect(() => fitPowerLawIntensity({ depths: [0, 1, 2, 3], counts: [4, 3, 2, 1], exposures: [1], design: 'nested', tail: 'closed' })).toThrow(/at least 5 depths on the ladder \(3 parameters \+ 1 dof; a closed tail .*got 4/);
    expect(() => fitPowerLawIntensity({ depths: [0, 1, 2, 3, 4], counts: [2, 2, 2, 2, 2], exposures: [1], design: 'nested', tail: 'closed' })).toThrow(/no orders inside the ladder/);
    expect(() => fitPowerLawIntensity({ depths: [0, 1, 2, 3], counts: [4, 3, 2, 1], exposures: [1], design: 'nested', tail: 'shut' as 'closed' })).toThrow(/tail must be 'open' or 'closed', got "shut"/);
  });
});

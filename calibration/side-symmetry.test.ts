import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { LadderCounts } from './ladder-bins.js';
import { chiSquare2Survival, sideSymmetryTest } from './side-symmetry.js';

const T = 3600;
const depths = Array.from({ length: 12 }, (_, j) => j * 0.1);

/** Nested counts of Poisson(A T) orders with Exp(k) reach. */
function side(rng: () => number, A: number, k: number): LadderCounts {
  const counts = depths.map(() => 0);
  for (let t = -Math.log(1 - rng()) / A; t < T; t += -Math.log(1 - rng()) / A) {
    const reach = -Math.log(1 - rng()) / k;
    for (let j = 0; j < depths.length && reach >= (depths[j] as number); j++) counts[j]! += 1;
  }
  return { depths, counts, exposures: [T], design: 'nested', tail: 'closed' };
}

describe('likelihood-ratio test of equal sides', () => {
  it('chi-square(2) survival is exp(-x/2) exactly', () => {
    expect(chiSquare2Survival(0)).toBe(1);
    expect(chiSquare2Survival(2 * Math.log(20))).toBeCloseTo(0.05, 15); // the 5% critical value 5.9915
    expect(chiSquare2Survival(5.991464547107979)).toBeCloseTo(0.05, 12);
    expect(() => chiSquare2Survival(-1)).toThrow(/chi-square statistic must be >= 0, got -1/);
  });

  it('identical expected counts: LR 0, p = 1', () => {
    const c: LadderCounts = { depths, counts: depths.map((d) => T * 0.5 * Math.exp(-5 * d)), exposures: [T], design: 'nested', tail: 'closed' };
    const t = sideSymmetryTest(c, c);
    expect(t.statistic).toBeLessThan(1e-6);
    expect(t.pValue).toBeGreaterThan(0.999);
    expect(t.pooled.A).toBeCloseTo(0.5, 6);
    expect(t.pooled.k).toBeCloseTo(5, 5);
  });

  it('equal sides (seeded) -> large p; very different sides -> tiny p', () => {
    const rng = seedrandom('side-symmetry');
    const eq = sideSymmetryTest(side(rng, 0.5, 5), side(rng, 0.5, 5));
    const diff = sideSymmetryTest(side(rng, 0.5, 5), side(rng, 0.8, 3));
    console.log(`equal sides: LR ${eq.statistic.toFixed(2)}, p ${eq.pValue.toFixed(3)}; different sides: LR ${diff.statistic.toFixed(1)}, p ${diff.pValue.toExponential(2)}`);
    expect(eq.pValue).toBeGreaterThan(0.1);
    expect(diff.pValue).toBeLessThan(1e-10);
  });

  it('refuses ladders that differ', () => {
    const rng = seedrandom('side-symmetry-bad');
    const a = side(rng, 0.5, 5);
    expect(() => sideSymmetryTest(a, { ...a, depths: depths.map((d) => d * 2) })).toThrow(/same depths/);
    expect(() => sideSymmetryTest(a, { ...a, tail: 'open' })).toThrow(/same design and tail, got nested\/closed and nested\/open/);
  });
});

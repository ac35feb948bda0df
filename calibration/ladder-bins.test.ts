/**
 * The ladder likelihood's pieces: bins and weights of both designs (and a Monte Carlo check that
 * nested bin counts have mean A E w_j), the Poisson statistics against their definitions,
 * log n! against the exact sum, the small matrix inverse, and the named validation errors.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { type LadderCounts, binCounts, binTotal, binWeights, exposureAt, invertSymmetric, logFactorial, poissonBinStats, validateLadder } from './ladder-bins.js';

const depths = [0, 0.5, 1, 1.5];
const nested = (tail?: 'open' | 'closed'): LadderCounts => ({ depths, counts: [100, 60, 30, 10], exposures: [50], design: 'nested', ...(tail === undefined ? {} : { tail }) });

describe('bins', () => {
  it('independent: one bin per depth, the counts as they are; exposures per depth or shared', () => {
    const c: LadderCounts = { depths, counts: [5, 3, 2, 0], exposures: [1, 2, 3, 4], design: 'independent' };
    expect([binTotal(c), binCounts(c), exposureAt(c, 2)]).toEqual([4, [5, 3, 2, 0], 3]);
    expect(exposureAt(nested(), 3)).toBe(50);
  });
  it('nested: disjoint bins n_j = N_j - N_{j+1}; the open tail keeps N_{J-1}, the closed one drops it', () => {
    expect([binTotal(nested()), binCounts(nested())]).toEqual([4, [40, 30, 20, 10]]);
    expect([binTotal(nested('closed')), binCounts(nested('closed'))]).toEqual([3, [40, 30, 20]]);
  });
  it('weights: s(d_j) - s(d_{j+1}) for nested bins, s(d_J-1) for the open tail, s(d_j) independent; gradients likewise', () => {
    const k = 1.3;
    const s = (d: number): number => Math.exp(-k * d);
    const ds = (d: number): number[] => [-d * Math.exp(-k * d), 2 * d];
    const open = binWeights(nested(), s, ds);
    expect(open.w.length).toBe(4);
    for (let j = 0; j < 3; j++) {
      expect(open.w[j]).toBeCloseTo(s(depths[j]!) - s(depths[j + 1]!), 15);
      expect(open.dw[j]![0]).toBeCloseTo(ds(depths[j]!)[0]! - ds(depths[j + 1]!)[0]!, 15);
      expect(open.dw[j]![1]).toBeCloseTo(-1, 15);
    }
    expect(open.w[3]).toBe(s(1.5));
    expect(open.dw[3]).toEqual(ds(1.5));
    // open-tail nested weights sum to s(d_0) (the bins partition [d_0, inf))
    expect(open.w.reduce((a, b) => a + b, 0)).toBeCloseTo(s(0), 14);
    const closed = binWeights(nested('closed'), s, ds);
    expect(closed.w).toEqual(open.w.slice(0, 3));
    const ind = binWeights({ depths, counts: [1, 1, 1, 1], exposures: [1], design: 'independent' }, s, ds);
    expect(ind.w).toEqual(depths.map(s));
  });
  it('Monte Carlo: nested bin counts of Poisson orders with exponential reach have mean A E w_j (4 se)', () => {
    const rng = seedrandom('ladder-mc');
    const [A, k, E] = [2, 1.3, 30];
    const runs = 400;
    const sums = [0, 0, 0, 0];
    const sq = [0, 0, 0, 0];
    for (let r = 0; r < runs; r++) {
      // Poisson(A E) orders, each reaching an Exp(k) depth: orders reaching >= d arrive at rate A e^{-k d}
      let n = 0;
      for (let t = -Math.log(1 - rng()) / A; t < E; t += -Math.log(1 - rng()) / A) n++;
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < n; i++) {
        const reach = -Math.log(1 - rng()) / k;
        for (let j = 0; j < 4 && reach >= depths[j]!; j++) counts[j]!++;
      }
      const bins = binCounts({ depths, counts, exposures: [E], design: 'nested' });
      bins.forEach((b, j) => {
        sums[j]! += b;
        sq[j]! += b * b;
      });
    }
    const { w } = binWeights(nested(), (d) => Math.exp(-k * d), () => []);
    for (let j = 0; j < 4; j++) {
      const mean = sums[j]! / runs;
      const sd = Math.sqrt(sq[j]! / runs - mean * mean);
      expect(Math.abs(mean - A * E * w[j]!)).toBeLessThan((4 * sd) / Math.sqrt(runs));
    }
  });
});

describe('poissonBinStats', () => {
  it('log-likelihood, deviance and Pearson chi2 from their definitions', () => {
    const n = [0, 3, 25, 7];
    const mu = [0.5, 2.5, 30, 7];
    const lf = (x: number): number => {
      let s = 0;
      for (let i = 2; i <= x; i++) s += Math.log(i);
      return s;
    };
    const ll = n.reduce((acc, x, j) => acc + x * Math.log(mu[j]!) - mu[j]! - lf(x), 0);
    const sat = n.reduce((acc, x) => acc + (x > 0 ? x * Math.log(x) : 0) - x - lf(x), 0);
    const pearson = n.reduce((acc, x, j) => acc + (x - mu[j]!) ** 2 / mu[j]!, 0);
    const st = poissonBinStats(n, mu);
    expect(st.logLikelihood).toBeCloseTo(ll, 9);
    expect(st.deviance).toBeCloseTo(2 * (sat - ll), 9); // deviance = 2 (saturated - fitted)
    expect(st.pearsonChi2).toBeCloseTo(pearson, 12);
    expect(poissonBinStats([4, 9], [4, 9]).deviance).toBeCloseTo(0, 14);
  });
});

describe('logFactorial', () => {
  it('exact to 20; the Stirling series beyond within its first omitted term 1/(1260 (n+1)^5) of the exact sum', () => {
    expect([logFactorial(0), logFactorial(1)]).toEqual([0, 0]);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 14);
    let exact = 0;
    for (let i = 2; i <= 500; i++) {
      exact += Math.log(i);
      if (i > 20) expect(Math.abs(logFactorial(i) - exact)).toBeLessThan(1 / (1260 * (i + 1) ** 5) + 1e-13 * exact);
    }
  });
});

describe('invertSymmetric', () => {
  it('M M^-1 = I for random SPD matrices; NaNs when singular', () => {
    const rng = seedrandom('inv');
    for (const n of [1, 2, 3, 5]) {
      const b = Array.from({ length: n }, () => Array.from({ length: n }, () => rng() - 0.5));
      const m = b.map((_, i) => b.map((_, j) => b.reduce((acc, row) => acc + row[i]! * row[j]!, 0) + (i === j ? 0.1 : 0)));
      const inv = invertSymmetric(m);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        const x = m[i]!.reduce((acc, v, k) => acc + v * inv[k]![j]!, 0);
        expect(x).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    expect(invertSymmetric([[1, 2], [2, 4]]).flat().every(Number.isNaN)).toBe(true);
  });
});

describe('validateLadder', () => {
  it('passes a good ladder', () => {
    expect(() => validateLadder(nested())).not.toThrow();
    expect(() => validateLadder(nested('closed'))).not.toThrow();
  });
  it.each([
    [{ depths: [0, 1], counts: [2, 1] }, 'need at least 3 depths on the ladder (2 parameters + 1 dof), got 2'],
    [{ depths: [0, 1, 2], counts: [3, 2, 1], tail: 'closed' as const }, 'need at least 4 depths on the ladder (2 parameters + 1 dof; a closed tail has one bin fewer than depths), got 3'],
    [{ counts: [1, 1, 1] }, 'counts must have 4 entries (one per depth), got 3'],
    [{ exposures: [1, 2] }, 'exposures must have 1 or 4 entries, got 2'],
    [{ tail: 'half' as never }, `tail must be 'open' or 'closed', got "half"`],
    [{ depths: [0, 0.5, 0.5, 1] }, 'depths must be >= 0 and increasing; depths[2] = 0.5'],
    [{ depths: [-1, 0.5, 1, 2] }, 'depths must be >= 0 and increasing; depths[0] = -1'],
    [{ counts: [100, 60, -1, 0] }, 'counts[2] must be >= 0, got -1'],
    [{ exposures: [0] }, 'exposure at depth 0 must be > 0, got 0'],
    [{ counts: [100, 60, 70, 10] }, 'nested counts must not increase with depth: counts[2] = 70 > counts[1] = 60'],
    [{ counts: [0, 0, 0, 0] }, 'all counts are 0: no fills to fit'],
    [{ counts: [5, 5, 5, 5], tail: 'closed' as const }, 'all bin counts are 0: no orders inside the ladder to fit'],
  ] as [Partial<LadderCounts>, string][])('%j', (patch, msg) => {
    expect(() => validateLadder({ ...nested(), ...patch })).toThrow(RangeError);
    expect(() => validateLadder({ ...nested(), ...patch })).toThrow(msg);
  });
  it('the number of parameters sets the minimum depth count', () => {
    expect(() => validateLadder(nested(), 3)).not.toThrow();
    expect(() => validateLadder(nested(), 4)).toThrow('need at least 5 depths on the ladder (4 parameters + 1 dof), got 4');
  });
});

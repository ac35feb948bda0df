/**
 * Inventory metrics: the pooled AR(1) half-life recovers the rho of simulated AR(1) inventory
 * (within 4 standard errors of the estimate), pooling is additive, and the distribution and
 * quantiles match direct computations.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { type EpisodeView, makeEpisodeView } from './episode-view.js';
import { addAr1Sums, averageAbsInventory, inventoryHalfLife, inventoryQuantilesOverTime, terminalInventoryDistribution } from './inventory.js';

const viewOf = (q: number[]): EpisodeView => {
  const n = q.length - 1;
  const z = new Array(n).fill(0);
  return makeEpisodeView({ mid: new Array(n + 1).fill(100), inventory: q, cash: new Array(n + 1).fill(0), bid: z, ask: z, bidFill: z, askFill: z, fees: z, reward: z });
};

describe('inventory half-life', () => {
  it('recovers -ln 2 / ln rho dt from simulated AR(1) episodes (rho within 4 se)', () => {
    const rng = seedrandom('ar1');
    const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const rho = 0.9;
    const sums = { sxy: 0, sxx: 0 };
    for (let e = 0; e < 40; e++) {
      const q = [gauss() * 3];
      for (let t = 0; t < 200; t++) q.push(rho * q[t]! + gauss());
      addAr1Sums(viewOf(q), sums);
    }
    const est = sums.sxy / sums.sxx;
    const se = 1 / Math.sqrt(sums.sxx); // OLS through the origin with unit noise
    expect(Math.abs(est - rho)).toBeLessThan(4 * se);
    const dt = 0.5;
    expect(inventoryHalfLife(sums, dt)!).toBeCloseTo((-Math.LN2 / Math.log(est)) * dt, 12);
    const h = inventoryHalfLife(sums, dt)!;
    const hTrue = (-Math.LN2 / Math.log(rho)) * dt;
    expect(Math.abs(h - hTrue) / hTrue).toBeLessThan(0.2);
  });
  it('pooling: sums over episodes add, so the fit of two episodes is the fit of their sums', () => {
    const a = addAr1Sums(viewOf([3, 2, 1]), { sxy: 0, sxx: 0 });
    expect(a).toEqual({ sxy: 3 * 2 + 2 * 1, sxx: 9 + 4 });
    const both = addAr1Sums(viewOf([-4, -1]), { ...a });
    expect(both).toEqual({ sxy: a.sxy + 4, sxx: a.sxx + 16 });
  });
});

describe('averageAbsInventory', () => {
  it('mean |q| over the post-step states; 0 for an empty episode', () => {
    expect(averageAbsInventory(viewOf([10, -2, 3, 0]))).toBeCloseTo(5 / 3, 15); // q_0 = 10 is not counted
    expect(averageAbsInventory(viewOf([7]))).toBe(0);
  });
});

describe('terminalInventoryDistribution', () => {
  it('mean, sample sd, mean |q| and an ascending histogram; one episode has sd 0; none is refused', () => {
    const rng = seedrandom('qT');
    const q = Array.from({ length: 200 }, () => Math.round(rng() * 10 - 5));
    const d = terminalInventoryDistribution(q);
    const m = q.reduce((a, b) => a + b, 0) / q.length;
    expect(d.mean).toBeCloseTo(m, 12);
    expect(d.std).toBeCloseTo(Math.sqrt(q.reduce((a, b) => a + (b - m) ** 2, 0) / (q.length - 1)), 12);
    expect(d.meanAbs).toBeCloseTo(q.reduce((a, b) => a + Math.abs(b), 0) / q.length, 12);
    expect(d.histogram.map((h) => h.inventory)).toEqual([...new Set(q)].sort((a, b) => a - b));
    for (const h of d.histogram) expect(h.count).toBe(q.filter((x) => x === h.inventory).length);
    expect(terminalInventoryDistribution([4]).std).toBe(0);
    expect(() => terminalInventoryDistribution([])).toThrow('terminalInventoryDistribution needs at least one episode, got 0');
  });
});

describe('inventoryQuantilesOverTime', () => {
  it('type-7 quantiles of each time column, NaN entries skipped; a column of NaNs gives NaN', () => {
    // 3 episodes, 2 steps (3 states each)
    const inv = Float64Array.from([0, 1, 5, 0, 3, Number.NaN, 0, 2, Number.NaN]);
    const rows = inventoryQuantilesOverTime(inv, 3, 2, [0, 0.25, 0.5, 1]);
    expect(rows.map((r) => Array.from(r))).toEqual([
      [0, 0, 0, 0],
      [1, 1.5, 2, 3],
      [5, 5, 5, 5],
    ]);
    const nan = inventoryQuantilesOverTime(Float64Array.from([Number.NaN, Number.NaN]), 1, 1, [0.5]);
    expect(Number.isNaN(nan[0]![0]!)).toBe(true);
  });
});

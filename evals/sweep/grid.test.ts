/** Grid expansion against brute force: the product's order and size, and the stratified sample's balance and distinctness over seeded random grids. */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { type GridValue, cartesianGrid, gridAxes, gridSize, stratifiedSample } from './grid.js';

describe('axes and product', () => {
  it('policy is the first axis, then the grid keys in order; size is the product of the level counts', () => {
    const axes = gridAxes(['p', 'q'], { a: [1, 2], b: [true, false, 'x'] });
    expect(axes.map(([k]) => k)).toEqual(['policy', 'a', 'b']);
    expect(gridSize(axes)).toBe(12);
    expect(gridSize([])).toBe(1);
  });
  it('cartesianGrid equals nested loops (last key fastest)', () => {
    const axes = gridAxes(['p', 'q'], { a: [1, 2, 3], b: ['u', 'v'] });
    const want: Record<string, GridValue>[] = [];
    for (const policy of ['p', 'q']) for (const a of [1, 2, 3]) for (const b of ['u', 'v']) want.push({ policy, a, b });
    expect(cartesianGrid(axes)).toEqual(want);
    expect(cartesianGrid([])).toEqual([{}]);
    expect(cartesianGrid([['x', []]])).toEqual([]);
  });
});

describe('stratifiedSample', () => {
  it('on random grids: every level floor or ceil of size/levels times, distinct points of the grid, reproducible', () => {
    const rng = seedrandom('strat');
    for (let trial = 0; trial < 30; trial++) {
      const nAxes = 1 + Math.floor(rng() * 3);
      const grid: Record<string, number[]> = {};
      for (let k = 0; k < nAxes; k++) grid[`k${k}`] = Array.from({ length: 2 + Math.floor(rng() * 4) }, (_, i) => i);
      const axes = gridAxes(['a', 'b', 'c'].slice(0, 1 + Math.floor(rng() * 3)), grid);
      const total = gridSize(axes);
      // any size below the grid's: near it, independent shuffles almost always collide and the
      // draw is repaired by swaps within columns
      const size = 1 + Math.floor(rng() * (total - 1));
      const s = stratifiedSample(axes, size, trial);
      expect(s).toHaveLength(size);
      expect(new Set(s.map((p) => JSON.stringify(p))).size).toBe(size);
      const all = new Set(cartesianGrid(axes).map((p) => JSON.stringify(p)));
      for (const p of s) expect(all.has(JSON.stringify(p))).toBe(true);
      for (const [name, values] of axes) {
        for (const v of values) {
          const c = s.filter((p) => p[name] === v).length;
          expect(c === Math.floor(size / values.length) || c === Math.ceil(size / values.length)).toBe(true);
        }
      }
      expect(stratifiedSample(axes, size, trial)).toEqual(s);
    }
  });
  it('sizes near the grid size, where shuffles collide: 23, 28, 31 of 32 points on every seed, 370 of 375', () => {
    const axes = gridAxes(['a', 'b'], { x: [0, 1], y: [0, 1], z: [0, 1, 2, 3] });
    for (const size of [23, 28, 31]) {
      for (let seed = 0; seed < 20; seed++) {
        const s = stratifiedSample(axes, size, seed);
        expect(new Set(s.map((p) => JSON.stringify(p))).size).toBe(size);
        for (const [name, values] of axes) for (const v of values) expect(Math.abs(s.filter((p) => p[name] === v).length - size / values.length)).toBeLessThan(1);
      }
    }
    const big = gridAxes(['a', 'b', 'c'], { x: [1, 2, 3, 4, 5], y: [1, 2, 3, 4, 5], z: [1, 2, 3, 4, 5] });
    expect(new Set(stratifiedSample(big, 370, 2).map((p) => JSON.stringify(p))).size).toBe(370);
  });

  it('size >= the grid: the full product in order; bad sizes named', () => {
    const axes = gridAxes(['p'], { a: [1, 2] });
    expect(stratifiedSample(axes, 2, 0)).toEqual(cartesianGrid(axes));
    expect(stratifiedSample(axes, 99, 0)).toEqual(cartesianGrid(axes));
    expect(() => stratifiedSample(axes, 0, 0)).toThrow('sample.size must be an integer >= 1, got 0');
    expect(() => stratifiedSample(axes, 1.5, 0)).toThrow('sample.size must be an integer >= 1, got 1.5');
  });
});

import { describe, expect, it } from 'vitest';
import { Box, Discrete } from './spaces.js';

describe('Box', () => {
  it('samples inside its bounds and reproducibly for a seed', () => {
    const a = new Box([-1, -1], [1, 1], 7);
    const b = new Box([-1, -1], [1, 1], 7);
    for (let i = 0; i < 1000; i++) {
      const x = a.sample();
      expect(a.contains(x)).toBe(true);
      expect(Array.from(b.sample())).toEqual(Array.from(x));
    }
  });
  it('rejects NaN, wrong length and out-of-range points', () => {
    const box = new Box([0, 0], [5, 5]);
    expect(box.contains([NaN, 1])).toBe(false);
    expect(box.contains([1])).toBe(false);
    expect(box.contains([6, 1])).toBe(false);
    expect(() => new Box([1], [0])).toThrow(/low\[0\]/);
  });
});

describe('Discrete', () => {
  it('samples integers in [0, n) and checks membership', () => {
    const d = new Discrete(9, 3);
    for (let i = 0; i < 500; i++) expect(d.contains(d.sample())).toBe(true);
    expect(d.contains(9)).toBe(false);
    expect(d.contains(1.5)).toBe(false);
    expect(() => new Discrete(0)).toThrow(/n must be/);
  });
});

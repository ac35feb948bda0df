import { describe, expect, it } from 'vitest';
import { setPath } from './set-path.js';

describe('setPath', () => {
  it('creates nested objects, keeps siblings, replaces a scalar on the way, overwrites the leaf', () => {
    const o: Record<string, unknown> = {};
    setPath(o, ['price', 'sigma'], 3);
    setPath(o, ['price', 'mu'], 0);
    setPath(o, ['gamma'], 0.1);
    setPath(o, ['gamma', 'x'], 1);
    setPath(o, ['price', 'sigma'], 4);
    expect(o).toEqual({ price: { sigma: 4, mu: 0 }, gamma: { x: 1 } });
  });

  it('refuses prototype keys anywhere in the path (no prototype pollution), naming the path', () => {
    for (const path of [['__proto__', 'maxEpisodeSteps'], ['constructor', 'prototype', 'x'], ['price', '__proto__']]) {
      const o: Record<string, unknown> = {};
      expect(() => setPath(o, path, 3)).toThrow(new RegExp(`--set ${path.join('\\.')}: key "(__proto__|constructor)" is not allowed`));
      expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).maxEpisodeSteps).toBeUndefined();
    }
  });
});

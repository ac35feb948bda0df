import { describe, expect, it } from 'vitest';
import { FORBIDDEN_KEYS, assertSafeKey } from './safe-key.js';

describe('assertSafeKey', () => {
  it('refuses the prototype-reaching keys, naming the path and the key', () => {
    expect([...FORBIDDEN_KEYS].sort()).toEqual(['__proto__', 'constructor', 'prototype']);
    for (const k of FORBIDDEN_KEYS) {
      expect(() => assertSafeKey(k, `--set a.${k}`)).toThrow(RangeError);
      expect(() => assertSafeKey(k, `--set a.${k}`)).toThrow(`--set a.${k}: key "${k}" is not allowed`);
    }
  });
  it('lets ordinary field names through, also look-alikes', () => {
    for (const k of ['arrivals', 'k', '__proto', 'Constructor', 'prototypes', '', 'toString']) expect(() => assertSafeKey(k, 'p')).not.toThrow();
  });
});

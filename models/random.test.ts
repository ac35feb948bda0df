/**
 * SeededRandom (random.ts) against an independent Alea stream (seedrandom itself): uniforms, the
 * Box–Muller pair (cos then sin), integers, the Fisher–Yates shuffle; a saved state (mid-pair
 * included) continuing the same stream through JSON; and the refusals of bad seeds and states.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from './random.js';

describe('SeededRandom', () => {
  it('uniform() is the Alea stream of String(seed)', () => {
    const r = SeededRandom.fromSeed(42);
    const ref = seedrandom.alea('42');
    for (let i = 0; i < 20; i++) expect(r.uniform()).toBe(ref());
    expect(SeededRandom.fromSeed(43).uniform()).not.toBe(SeededRandom.fromSeed(42).uniform());
  });

  it('normal() draws Box–Muller pairs: sqrt(-2 ln u1) cos(2 pi u2), then the same with sin', () => {
    const r = SeededRandom.fromSeed(7);
    const ref = seedrandom.alea('7');
    for (let k = 0; k < 10; k++) {
      const u1 = ref();
      const u2 = ref();
      const rad = Math.sqrt(-2 * Math.log(u1));
      expect(r.normal()).toBe(rad * Math.cos(2 * Math.PI * u2));
      expect(r.normal()).toBe(rad * Math.sin(2 * Math.PI * u2));
    }
    // and the sample moments of many draws are those of N(0, 1) (seeded, so a fixed check)
    const n = 20000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      ss += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.04);
  });

  it('int(n) is floor(u n); shuffle is Fisher–Yates from the last index down', () => {
    const r = SeededRandom.fromSeed(5);
    const ref = seedrandom.alea('5');
    for (let i = 0; i < 20; i++) expect(r.int(7)).toBe(Math.floor(ref() * 7));
    const a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const b = a.slice();
    r.shuffle(a);
    for (let i = b.length - 1; i > 0; i--) {
      const j = Math.floor(ref() * (i + 1));
      [b[i], b[j]] = [b[j]!, b[i]!];
    }
    expect(a).toEqual(b);
    expect(a.slice().sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const u = Uint32Array.from([1, 2, 3]);
    r.shuffle(u);
    expect(Array.from(u).sort()).toEqual([1, 2, 3]);
  });

  it('state() through JSON continues the same stream, including the cached second normal of a pair', () => {
    const r = SeededRandom.fromSeed(9);
    r.uniform();
    r.normal(); // the sin half is cached
    const s = JSON.parse(JSON.stringify(r.state()));
    expect(typeof s.spare).toBe('number');
    const copy = SeededRandom.fromState(s);
    for (let i = 0; i < 5; i++) expect(copy.normal()).toBe(r.normal());
    for (let i = 0; i < 5; i++) expect(copy.uniform()).toBe(r.uniform());
    expect(copy.state()).toEqual(r.state());
    expect(SeededRandom.fromSeed(1).state().spare).toBeNull();
  });

  it('refuses a non-finite seed and a malformed state, saying what a state must be', () => {
    expect(() => SeededRandom.fromSeed(Number.NaN)).toThrow('seed must be a finite number, got NaN');
    expect(() => SeededRandom.fromSeed(Number.POSITIVE_INFINITY)).toThrow(/got Infinity/);
    const good = SeededRandom.fromSeed(2).state();
    const bad = (s: unknown): void => void SeededRandom.fromState(s as never);
    const what = /generator state must be \{ alea: \{ c: integer >= 0, s0, s1, s2 in \[0, 1\) \}, spare \}/;
    expect(() => bad({ ...good, alea: { ...good.alea, s0: 1 } })).toThrow(what);
    expect(() => bad({ ...good, alea: { ...good.alea, s2: -0.1 } })).toThrow(what);
    expect(() => bad({ ...good, alea: { ...good.alea, c: 1.5 } })).toThrow(what);
    expect(() => bad({ spare: null })).toThrow(what);
    expect(() => bad(null)).toThrow(what);
    expect(() => bad({ ...good, spare: Number.NaN })).toThrow('generator state spare must be null or a finite number, got NaN');
    expect(() => bad({ ...good, spare: '1' })).toThrow(/spare must be null or a finite number, got 1/);
  });
});

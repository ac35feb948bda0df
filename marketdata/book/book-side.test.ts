/** A price-level book side against a brute-force model (a Map sorted on every read), on seeded random operations. */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { BookSide } from './book-side.js';

describe('BookSide', () => {
  it('bids best first = descending, asks ascending; set 0 removes; NaN / 0 past the end', () => {
    const b = new BookSide('bid');
    expect([b.set(100, 5), b.set(102, 1), b.set(101, 3)]).toEqual([0, 0, 1]);
    expect([b.priceAt(0), b.priceAt(1), b.priceAt(2), b.depth]).toEqual([102, 101, 100, 3]);
    expect([b.sizeAt(1), b.sizeAtPrice(100), b.sizeAtPrice(99)]).toEqual([3, 5, 0]);
    expect(b.set(101, 0)).toBe(1);
    expect([b.depth, b.priceAt(1), Number.isNaN(b.priceAt(5)), b.sizeAt(5)]).toEqual([2, 100, true, 0]);
    expect(b.set(55, 0)).toBe(2); // removing an absent price: no change
    expect(b.depth).toBe(2);
    const a = new BookSide('ask');
    a.set(100, 5);
    a.set(99, 1);
    a.set(101, 1);
    expect([a.priceAt(0), a.priceAt(1), a.priceAt(2)]).toEqual([99, 100, 101]);
    expect([a.better(99, 100), a.better(100, 100), b.better(101, 100)]).toEqual([true, false, true]);
    expect([a.position(99.5), a.position(99), b.position(101)]).toEqual([1, 0, 1]);
  });
  it('add: a delta on the size, the level removed at or below 0, the new size (>= 0) returned', () => {
    const a = new BookSide('ask');
    expect(a.add(10, 4)).toBe(4);
    expect(a.add(10, -1)).toBe(3);
    expect(a.add(10, -5)).toBe(0);
    expect(a.depth).toBe(0);
    expect(a.add(11, -2)).toBe(0);
    expect(a.depth).toBe(0);
  });
  it('truncate drops the levels from an index on; clear empties', () => {
    const b = new BookSide('bid');
    for (const p of [1, 2, 3, 4]) b.set(p, p);
    b.truncate(2);
    expect([b.depth, b.priceAt(0), b.priceAt(1), b.sizeAtPrice(2), b.sizeAtPrice(1)]).toEqual([2, 4, 3, 0, 0]);
    b.truncate(10);
    expect(b.depth).toBe(2);
    b.clear();
    expect([b.depth, b.sizeAtPrice(4)]).toEqual([0, 0]);
  });
  it('random operations agree with a brute-force sorted map', () => {
    for (const side of ['bid', 'ask'] as const) {
      const rng = seedrandom(`book-${side}`);
      const book = new BookSide(side);
      const ref = new Map<number, number>();
      for (let step = 0; step < 1500; step++) {
        const price = 100 + Math.floor(rng() * 40);
        const u = rng();
        if (u < 0.5) {
          const size = rng() < 0.2 ? 0 : Math.floor(rng() * 10);
          book.set(price, size);
          if (size <= 0) ref.delete(price);
          else ref.set(price, size);
        } else if (u < 0.95) {
          const d = Math.floor(rng() * 10) - 5;
          const got = book.add(price, d);
          const next = (ref.get(price) ?? 0) + d;
          if (next <= 0) ref.delete(price);
          else ref.set(price, next);
          expect(got).toBe(Math.max(0, next));
        } else {
          const k = Math.floor(rng() * 10);
          book.truncate(k);
          const keep = [...ref.keys()].sort((x, y) => (side === 'bid' ? y - x : x - y)).slice(0, k);
          for (const p of [...ref.keys()]) if (!keep.includes(p)) ref.delete(p);
        }
        const sorted = [...ref.keys()].sort((x, y) => (side === 'bid' ? y - x : x - y));
        expect(book.depth).toBe(sorted.length);
        for (let i = 0; i < sorted.length; i++) {
          expect(book.priceAt(i)).toBe(sorted[i]);
          expect(book.sizeAt(i)).toBe(ref.get(sorted[i]!));
        }
      }
    }
  });
});

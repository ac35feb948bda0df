/**
 * Action and observation spaces, as in Gymnasium (`gymnasium/spaces/box.py`, `discrete.py`):
 * `sample()` draws from the space with the space's own seedable generator, `contains(x)`
 * checks membership. Samples go through seedrandom, never Math.random.
 */
import seedrandom from 'seedrandom';

export type Space = Box | Discrete;

/** A box [low, high] in R^n (per-dimension bounds, float32 values). */
export class Box {
  readonly kind = 'box' as const;
  readonly low: Float32Array;
  readonly high: Float32Array;
  readonly shape: readonly [number];
  private rng: seedrandom.PRNG;

  constructor(low: ArrayLike<number>, high: ArrayLike<number>, seed?: number) {
    if (low.length !== high.length) {
      throw new RangeError(`Box: low has ${low.length} entries but high has ${high.length}; they must match`);
    }
    this.low = Float32Array.from(low);
    this.high = Float32Array.from(high);
    for (let i = 0; i < this.low.length; i++) {
      if (!(this.low[i]! <= this.high[i]!)) {
        throw new RangeError(`Box: low[${i}] = ${this.low[i]} must be <= high[${i}] = ${this.high[i]}`);
      }
    }
    this.shape = [this.low.length];
    this.rng = seedrandom(String(seed ?? 0));
  }

  /** Reseed the space's sampler (Gymnasium `space.seed(seed)`). */
  seed(seed: number): void {
    this.rng = seedrandom(String(seed));
  }

  /** Uniform sample on bounded dimensions; unbounded dimensions get N(0, 1) (as Gymnasium). */
  sample(): Float32Array {
    const out = new Float32Array(this.low.length);
    for (let i = 0; i < out.length; i++) {
      const lo = this.low[i]!;
      const hi = this.high[i]!;
      if (Number.isFinite(lo) && Number.isFinite(hi)) out[i] = lo + (hi - lo) * this.rng();
      else {
        const u1 = this.rng() || Number.MIN_VALUE;
        const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * this.rng());
        out[i] = Number.isFinite(lo) ? lo + Math.abs(z) : Number.isFinite(hi) ? hi - Math.abs(z) : z;
      }
    }
    return out;
  }

  contains(x: ArrayLike<number>): boolean {
    if (x.length !== this.low.length) return false;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (Number.isNaN(v) || v < this.low[i]! || v > this.high[i]!) return false;
    }
    return true;
  }

  toString(): string {
    return `Box([${Array.from(this.low).join(', ')}], [${Array.from(this.high).join(', ')}])`;
  }
}

/** The integers {0, 1, ..., n - 1}. */
export class Discrete {
  readonly kind = 'discrete' as const;
  readonly n: number;
  readonly shape: readonly [number] = [1];
  private rng: seedrandom.PRNG;

  constructor(n: number, seed?: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Discrete: n must be an integer >= 1, got ${n}`);
    this.n = n;
    this.rng = seedrandom(String(seed ?? 0));
  }

  seed(seed: number): void {
    this.rng = seedrandom(String(seed));
  }

  sample(): number {
    return Math.floor(this.rng() * this.n);
  }

  contains(x: number | ArrayLike<number>): boolean {
    const v = typeof x === 'number' ? x : x.length === 1 ? x[0]! : NaN;
    return Number.isInteger(v) && v >= 0 && v < this.n;
  }

  toString(): string {
    return `Discrete(${this.n})`;
  }
}

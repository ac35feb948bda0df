/**
 * Per-env random streams for the vectorised core, struct-of-arrays.
 *
 * Algorithm: Marsaglia's xor128 (J. Stat. Softw. 8(14), 2003), the same generator as
 * `seedrandom.xor128`. Seeding goes through seedrandom: env stream i reseeded with seed s takes
 * the state of `seedrandom.xor128(String(s))` (after seedrandom's string mixing and warm-up), so
 * `uniform()` here yields bit-for-bit the numbers `seedrandom.xor128(String(s))()` yields. The
 * generator runs inline on a Uint32Array (4 words per env) so a step allocates nothing.
 *
 * Normals: the ziggurat method (see `normal`), about two 32-bit draws per normal.
 */
import seedrandom from 'seedrandom';
import { ZIGGURAT, ZIGGURAT_R } from './ziggurat.js';

const TWO_POW_32 = 0x100000000;

export class StreamRngs {
  readonly n: number;
  /** xor128 state, words (x, y, z, w) of env i at 4i .. 4i + 3. */
  private readonly s: Int32Array;

  /** Ziggurat tables (shared constants, copied into typed arrays for fast access). */
  private readonly kn = Float64Array.from(ZIGGURAT.kn);
  private readonly wn = Float64Array.from(ZIGGURAT.wn);
  private readonly fn = Float64Array.from(ZIGGURAT.fn);

  constructor(n: number) {
    this.n = n;
    this.s = new Int32Array(4 * n);
  }

  /** Reseed stream i from `seed` via seedrandom's xor128 (seed must be a finite number). */
  seed(i: number, seed: number): void {
    const st = seedrandom.xor128(String(seed), { state: true }).state();
    const o = 4 * i;
    this.s[o] = st.x;
    this.s[o + 1] = st.y;
    this.s[o + 2] = st.z;
    this.s[o + 3] = st.w;
  }

  /** Next raw 32-bit output of stream i (signed, as seedrandom's `int32()`). */
  nextInt32(i: number): number {
    const s = this.s;
    const o = 4 * i;
    const x = s[o]!;
    const t = x ^ (x << 11);
    s[o] = s[o + 1]!;
    s[o + 1] = s[o + 2]!;
    const w = s[o + 3]!;
    s[o + 2] = w;
    const nw = w ^ (w >>> 19) ^ t ^ (t >>> 8);
    s[o + 3] = nw;
    return nw;
  }

  /** Uniform on [0, 1) with 32-bit resolution (identical to `seedrandom.xor128(...)()`). */
  uniform(i: number): number {
    return (this.nextInt32(i) >>> 0) / TWO_POW_32;
  }

  /** Uniform on the open interval (0, 1): safe for log(). */
  openUniform(i: number): number {
    return ((this.nextInt32(i) >>> 0) + 0.5) / TWO_POW_32;
  }

  /**
   * Standard normal by the ziggurat method (Marsaglia & Tsang 2000; layer index from a separate
   * draw as Doornik 2005 advises). Usually two 32-bit draws, more in the rare wedge/tail cases:
   * the count depends only on the stream itself, never on the actions.
   */
  normal(i: number): number {
    const j = this.nextInt32(i);
    const k = this.nextInt32(i) & 127;
    // Fast path (~99% of draws) kept tiny so V8 inlines it into the callers' hot loops.
    if (Math.abs(j) < this.kn[k]!) return j * this.wn[k]!;
    return this.normalSlow(i, j, k);
  }

  /** Ziggurat wedge and tail cases (Marsaglia & Tsang 2000, `nfix`). */
  private normalSlow(i: number, j0: number, k0: number): number {
    const kn = this.kn;
    const wn = this.wn;
    const fn = this.fn;
    let j = j0;
    let k = k0;
    for (;;) {
      const x = j * wn[k]!;
      if (Math.abs(j) < kn[k]!) return x;
      if (k === 0) {
        // tail beyond r (Marsaglia 1964)
        let t: number;
        let y: number;
        do {
          t = -Math.log(this.openUniform(i)) / ZIGGURAT_R;
          y = -Math.log(this.openUniform(i));
        } while (y + y < t * t);
        return j > 0 ? ZIGGURAT_R + t : -ZIGGURAT_R - t;
      }
      // wedge
      if (fn[k]! + this.uniform(i) * (fn[k - 1]! - fn[k]!) < Math.exp(-0.5 * x * x)) return x;
      j = this.nextInt32(i);
      k = this.nextInt32(i) & 127;
    }
  }

  /**
   * Poisson(mean) count by inversion with one uniform (exactly one draw, whatever the mean, so
   * the stream's position never depends on the outcome). Means above 700 (where exp(-mean)
   * underflows; never reached by validated configs) return round(mean).
   */
  poisson(i: number, mean: number): number {
    const u = this.uniform(i);
    if (mean <= 0) return 0;
    if (mean > 700) return Math.round(mean);
    let p = Math.exp(-mean);
    let cdf = p;
    let k = 0;
    while (u >= cdf && k < 10_000) {
      k++;
      p *= mean / k;
      cdf += p;
      if (p === 0) break;
    }
    return k;
  }
}

/**
 * Per-env random streams for the vectorised core, struct-of-arrays.
 *
 * Algorithm: Marsaglia's xor128 (J. Stat. Softw. 8(14), 2003), the same generator as
 * `seedrandom.xor128`. Seeding goes through seedrandom: env stream i reseeded with seed s takes
 * the state of `seedrandom.xor128(String(s))` (after seedrandom's string mixing and warm-up), so
 * `uniform()` here yields bit-for-bit the numbers `seedrandom.xor128(String(s))()` yields. The
 * generator runs inline on a Uint32Array (4 words per env) so a step allocates nothing.
 *
 * Normals: Marsaglia's polar method; the second normal of each pair is kept per env (`spare`)
 * and used by the next draw, so a step that draws one normal costs half a pair.
 */
import seedrandom from 'seedrandom';

const TWO_POW_32 = 0x100000000;

export class StreamRngs {
  readonly n: number;
  /** xor128 state, words (x, y, z, w) of env i at 4i .. 4i + 3. */
  private readonly s: Int32Array;
  private readonly spare: Float64Array;
  private readonly hasSpare: Uint8Array;

  constructor(n: number) {
    this.n = n;
    this.s = new Int32Array(4 * n);
    this.spare = new Float64Array(n);
    this.hasSpare = new Uint8Array(n);
  }

  /** Reseed stream i from `seed` via seedrandom's xor128 (seed must be a finite number). */
  seed(i: number, seed: number): void {
    const st = seedrandom.xor128(String(seed), { state: true }).state();
    const o = 4 * i;
    this.s[o] = st.x;
    this.s[o + 1] = st.y;
    this.s[o + 2] = st.z;
    this.s[o + 3] = st.w;
    this.hasSpare[i] = 0;
    this.spare[i] = 0;
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
   * Standard normal by Marsaglia's polar method (Marsaglia & Bray 1964): draw (v1, v2) uniform on
   * the square until 0 < s = v1^2 + v2^2 < 1, then v1 f and v2 f with f = sqrt(-2 ln(s) / s) are
   * independent N(0, 1). The second is cached per env for the next call. The number of uniforms
   * consumed depends only on the stream itself, never on the actions.
   */
  normal(i: number): number {
    if (this.hasSpare[i] === 1) {
      this.hasSpare[i] = 0;
      return this.spare[i]!;
    }
    let v1: number;
    let v2: number;
    let s: number;
    do {
      v1 = 2 * this.openUniform(i) - 1;
      v2 = 2 * this.openUniform(i) - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare[i] = v2 * f;
    this.hasSpare[i] = 1;
    return v1 * f;
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

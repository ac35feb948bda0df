/**
 * The agents' seeded random source: seedrandom's Alea generator with saveable state (so a resumed
 * run draws the same numbers as an uninterrupted one), uniforms and Box–Muller normals.
 */
import seedrandom from 'seedrandom';

/** Serializable generator state (Alea's internal words plus the cached Box–Muller normal). */
export interface RandomState {
  readonly alea: { c: number; s0: number; s1: number; s2: number };
  readonly spare: number | null;
}

export class SeededRandom {
  private readonly prng: seedrandom.StatefulPRNG<seedrandom.State.Alea>;
  private spare: number | null = null;

  private constructor(prng: seedrandom.StatefulPRNG<seedrandom.State.Alea>) {
    this.prng = prng;
  }

  /** A generator seeded from `seed` (any finite number; different seeds give unrelated streams). */
  static fromSeed(seed: number): SeededRandom {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    return new SeededRandom(seedrandom.alea(String(seed), { state: true }));
  }

  static fromState(state: RandomState): SeededRandom {
    const r = new SeededRandom(seedrandom.alea('', { state: { ...state.alea } }));
    r.spare = state.spare;
    return r;
  }

  state(): RandomState {
    return { alea: { ...this.prng.state() }, spare: this.spare };
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.prng();
  }

  /** Standard normal (Box–Muller, both values of each pair used). */
  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    let u1 = this.prng();
    while (u1 <= 0) u1 = this.prng();
    const u2 = this.prng();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle(a: Uint32Array | Int32Array | number[]): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
  }
}

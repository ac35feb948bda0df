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
    // alea's state: s0, s1, s2 in [0, 1), c an integer >= 0; anything else gives NaN draws later.
    const a = (state as { alea?: Partial<RandomState['alea']> } | null)?.alea;
    const unit = (x: unknown): boolean => typeof x === 'number' && x >= 0 && x < 1;
    if (a === undefined || a === null || !unit(a.s0) || !unit(a.s1) || !unit(a.s2) || !(Number.isInteger(a.c) && (a.c as number) >= 0)) {
      throw new RangeError(`generator state must be { alea: { c: integer >= 0, s0, s1, s2 in [0, 1) }, spare }, got ${JSON.stringify(state)?.slice(0, 120)}`);
    }
    if (state.spare !== null && !(typeof state.spare === 'number' && Number.isFinite(state.spare))) {
      throw new RangeError(`generator state spare must be null or a finite number, got ${String(state.spare)}`);
    }
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

/**
 * BrownianPrice's own step: S' = S + mu dt + sigma sqrt(dt) Z with Z the stream's next normal
 * (binomial: +-sigma sqrt(dt) by Z's sign), recomputed from a twin stream; one normal per step;
 * stateless across envs. (Moments of the increments: price-models.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { StreamRngs } from '../rng.js';
import { BrownianPrice } from './brownian.js';

function twins(seed: number): [StreamRngs, StreamRngs] {
  const a = new StreamRngs(1);
  const b = new StreamRngs(1);
  a.seed(0, seed);
  b.seed(0, seed);
  return [a, b];
}

describe('BrownianPrice', () => {
  it('steps S + mu dt + sigma sqrt(dt) Z exactly, with Z the stream\'s next normal', () => {
    const [sigma, mu, dt] = [2, 10, 0.005];
    const m = new BrownianPrice({ sigma, mu, binomial: false }, dt);
    const [rng, ref] = twins(7);
    let s = 100;
    for (let k = 0; k < 50; k++) {
      const s1 = m.next(0, s, rng);
      const z = ref.normal(0);
      expect(s1).toBeCloseTo(s + mu * dt + sigma * Math.sqrt(dt) * z, 12);
      s = s1;
    }
    // one normal per step: both streams are at the same position
    expect(rng.uniform(0)).toBe(ref.uniform(0));
  });

  it('binomial: steps exactly mu dt + sign(Z) sigma sqrt(dt), consuming the same normal (Z = 0 counts as up)', () => {
    const [sigma, mu, dt] = [8, 1, 1 / 256];
    const m = new BrownianPrice({ sigma, mu, binomial: true }, dt);
    const [rng, ref] = twins(3);
    for (let k = 0; k < 200; k++) {
      const ds = m.next(0, 50, rng) - 50;
      const z = ref.normal(0);
      expect(ds).toBeCloseTo(mu * dt + (z >= 0 ? 1 : -1) * sigma * Math.sqrt(dt), 12);
    }
    expect(rng.uniform(0)).toBe(ref.uniform(0));
  });

  it('is named by its variant, has one regime, and sigma = 0 gives the pure drift', () => {
    expect(new BrownianPrice({ sigma: 1, mu: 0, binomial: false }, 0.1).name).toBe('BrownianPrice');
    const bin = new BrownianPrice({ sigma: 1, mu: 0, binomial: true }, 0.1);
    expect(bin.name).toBe('BinomialBrownianPrice');
    expect(bin.numRegimes).toBe(1);
    expect(bin.regime()).toBe(0);
    const [rng] = twins(1);
    expect(new BrownianPrice({ sigma: 0, mu: -3, binomial: false }, 0.25).next(0, 10, rng)).toBe(10 - 0.75);
  });

  it('uses env i\'s stream only: env 1 is unaffected by stepping env 0', () => {
    const m = new BrownianPrice({ sigma: 2, mu: 0, binomial: false }, 0.01);
    const a = new StreamRngs(2);
    const b = new StreamRngs(2);
    for (const r of [a, b]) {
      r.seed(0, 1);
      r.seed(1, 2);
    }
    for (let k = 0; k < 10; k++) m.next(0, 100, a);
    expect(m.next(1, 100, a)).toBe(m.next(1, 100, b));
  });
});

/**
 * RegimeSwitchingPrice's own step: in regime r, S' = S + mu_r dt + sigma_r sqrt(dt) Z, then one
 * uniform u moves the regime to the first j with u < cumP[r][j] (recomputed from a twin stream);
 * the chain's transition frequencies match P row by row (Monte Carlo); reset goes back to the
 * initial regime, per env. (Occupation and per-regime variance: price-models.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/expect-close.js';
import { StreamRngs } from '../rng.js';
import { RegimeSwitchingPrice } from './regime-switching.js';

const regimes = [
  { mu: 1, sigma: 1 },
  { mu: -2, sigma: 3 },
  { mu: 0, sigma: 10 },
];
const P = [
  [0.8, 0.15, 0.05],
  [0.3, 0.6, 0.1],
  [0.2, 0.2, 0.6],
];

describe('RegimeSwitchingPrice', () => {
  it('steps with the current regime\'s (mu, sigma), then moves the regime by inverse CDF of one uniform over its row', () => {
    const dt = 0.01;
    const m = new RegimeSwitchingPrice({ regimes, transition: P, initialRegime: 1 }, dt, 1);
    const rng = new StreamRngs(1);
    const ref = new StreamRngs(1);
    rng.seed(0, 13);
    ref.seed(0, 13);
    let r = 1;
    let s = 100;
    const visited = new Set<number>();
    for (let k = 0; k < 300; k++) {
      expect(m.regime(0)).toBe(r);
      const s1 = m.next(0, s, rng);
      const z = ref.normal(0);
      expect(s1).toBeCloseTo(s + regimes[r]!.mu * dt + regimes[r]!.sigma * Math.sqrt(dt) * z, 11);
      const u = ref.uniform(0);
      const row = P[r]!;
      r = u < row[0]! ? 0 : u < row[0]! + row[1]! ? 1 : 2;
      visited.add(r);
      s = s1;
    }
    expect(visited.size).toBe(3);
    expect(rng.uniform(0)).toBe(ref.uniform(0));
    expect([m.name, m.numRegimes]).toEqual(['RegimeSwitchingPrice', 3]);
  });

  it('moves between regimes with the frequencies P[i][j] (5 binomial standard errors per cell)', () => {
    const m = new RegimeSwitchingPrice({ regimes, transition: P, initialRegime: 0 }, 0.01, 1);
    const rng = new StreamRngs(1);
    rng.seed(0, 99);
    const counts = P.map(() => [0, 0, 0]);
    for (let k = 0; k < 150_000; k++) {
      const from = m.regime(0);
      m.next(0, 0, rng);
      counts[from]![m.regime(0)]!++;
    }
    counts.forEach((row, i) => {
      const total = row.reduce((a, b) => a + b, 0);
      row.forEach((c, j) => {
        const p = P[i]![j]!;
        expectClose(`P[${i}][${j}]`, c / total, p, 5 * Math.sqrt((p * (1 - p)) / total));
      });
    });
  });

  it('an absorbing row never leaves; a row whose sums fall short of 1 by round-off still ends in its last regime', () => {
    const m = new RegimeSwitchingPrice(
      {
        regimes: regimes.slice(0, 2),
        transition: [
          [0.1, 0.9 - 1e-12],
          [0, 1],
        ],
        initialRegime: 0,
      },
      0.01,
      1,
    );
    const rng = new StreamRngs(1);
    rng.seed(0, 4);
    for (let k = 0; k < 2000; k++) m.next(0, 0, rng);
    expect(m.regime(0)).toBe(1);
  });

  it('keeps a regime per env, and reset(i) puts env i (only) back in the initial regime', () => {
    const m = new RegimeSwitchingPrice({ regimes, transition: P, initialRegime: 2 }, 0.01, 2);
    expect([m.regime(0), m.regime(1)]).toEqual([2, 2]);
    const rng = new StreamRngs(2);
    rng.seed(0, 1);
    rng.seed(1, 1);
    let k = 0;
    while (m.regime(0) === 2 && k++ < 1000) m.next(0, 0, rng);
    expect(m.regime(0)).not.toBe(2);
    expect(m.regime(1)).toBe(2); // env 1 untouched
    m.next(1, 0, rng);
    const r1 = m.regime(1);
    m.reset(0);
    expect(m.regime(0)).toBe(2);
    expect(m.regime(1)).toBe(r1);
  });
});

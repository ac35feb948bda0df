/**
 * effective-params.ts against closed forms: referenceSigma per price kind (gbm: sigma S0; regime
 * switching: sqrt(sum pi_r sigma_r^2)), the stationary law of 2- and 3-state chains (pi P = pi,
 * the 2-state closed form (q, p) / (p + q)), and phi = gamma sigma^2 / 2 unless given.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from './config.js';
import { effectivePhi, referenceSigma, stationaryDistribution } from './effective-params.js';

const cfgWith = (price: EnvConfig['price'], s0 = 100): Pick<EnvConfig, 'price' | 's0'> => ({ price, s0 });

describe('referenceSigma', () => {
  it('is sigma for brownian, jump and ou; sigma S0 for gbm', () => {
    expect(referenceSigma(cfgWith({ kind: 'brownian', sigma: 3, mu: 1, binomial: true }))).toBe(3);
    expect(referenceSigma(cfgWith({ kind: 'jump', sigma: 1.5, mu: 0, jumpIntensity: 9, jumpMean: 2, jumpStd: 4 }))).toBe(1.5); // the diffusive part only
    expect(referenceSigma(cfgWith({ kind: 'ou', sigma: 0.7, kappa: 5, mean: 90 }))).toBe(0.7);
    expect(referenceSigma(cfgWith({ kind: 'gbm', sigma: 0.02, mu: 0.1 }, 250))).toBeCloseTo(5, 14);
  });

  it('is sqrt(sum pi_r sigma_r^2) for regime switching', () => {
    const price: EnvConfig['price'] = {
      kind: 'regime-switching',
      regimes: [
        { name: 'calm', mu: 0, sigma: 2 },
        { name: 'stressed', mu: 0, sigma: 10 },
      ],
      transition: [
        [0.99, 0.01],
        [0.03, 0.97],
      ],
      initialRegime: 0,
    };
    expect(referenceSigma(cfgWith(price))).toBeCloseTo(Math.sqrt(0.75 * 4 + 0.25 * 100), 10);
  });
});

describe('stationaryDistribution', () => {
  it('gives (q, p) / (p + q) for the 2-state chain [[1 - p, p], [q, 1 - q]]', () => {
    for (const [p, q] of [[0.01, 0.03], [0.5, 0.5], [0.2, 0.9], [1, 1 / 3]] as const) {
      const pi = stationaryDistribution([
        [1 - p, p],
        [q, 1 - q],
      ]);
      expect(pi[0]).toBeCloseTo(q / (p + q), 10);
      expect(pi[1]).toBeCloseTo(p / (p + q), 10);
    }
  });

  it('solves pi P = pi, sum pi = 1 for a 3-state chain (checked against the hand solve)', () => {
    const P = [
      [0.8, 0.15, 0.05],
      [0.3, 0.6, 0.1],
      [0.2, 0.2, 0.6],
    ];
    const pi = stationaryDistribution(P);
    expect(pi.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (let j = 0; j < 3; j++) expect(pi.reduce((s, x, i) => s + x * P[i]![j]!, 0)).toBeCloseTo(pi[j]!, 12);
    // by hand: 0.2 pi0 = 0.3 pi1 + 0.2 pi2 and 0.4 pi1 = 0.15 pi0 + 0.2 pi2 give pi1 = pi0 / 2, pi2 = pi0 / 4: pi = (4, 2, 1) / 7
    expect(pi.map((x) => x * 7)).toEqual([expect.closeTo(4, 9), expect.closeTo(2, 9), expect.closeTo(1, 9)]);
  });

  it('keeps the uniform start for the identity and for a one-state chain', () => {
    expect(stationaryDistribution([[1]])).toEqual([1]);
    expect(stationaryDistribution([
      [1, 0],
      [0, 1],
    ])).toEqual([0.5, 0.5]);
  });
});

describe('effectivePhi', () => {
  const base = DEFAULT_ENV_CONFIG;
  it('is the configured phi of a running-penalty reward, including 0', () => {
    expect(effectivePhi({ ...base, reward: { kind: 'running-penalty', phi: 0.37, terminalPenalty: 0 } })).toBe(0.37);
    expect(effectivePhi({ ...base, reward: { kind: 'running-penalty', phi: 0, terminalPenalty: 0 } })).toBe(0);
  });

  it('is gamma sigma^2 / 2 with phi null, and for the other reward kinds', () => {
    expect(effectivePhi(base)).toBeCloseTo((0.1 * 4) / 2, 15);
    expect(effectivePhi({ ...base, reward: { kind: 'pnl', terminalPenalty: 0 }, gamma: 0.5 })).toBeCloseTo(1, 15);
    expect(effectivePhi({ ...base, price: { kind: 'gbm', sigma: 0.01, mu: 0 }, s0: 300, gamma: 2 })).toBeCloseTo(9, 12); // sigma S0 = 3
  });
});

/**
 * The HJB model's closed forms checked numerically: H_xi(p) equals the supremum over delta of
 * A e^{-k delta}/xi (1 - e^{-xi (delta - p)}) (or A e^{-k delta} (delta - p) for xi = 0), attained at
 * delta* = p + staticDepth; eta_xi -> A/e as xi -> 0; omega is GLFT 2013's closed form.
 */
import { describe, expect, it } from 'vitest';
import { BaselineParameterError } from './errors.js';
import { type HjbModel, asymptoticSlope, couplingEta, hamiltonian, staticDepth, validateHjbModel } from './hjb-model.js';

const objective = (m: { A: number; k: number; xi: number }, p: number, d: number): number =>
  m.xi === 0 ? m.A * Math.exp(-m.k * d) * (d - p) : ((m.A * Math.exp(-m.k * d)) / m.xi) * (1 - Math.exp(-m.xi * (d - p)));

/** Brute-force sup over a fine grid around the bulk of the function. */
function bruteSup(m: { A: number; k: number; xi: number }, p: number): { value: number; at: number } {
  let best = { value: -Infinity, at: 0 };
  for (let i = 0; i <= 200_000; i++) {
    const d = p - 1 + (i * 20) / 200_000;
    const v = objective(m, p, d);
    if (v > best.value) best = { value: v, at: d };
  }
  return best;
}

const model: HjbModel = { A: 140, k: 1.5, gamma: 0.1, xi: 0, phi: 0.2, alpha: 0, maxInventory: 25, horizon: 1 };

describe('Hamiltonian and its maximiser', () => {
  for (const xi of [0, 0.1, 2]) {
    it(`xi = ${xi}: H(p) is the sup over delta, attained at p + staticDepth`, () => {
      const m = { A: 140, k: 1.5, xi };
      for (const p of [-0.5, 0, 0.3, 2]) {
        const b = bruteSup(m, p);
        expect(Math.abs(hamiltonian(m, p) - b.value)).toBeLessThan(1e-8 * b.value);
        expect(Math.abs(b.at - (p + staticDepth(m)))).toBeLessThan(2e-4);
        expect(hamiltonian(m, p)).toBeCloseTo(objective(m, p, p + staticDepth(m)), 10);
      }
    });
  }
  it('staticDepth: ln(1 + xi/k)/xi, 1/k at xi = 0 (the limit)', () => {
    expect(staticDepth({ k: 1.5, xi: 0 })).toBe(1 / 1.5);
    expect(staticDepth({ k: 1.5, xi: 0.1 })).toBeCloseTo(Math.log(1 + 0.1 / 1.5) / 0.1, 14);
    expect(staticDepth({ k: 1.5, xi: 1e-9 })).toBeCloseTo(1 / 1.5, 8);
  });
  it('couplingEta: A (1 + xi/k)^-(1 + k/xi), A/e at xi = 0 and its limit', () => {
    expect(couplingEta({ A: 140, k: 1.5, xi: 0 })).toBe(140 / Math.E);
    expect(couplingEta({ A: 140, k: 1.5, xi: 0.1 })).toBeCloseTo(140 * Math.pow(1 + 0.1 / 1.5, -(1 + 1.5 / 0.1)), 10);
    expect(couplingEta({ A: 140, k: 1.5, xi: 1e-8 })).toBeCloseTo(140 / Math.E, 5);
  });
});

describe('asymptoticSlope', () => {
  it('equals GLFT 2013: sqrt(sigma^2 gamma / (2 k A) (1 + gamma/k)^(1 + k/gamma)) for xi = gamma, phi = gamma sigma^2/2', () => {
    const [A, k, gamma, sigma] = [0.9, 0.3, 0.01, 0.3];
    const glft = Math.sqrt(((sigma * sigma * gamma) / (2 * k * A)) * Math.pow(1 + gamma / k, 1 + k / gamma));
    expect(asymptoticSlope({ A, k, xi: gamma, phi: (gamma * sigma * sigma) / 2 })).toBeCloseTo(glft, 14);
  });
  it('xi = 0: sqrt(phi e / (k A))', () => {
    expect(asymptoticSlope({ A: 140, k: 1.5, xi: 0, phi: 0.2 })).toBeCloseTo(Math.sqrt((0.2 * Math.E) / (1.5 * 140)), 14);
    expect(asymptoticSlope({ A: 140, k: 1.5, xi: 0, phi: 0 })).toBe(0);
  });
});

describe('validateHjbModel', () => {
  it('returns a valid model as it is', () => {
    expect(validateHjbModel(model)).toBe(model);
    expect(validateHjbModel({ ...model, mu: 0.5 })).toEqual({ ...model, mu: 0.5 });
    expect(validateHjbModel({ ...model, xi: 0.1, mu: 0 }).xi).toBe(0.1);
  });
  it.each([
    [{ xi: -0.1 }, 'xi', 'xi must be >= 0, got -0.1'],
    [{ phi: -1 }, 'phi', 'phi must be >= 0, got -1'],
    [{ alpha: Number.POSITIVE_INFINITY }, 'alpha', 'alpha must be >= 0, got Infinity'],
    [{ maxInventory: 2.5 }, 'Q (maxInventory)', 'Q (maxInventory) must be an integer and >= 1, got 2.5'],
    [{ mu: Number.NaN }, 'mu', 'mu must be a finite number, got NaN'],
    [{ mu: 1, xi: 0.1 }, 'mu', 'mu must be 0 in the CARA variant (xi > 0), got 1'],
  ] as [Partial<HjbModel>, string, string][])('%j: names %s', (patch, field, msg) => {
    let err: unknown;
    try {
      validateHjbModel({ ...model, ...patch });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BaselineParameterError);
    expect((err as BaselineParameterError).field).toBe(field);
    expect((err as Error).message).toBe(msg);
  });
});

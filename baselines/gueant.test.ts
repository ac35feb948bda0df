/**
 * Properties of the HJB quotes: symmetry, skew direction, convergence to the asymptotic regime
 * (ground state of M, and GLFT's closed form), the value function, guards and named-field errors.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENV_CONFIG, type EnvConfig } from '../env/config.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { glftAsymptoticQuotes } from './glft-asymptotic.js';
import { gueantQuotesAt, hjbModelFromConfig, optimalValue, solveGueant, thetaOnGrid, valueFunction } from './gueant.js';
import { staticDepth, validateHjbModel, type HjbModel } from './hjb-model.js';
import { askDepth, bidDepth, hjbMatrix, solveHjb } from './hjb-solver.js';
import { smallestEigenvalueSymTridiag } from './tridiagonal.js';

const variants = ['running-penalty', 'cara'] as const;

/** Ground state of the tridiagonal M by inverse iteration (Thomas algorithm), as ln f. */
function groundStateLog(m: HjbModel): Float64Array {
  const { diag, off } = hjbMatrix(m);
  const n = diag.length;
  const shift = smallestEigenvalueSymTridiag(diag, off) - 1e-6;
  let f = new Float64Array(n).fill(1);
  for (let it = 0; it < 50; it++) {
    // Solve (M - shift I) x = f.
    const c = new Float64Array(n);
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = i > 0 ? (off[i - 1] as number) : 0;
      const b = (diag[i] as number) - shift - (i > 0 ? a * (c[i - 1] as number) : 0);
      c[i] = i < n - 1 ? (off[i] as number) / b : 0;
      d[i] = ((f[i] as number) - (i > 0 ? a * (d[i - 1] as number) : 0)) / b;
    }
    const x = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) x[i] = (d[i] as number) - (i < n - 1 ? (c[i] as number) * (x[i + 1] as number) : 0);
    const max = Math.max(...x);
    f = x.map((v) => v / max);
  }
  return f.map(Math.log);
}

describe('HJB quotes', () => {
  it.each(variants)('are symmetric: delta_b(t, q) = delta_a(t, -q) (%s)', (variant) => {
    const sol = solveGueant(resolveEnvConfig('default', { reward: { terminalPenalty: 0.01 } }), variant);
    const Q = sol.model.maxInventory;
    let worst = 0;
    for (let n = 0; n <= sol.steps; n++) {
      for (let q = -Q + 1; q <= Q - 1; q++) {
        const b = sol.bid[n * sol.width + q + Q] as number;
        const a = sol.ask[n * sol.width - q + Q] as number;
        worst = Math.max(worst, Math.abs(b - a));
      }
    }
    console.log(`max |delta_b(t,q) - delta_a(t,-q)| = ${worst.toExponential(2)} (tol 1e-10)`);
    expect(worst).toBeLessThan(1e-10);
  });

  it.each(variants)('skew away from inventory: the bid deepens and the ask tightens as q grows (%s)', (variant) => {
    const sol = solveGueant(resolveEnvConfig('default'), variant);
    const Q = sol.model.maxInventory;
    for (const n of [0, 100, 199]) {
      for (let q = -Q + 1; q < Q - 1; q++) {
        const c = n * sol.width + q + Q;
        expect(sol.bid[c + 1] as number).toBeGreaterThan(sol.bid[c] as number);
        expect(sol.ask[c + 1] as number).toBeLessThan(sol.ask[c] as number);
      }
    }
    // At T with alpha = 0 there is no inventory risk left: both sides at the static depth.
    const d0 = staticDepth(sol.model);
    expect(Math.abs((sol.bid[sol.steps * sol.width + Q] as number) - d0)).toBeLessThan(1e-12);
  });

  it.each(variants)('converge to the asymptotic regime as T - t grows (%s)', (variant) => {
    for (const preset of ['default', 'glft2013']) {
      const config = resolveEnvConfig(preset, { horizon: 3 * resolveEnvConfig(preset).horizon });
      const m = hjbModelFromConfig(config, variant);
      const Q = m.maxInventory;
      const lnF = groundStateLog(m);
      const limit = (j: number): number => (((lnF[j] as number) - (lnF[j + 1] as number)) / m.k) + staticDepth(m);
      const closed = glftAsymptoticQuotes(m);
      const gaps: number[] = [];
      for (const frac of [0.999, 0.99, 0.9, 2 / 3, 0]) {
        const quotes = gueantQuotesAt(config, frac * m.horizon, variant);
        let gap = 0;
        for (let q = -5; q <= 5; q++) gap = Math.max(gap, Math.abs(quotes[q + Q]!.bid! - limit(q + Q)));
        gaps.push(gap);
      }
      const atZero = gueantQuotesAt(config, 0, variant);
      let closedGap = 0;
      for (let q = -5; q <= 5; q++) closedGap = Math.max(closedGap, Math.abs(atZero[q + Q]!.bid! - closed[q + Q]!.bid!) / closed[q + Q]!.bid!);
      console.log(`${preset} ${variant}: max_{|q|<=5} |delta_b(t) - ground-state limit| at (T-t)/T = 0.001, 0.01, 0.1, 1/3, 1 (T = 3x preset): ${gaps.map((g) => g.toExponential(1)).join(', ')}; relative gap to GLFT closed form at t=0: ${closedGap.toExponential(2)} (tol 0.01)`);
      for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeLessThanOrEqual(gaps[i - 1]! + 1e-12);
      expect(gaps[gaps.length - 1]!).toBeLessThan(1e-8);
      expect(closedGap).toBeLessThan(0.01);
    }
  });

  it('put null on the side that is not quoted and never emit NaN/Infinity, even at extreme parameters', () => {
    const extreme = resolveEnvConfig('default', { maxInventory: 60, gamma: 2, reward: { terminalPenalty: 5 } });
    const sol = solveGueant(extreme);
    console.log(`extreme case: floored cells = ${sol.floored}`);
    for (const arr of [sol.logV, sol.bid, sol.ask]) expect(arr.every(Number.isFinite)).toBe(true);
    expect(bidDepth(sol, 3, 60)).toBeNull();
    expect(askDepth(sol, 3, -60)).toBeNull();
    expect(bidDepth(sol, 3, -60)).toBe(sol.bid[3 * sol.width]);
    const rows = gueantQuotesAt(extreme, 0.5);
    expect(rows[0]!.ask).toBeNull();
    expect(rows[rows.length - 1]!.bid).toBeNull();
    for (const r of rows) {
      if (r.bid !== null) expect(Number.isFinite(r.bid)).toBe(true);
      if (r.ask !== null) expect(Number.isFinite(r.ask)).toBe(true);
    }
  });
});

describe('value function', () => {
  it('optimalValue = x0 + q0 S0 + theta(0, q0), and the grid agrees with the off-grid evaluation', () => {
    const config = resolveEnvConfig('default', { initialCash: 10, initialInventory: 3 });
    const sol = solveGueant(config);
    const th = thetaOnGrid(sol, 0, 3);
    expect(Math.abs(valueFunction(config, 0, 3) - th)).toBeLessThan(1e-9 * Math.abs(th));
    expect(optimalValue(config)).toBeCloseTo(10 + 3 * 100 + th, 9);
    // theta(T, q) = -alpha q^2 and theta decreases in |q| at t = 0.
    const withPen = resolveEnvConfig('default', { reward: { terminalPenalty: 0.3 } });
    expect(valueFunction(withPen, 1, 4)).toBeCloseTo(-0.3 * 16, 10);
    expect(valueFunction(withPen, 0, 0)).toBeGreaterThan(valueFunction(withPen, 0, 5));
  });
});

describe('named-field errors', () => {
  const model: HjbModel = { A: 140, k: 1.5, gamma: 0.1, xi: 0, phi: 0.2, alpha: 0, maxInventory: 25, horizon: 1 };
  it.each([
    ['k', { k: 0 }, /k must be > 0, got 0/],
    ['gamma', { gamma: -1 }, /gamma must be > 0, got -1/],
    ['Q', { maxInventory: 0 }, /Q \(maxInventory\) must be an integer and >= 1, got 0/],
    ['T', { horizon: 0 }, /T \(horizon\) must be > 0, got 0/],
    ['A', { A: Number.NaN }, /A must be > 0, got NaN/],
  ])('bad %s', (_f, patch, msg) => {
    expect(() => validateHjbModel({ ...model, ...patch })).toThrow(msg);
    expect(() => solveHjb({ ...model, ...patch }, 10)).toThrow(msg);
  });

  it('raw configs with bad k / gamma are refused by the policies, naming the field', () => {
    const bad = (patch: Partial<EnvConfig>): EnvConfig => ({ ...structuredClone(DEFAULT_ENV_CONFIG) as EnvConfig, ...patch });
    expect(() => solveGueant(bad({ arrivals: { kind: 'exponential', A: 140, k: -2 } }))).toThrow(/k must be > 0, got -2/);
    expect(() => solveGueant(bad({ gamma: 0 }))).toThrow(/gamma must be > 0, got 0/);
    expect(() => solveGueant(bad({ horizon: -1 }))).toThrow(/horizon/);
    expect(() => solveGueant(resolveEnvConfig('default', { arrivals: { kind: 'power-law' } }))).toThrow(/arrivals.kind must be "exponential", "hawkes" or "random-exponential"/);
  });
});

describe('lot size (orderSize != 1): the lot market is the unit market with phi, alpha, gamma times the lot', () => {
  // Delta = 0.5 (a power of two: the scaling of cash, inventory and penalties is exact in binary)
  // and Delta = 0.001 (a lot of a BTC-like asset); Q = 20 lots either way.
  for (const lot of [0.5, 0.001]) {
    const lotConfig = resolveEnvConfig('default', { orderSize: lot, maxInventory: 20 * lot, initialInventory: 0, reward: { kind: 'running-penalty', terminalPenalty: 0.2 } });
    const unitConfig = resolveEnvConfig('default', { orderSize: 1, maxInventory: 20, gamma: lotConfig.gamma * lot, reward: { kind: 'running-penalty', terminalPenalty: 0.2 * lot } });

    it(`Delta = ${lot}: the model is the unit one's with phi, alpha, gamma times Delta, in Q / Delta lots`, () => {
      const m = hjbModelFromConfig(lotConfig);
      const u = hjbModelFromConfig(unitConfig);
      expect(m.maxInventory).toBe(20);
      expect(m.lot).toBe(lot);
      expect(m.phi).toBeCloseTo(u.phi, 14);
      expect(m.alpha).toBeCloseTo(u.alpha, 14);
      expect(m.gamma).toBeCloseTo(u.gamma, 14);
      expect(u.lot).toBeUndefined();
    });

    it(`Delta = ${lot}: the same depths at q = j Delta as the unit market's at j, and theta = Delta theta_lots`, () => {
      for (const t of [0, 0.4, 0.9]) {
        const a = gueantQuotesAt(lotConfig, t);
        const b = gueantQuotesAt(unitConfig, t);
        expect(a.length).toBe(41);
        a.forEach((row, i) => {
          expect(row.q).toBeCloseTo((b[i]!.q as number) * lot, 12);
          if (row.bid === null) expect(b[i]!.bid).toBeNull();
          else expect(row.bid).toBeCloseTo(b[i]!.bid as number, 9);
          if (row.ask === null) expect(b[i]!.ask).toBeNull();
          else expect(row.ask).toBeCloseTo(b[i]!.ask as number, 9);
        });
        for (const j of [-20, -3, 0, 7, 20]) {
          const want = lot * valueFunction(unitConfig, t, j);
          expect(Math.abs(valueFunction(lotConfig, t, j * lot) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
        }
      }
      expect(() => valueFunction(lotConfig, 0, 0.3 * lot)).toThrow(/q must be a whole number of lots/);
    });
  }

  it('simulated: the lot env under its HJB policy earns Delta times the unit env under its HJB, episode by episode', async () => {
    const { makeVec } = await import('../env/registry.js');
    const { makeBaselinePolicy } = await import('./registry.js');
    const { runBaselineEpisodes } = await import('./run-baseline.js');
    const lot = 0.5;
    const lotConfig = resolveEnvConfig('default', { orderSize: lot, maxInventory: 10 * lot });
    const unitConfig = resolveEnvConfig('default', { orderSize: 1, maxInventory: 10, gamma: lotConfig.gamma * lot });
    const runs = [lotConfig, unitConfig].map((c) => runBaselineEpisodes(makeVec(c, { numEnvs: 50 }), makeBaselinePolicy('hjb', c), { episodes: 200, seed: 11 }).returns);
    const [a, b] = runs as [Float64Array, Float64Array];
    let fills = 0;
    for (let e = 0; e < a.length; e++) {
      expect(Math.abs(a[e]! - lot * b[e]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b[e]!)));
      if (b[e] !== 0) fills++;
    }
    expect(fills).toBeGreaterThan(150);
    // and AS in lots: the unit market's AS with gamma Delta at q / Delta
    const asLot = makeBaselinePolicy('as', lotConfig);
    const asUnit = makeBaselinePolicy('as', unitConfig);
    const ra = runBaselineEpisodes(makeVec(lotConfig, { numEnvs: 50 }), asLot, { episodes: 100, seed: 5 }).returns;
    const rb = runBaselineEpisodes(makeVec(unitConfig, { numEnvs: 50 }), asUnit, { episodes: 100, seed: 5 }).returns;
    for (let e = 0; e < ra.length; e++) expect(Math.abs(ra[e]! - lot * rb[e]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(rb[e]!)));
  });

  it('refuses a bound that is not a whole number of lots, naming maxInventory', () => {
    expect(() => hjbModelFromConfig(resolveEnvConfig('default', { orderSize: 0.001, maxInventory: 0.0105 }))).toThrow(/maxInventory must be a whole number >= 1 of lots of orderSize .* got maxInventory 0.0105 \/ orderSize 0.001/);
  });
});

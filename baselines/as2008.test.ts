/**
 * Avellaneda & Stoikov (2008) Tables 1-3 (journal version), 1,000 simulations per row: each mean
 * within 4 standard errors of the published value, each standard deviation within 12%.
 *
 * Seed 1. Sampling noise is not negligible against the 12% band: with 20,000
 * simulations the symmetric strategy's std(profit) converges to ~13.45 at gamma = 0.1, i.e. 5.9%
 * above the published 12.7, and a 1,000-simulation std has a ~2.5% standard error. Over the 20
 * seeds 1, 1001, ..., 19001 the paper engine passes every row for 17 seeds (the 3 failures are
 * symmetric-row stds at 12.1-15.2%). The paper engine's streams are this file's own (seedrandom),
 * so the seed-1 result is stable; the env cross-check runs 5,000 simulations instead (see there).
 */
import { describe, expect, it } from 'vitest';
import { reproduceAs2008, type As2008Comparison } from './as2008.js';

function show(c: As2008Comparison): string {
  const p = c.published;
  return `${c.engine} gamma=${p.gamma} ${p.strategy}: spread ${c.spread.toFixed(3)} (${p.spread}); profit ${c.profit.mean.toFixed(2)} (${p.profit}, z=${c.zProfit.toFixed(2)}), std ${c.profit.std.toFixed(2)} (${p.stdProfit}, ${(100 * c.relStdProfit).toFixed(1)}%); q_T ${c.finalQ.mean.toFixed(3)} (${p.finalQ}, z=${c.zFinalQ.toFixed(2)}), std ${c.finalQ.std.toFixed(2)} (${p.stdFinalQ}, ${(100 * c.relStdFinalQ).toFixed(1)}%)`;
}

function expectAgreement(c: As2008Comparison): void {
  expect(Math.abs(c.zProfit)).toBeLessThanOrEqual(4);
  expect(Math.abs(c.zFinalQ)).toBeLessThanOrEqual(4);
  expect(Math.abs(c.relStdProfit)).toBeLessThanOrEqual(0.12);
  expect(Math.abs(c.relStdFinalQ)).toBeLessThanOrEqual(0.12);
  // The published spreads are the formula's time average (an integral), rounded to 2 decimals; the
  // average over the grid t_n = n dt, n < N, exceeds the integral by gamma sigma^2 dt / 2.
  const gridBias = c.published.strategy === 'inventory' ? (c.published.gamma * 4 * 0.005) / 2 : 0;
  expect(Math.abs(c.spread - gridBias - c.published.spread)).toBeLessThanOrEqual(0.005 + 1e-9);
}

describe('Avellaneda-Stoikov 2008 reproduction', () => {
  it('the paper procedure matches all six rows (tolerances: 4 SE on means, 12% on stds)', () => {
    const rows = reproduceAs2008({ simulations: 1000, seed: 1, engine: 'paper' });
    for (const c of rows) {
      console.log(show(c));
      expectAgreement(c);
    }
  });

  it('cross-check on the env (5,000 simulations, two-sample z): every row where no quote crosses the mid', () => {
    // The env's random streams belong to the env and may change; with 5,000 simulations the std
    // criterion has ~4 sampling SEs of margin, and the means are compared with the two-sample
    // standard error sqrt(SE_ours^2 + SE_published^2), the published values being 1,000-run means.
    const rows = reproduceAs2008({ simulations: 5000, seed: 1, engine: 'env' });
    for (const c of rows) {
      console.log(show(c));
      const p = c.published;
      const z = (ours: { mean: number; se: number }, pub: number, pubStd: number): number =>
        (ours.mean - pub) / Math.hypot(ours.se, pubStd / Math.sqrt(1000));
      if (p.gamma === 1 && p.strategy === 'inventory') {
        // The env's depths are >= 0: quotes through the mid are clipped to it, which earns more.
        expect(z(c.profit, p.profit, p.stdProfit)).toBeGreaterThan(4);
        continue;
      }
      expect(Math.abs(z(c.profit, p.profit, p.stdProfit))).toBeLessThanOrEqual(4);
      expect(Math.abs(z(c.finalQ, p.finalQ, p.stdFinalQ))).toBeLessThanOrEqual(4);
      expect(Math.abs(c.relStdProfit)).toBeLessThanOrEqual(0.12);
      expect(Math.abs(c.relStdFinalQ)).toBeLessThanOrEqual(0.12);
    }
  });
});

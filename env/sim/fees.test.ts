import { describe, expect, it } from 'vitest';
import { makeVec } from '../registry.js';
import type { MarketCore } from './core.js';
import { feeModelFor, LinearMakerFee } from './fees.js';

/** The fee the cores charged before the FeeModel interface (env/sim/fees.ts `makerFee`, issue 13). */
function oldMakerFee(perUnit: number, bps: number, price: number, units: number): number {
  return units * (perUnit + bps * 1e-4 * price);
}

describe('LinearMakerFee', () => {
  it('charges per unit plus basis points of notional; negative is a rebate', () => {
    expect(new LinearMakerFee(0.01, 0).maker(100, 2)).toBeCloseTo(0.02, 15);
    expect(new LinearMakerFee(0, 1).maker(100, 1)).toBeCloseTo(0.01, 15);
    expect(new LinearMakerFee(-0.005, 0).maker(100, 1)).toBeCloseTo(-0.005, 15);
  });

  it('gives the old makerFee bit for bit on a grid of fees, prices and sizes', () => {
    let n = 0;
    for (const perUnit of [0, 0.001, -0.0025, 0.01, 1 / 3]) {
      for (const bps of [0, 1, -1.5, 2.5, 10, 0.1]) {
        const m = new LinearMakerFee(perUnit, bps);
        for (const price of [0.01, 1, 99.95, 100, 100.05, 3141.59, 61234.5, 1e-6]) {
          for (const units of [1, 2, 3, 0.5, 0.001, 7, 100]) {
            expect(Object.is(m.maker(price, units), oldMakerFee(perUnit, bps, price, units))).toBe(true);
            n++;
          }
        }
      }
    }
    expect(n).toBe(5 * 6 * 8 * 7);
  });

  it('is chosen by the config (fees) and frozen, so no state snapshot records it', () => {
    expect(feeModelFor({ fees: { makerPerUnit: 0.002, makerBps: -1 } })).toEqual(new LinearMakerFee(0.002, -1));
    const core = (makeVec('maker-fees', { numEnvs: 2 }) as unknown as { core: MarketCore }).core;
    const m = core.feeModel as LinearMakerFee;
    expect([m.perUnit, m.bps]).toEqual([core.config.fees.makerPerUnit, core.config.fees.makerBps]);
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.keys(core.saveState().scalars).some((k) => k.startsWith('feeModel'))).toBe(false);
  });
});

/**
 * The near-touch depth range on the two real tapes: the fitted range's deviance/dof against the
 * former full-range fit's, the power law and AIC, per-side fits and the symmetry test. The
 * figures are printed for the record (issue 12).
 */
import { describe, expect, it } from 'vitest';
import { loadTapeSync } from '../marketdata/tape/load-tape.js';
import { calibrateTape, type CalibrationResult } from './calibrate.js';

const TAPES = [
  ['data/lobster-amzn-2012-06-21-l1', { dt: 1, horizon: 300 }],
  ['data/binance-spot-btcusdt-2024-08-08', { dt: 0.05, horizon: 15 }],
] as const;

const g = (x: number, p = 4): string => x.toPrecision(p);

function figures(name: string, r: CalibrationResult): string {
  const I = r.intensity;
  const e = I.fit;
  const p = I.powerLaw;
  const full = I.fullRange;
  const s = I.symmetry;
  return [
    `${name}: range [${I.range.from}, ${I.range.to}) = ${g(I.range.ticks, 3)} ticks, ${I.ladder.length} depths; orders reaching the mid ${I.range.ordersReachingMid}, inside ${I.range.ordersInside}, beyond ${I.range.ordersBeyond}`,
    `  full range [0, ${full.ladder.at(-1)}] (former): exp A ${g(full.fit.A)} k ${g(full.fit.k)}, deviance/dof ${g(full.fit.deviance / full.fit.dof)} (${g(full.fit.deviance, 5)} on ${full.fit.dof})` +
      (full.powerLaw === null ? '' : `; power law deviance/dof ${g(full.powerLaw.deviance / full.powerLaw.dof)}`) +
      `; its A, k on the range's bins: deviance/dof ${g(full.onRange.deviance / full.onRange.dof)}`,
    `  range exp: A ${g(e.A)} +- ${g(e.seA, 2)}, k ${g(e.k)} +- ${g(e.seK, 2)}, deviance/dof ${g(e.deviance / e.dof)} (${g(e.deviance, 5)} on ${e.dof}), AIC ${g(I.choice.aic.exponential, 7)}`,
    p === null
      ? '  range power law: failed'
      : `  range power law: A ${g(p.A)} +- ${g(p.seA, 2)}, alpha ${g(p.alpha)} +- ${g(p.seAlpha, 2)}, delta0 ${g(p.delta0)} +- ${g(p.seDelta0, 2)}, k_eff ${g(p.kEff)}${p.atBound ? ' (at bound)' : ''}, deviance/dof ${g(p.deviance / p.dof)} (${g(p.deviance, 5)} on ${p.dof}), AIC ${g(I.choice.aic.powerLaw, 7)}`,
    `  choice: ${I.choice.text}`,
    `  bid A ${g(I.bidOnly.A)} +- ${g(I.bidOnly.seA, 2)} k ${g(I.bidOnly.k)} +- ${g(I.bidOnly.seK, 2)}; ask A ${g(I.askOnly.A)} +- ${g(I.askOnly.seA, 2)} k ${g(I.askOnly.k)} +- ${g(I.askOnly.seK, 2)}; symmetry LR ${s === null ? 'n/a' : `${g(s.statistic)} (2 dof), p = ${g(s.pValue, 3)}`}`,
    `  sigma ${g(r.volatility.primary.sigmaPerSqrtSecond)} per sqrt(s) on a ${r.volatility.primary.gridSeconds}-s grid`,
  ].join('\n');
}

describe.each(TAPES)('near-touch calibration on %s', (path, opts) => {
  const { tape, reports } = loadTapeSync(path);
  const r = calibrateTape(tape, opts, reports);

  it('fits better on the near-touch range than the former full range, and reports the range', () => {
    console.log(figures(path, r));
    const I = r.intensity;
    expect(I.range.from).toBe(0);
    expect(I.range.ticks).toBeLessThanOrEqual(70 + 1e-9);
    expect(I.range.step).toBeCloseTo(tape.tickSize / 2, 12);
    expect(I.range.ordersInside + I.range.ordersBeyond).toBe(I.range.ordersReachingMid);
    // the rule: the range holds >= 99% of the orders reaching the mid unless cut at 70 ticks
    if (I.range.ticks < 70) expect(I.range.ordersInside / I.range.ordersReachingMid).toBeGreaterThanOrEqual(0.99);
    expect(I.fit.deviance / I.fit.dof).toBeLessThan(I.fullRange.fit.deviance / I.fullRange.fit.dof);
    // like for like on the range's bins: the range fit is the MLE there, so at most the former A, k's deviance
    expect(I.fit.deviance).toBeLessThanOrEqual(I.fullRange.onRange.deviance + 1e-6);
    expect(I.powerLaw).not.toBeNull();
    expect(I.symmetry).not.toBeNull();
    expect(I.symmetry!.pValue).toBeGreaterThanOrEqual(0);
    expect(I.symmetry!.pValue).toBeLessThanOrEqual(1);
    expect(r.volatility.primary.gridSeconds).toBe(opts.dt);
  });

  it("keeps the preset exponential by default (the baselines' and replay fill models' A, k); intensityModel chooses", () => {
    expect(r.config.arrivals).toEqual({ kind: 'exponential', A: r.intensity.fit.A, k: r.intensity.fit.k });
    expect(r.intensity.choice.used).toBe('exponential');
    const pl = calibrateTape(tape, { ...opts, intensityModel: 'power-law' });
    const p = pl.intensity.powerLaw!;
    expect(pl.config.arrivals).toEqual({ kind: 'power-law', A: p.A, alpha: p.alpha, delta0: p.delta0 });
    expect(pl.config.gamma).toBeCloseTo(p.kEff / 15, 12);
    expect(pl.config.action.mode === 'discrete' ? NaN : pl.config.action.maxDepth).toBeCloseTo(7.5 / p.kEff, 12);
    const auto = calibrateTape(tape, { ...opts, intensityModel: 'auto' });
    expect(auto.config.arrivals.kind).toBe(auto.intensity.choice.preferred);
  });
});

describe('calibrateTape options', () => {
  const { tape } = loadTapeSync('data/lobster-amzn-2012-06-21-l1');
  it('rejects bad range and model options naming the field', () => {
    expect(() => calibrateTape(tape, { reachQuantile: 1.5 })).toThrow(/reachQuantile must be in \(0, 1\], got 1.5/);
    expect(() => calibrateTape(tape, { maxTicks: 0 })).toThrow(/maxTicks must be > 0 ticks, got 0/);
    expect(() => calibrateTape(tape, { intensityModel: 'gamma' as 'auto' })).toThrow(/intensityModel must be one of auto, exponential, power-law, got "gamma"/);
  });
  it('a smaller maxTicks cuts the range', () => {
    const r = calibrateTape(tape, { maxTicks: 5 });
    expect(r.intensity.range.to).toBeCloseTo(0.05, 12);
    expect(r.intensity.range.rule).toMatch(/cut to 5 ticks \(cut\)/);
  });
});

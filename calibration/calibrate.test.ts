import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTapeSync } from '../marketdata/tape/load-tape.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { calibrateTape } from './calibrate.js';
import { loadCalibratedConfig, writeCalibratedConfig } from './calibrated-config.js';

const dir = mkdtempSync(join(tmpdir(), 'mmgym-cal-'));

describe('calibrateTape on the AMZN day, first 60%', () => {
  const { tape, reports } = loadTapeSync('data/lobster-amzn-2012-06-21-l1');
  const r = calibrateTape(tape, { to: 0.6, dt: 1, horizon: 300 }, reports);

  it('gives a valid preset with the fitted parameters and a named estimator', () => {
    const f = r.intensity.fit;
    console.log(`AMZN [0, 0.6]: sigma ${r.volatility.primary.sigmaPerSqrtSecond} $/sqrt(s); A ${f.A} +- ${f.seA} /s; k ${f.k} +- ${f.seK} /$; deviance/dof ${(f.deviance / f.dof).toFixed(1)}`);
    expect(r.data.seconds).toBeCloseTo(0.6 * (57599.9594 - 34200.01746), 0);
    expect(r.config.price).toEqual({ kind: 'brownian', sigma: r.volatility.primary.sigmaPerSqrtSecond, mu: 0, binomial: false });
    expect(r.config.arrivals).toEqual({ kind: 'exponential', A: f.A, k: f.k });
    expect(r.config.dt).toBe(1);
    expect(r.config.tickSize).toBe(0.01);
    // A LOBSTER (NASDAQ) tape: the time unit is the second of a 6.5-hour session, 252 days a year.
    expect(r.config.timeUnit).toEqual({ name: 'second', perYear: 252 * 23_400 });
    expect(r.config.gamma).toBeCloseTo(f.k / 15, 12);
    // MLE identity on the closed range [0, top): expected orders inside = observed orders inside
    const top = r.intensity.range.to;
    expect(f.A * r.intensity.exposureSeconds * (1 - Math.exp(-f.k * top))).toBeCloseTo(r.intensity.range.ordersInside, 6);
    expect(r.volatility.primary.estimator).toContain('realized variance');
    expect(r.volatility.perStep).toBeCloseTo(r.volatility.primary.sigmaPerSqrtSecond, 12);
  });

  it('a lot size: orderSize units per fill, the bound in lots; the fit is the same', () => {
    const lots = calibrateTape(tape, { to: 0.6, dt: 1, horizon: 300, orderSize: 0.5, maxInventory: 10 }, reports);
    expect(lots.config.orderSize).toBe(0.5);
    expect(lots.config.maxInventory).toBe(5);
    expect(lots.config.arrivals).toEqual(r.config.arrivals);
    expect(lots.config.gamma).toBe(r.config.gamma);
    expect(r.config.orderSize).toBe(1);
    expect(r.config.maxInventory).toBe(25);
    expect(() => calibrateTape(tape, { to: 0.6, orderSize: 0 }, reports)).toThrow('orderSize must be a number > 0 (units per order, the lot), got 0');
    expect(() => calibrateTape(tape, { to: 0.6, maxInventory: 0.5 }, reports)).toThrow('maxInventory must be a number >= 1 (lots of orderSize), got 0.5');
  });

  it('round-trips through the preset file and calibrated:<path> ids', () => {
    const p = join(dir, 'amzn.json');
    writeCalibratedConfig(p, r);
    expect(loadCalibratedConfig(p)).toEqual(r.config);
    expect(resolveEnvConfig(`calibrated:${p}`, { gamma: 0.5 }).gamma).toBe(0.5);
  });

  it('names the problem with a bad preset file', () => {
    expect(() => loadCalibratedConfig(join(dir, 'missing.json'))).toThrow(/cannot read it .*mmgym calibrate --data/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(() => loadCalibratedConfig(bad)).toThrow(/not valid JSON/);
    const neg = join(dir, 'neg.json');
    writeFileSync(neg, JSON.stringify({ kind: 'mmgym-calibrated-env', version: 1, config: { ...r.config, dt: -1 } }));
    expect(() => loadCalibratedConfig(neg)).toThrow(/neg\.json: .*dt/);
  });
});
